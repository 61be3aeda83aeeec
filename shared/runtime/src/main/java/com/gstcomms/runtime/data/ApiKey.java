package com.gstcomms.runtime.data;

import io.quarkus.hibernate.reactive.panache.PanacheEntity;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.time.Clock;
import java.time.OffsetDateTime;

/** An API key of a shop: only its SHA-256 hash is stored; the key itself is shown once. */
@Entity
public class ApiKey extends PanacheEntity {
    public enum Role { OWNER, STAFF, VIEWER }

    public long shopId;
    public String name;
    /** The first characters of the key, so the owner can tell keys apart. */
    public String keyPrefix;
    public String keyHash;
    @Enumerated(EnumType.STRING)
    public Role role;
    public String createdBy;
    public OffsetDateTime createdAt = OffsetDateTime.now();
    public OffsetDateTime lastUsedAt;
    public OffsetDateTime revokedAt;
    /**
     * After this the key is refused (401 "expired") until the owner renews it. The API sets it from its
     * configured lifetime; 90 days is the default of both this field and the column (V11).
     */
    public OffsetDateTime expiresAt = OffsetDateTime.now().plusDays(90);

    /** Not revoked and not expired. */
    public static Uni<ApiKey> findActiveByHash(String keyHash, Clock clock) {
        return find("keyHash = ?1 and revokedAt is null and expiresAt > ?2", keyHash, OffsetDateTime.now(clock)).firstResult();
    }

    public boolean expired(Clock clock) {
        return expiresAt != null && !expiresAt.isAfter(OffsetDateTime.now(clock));
    }
}
