package com.gstcomms.runtime.data;

import io.quarkus.hibernate.reactive.panache.PanacheEntity;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;

/**
 * A shop's settings for one provider. The secret (API key, password, auth token) is stored only
 * sealed — see {@link com.gstcomms.runtime.secrets.SecretSealer} — with a short hint for masked
 * display ({@code ****abcd}); it is never read back in clear through the API.
 */
@Entity
public class ShopCredential extends PanacheEntity {
    public enum Provider { SENDGRID, SMTP, TWILIO }

    public long shopId;
    @Enumerated(EnumType.STRING)
    public Provider provider;
    /** Non-secret settings (SMTP host/port/user, Twilio account SID and sender) as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String settings = "{}";
    public byte[] secretCiphertext;
    public byte[] secretWrappedKey;
    /** Which master key wrapped the data key (KMS key ARN, or "local:<fingerprint>"). */
    public String secretKeyRef;
    public String secretHint;
    public String status = "UNKNOWN";
    public OffsetDateTime lastCheckedAt;
    public String lastError;
    public OffsetDateTime updatedAt = OffsetDateTime.now();

    public static Uni<ShopCredential> findFor(long shopId, Provider provider) {
        return find("shopId = ?1 and provider = ?2", shopId, provider).firstResult();
    }
}
