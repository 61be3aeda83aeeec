package com.gstcomms.runtime.data;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import java.time.OffsetDateTime;

/**
 * A sign-in session of the merchant's pages (functions/api). The browser's cookie holds a random 256-bit
 * token; only its SHA-256 is stored here, so a copy of this table opens no session. Signing out sets
 * {@code revokedAt}; a session also ends at {@code expiresAt} and when its API key is revoked or expires.
 */
@Entity
public class UiSession extends PanacheEntityBase {
    @Id
    public String tokenHash;
    public long shopId;
    /** The API key the session was opened with (null for a Shopify user's session). */
    public Long apiKeyId;
    public String shopifyUserId;
    @Enumerated(EnumType.STRING)
    public ApiKey.Role role;
    public OffsetDateTime createdAt = OffsetDateTime.now();
    public OffsetDateTime expiresAt;
    public OffsetDateTime revokedAt;
}
