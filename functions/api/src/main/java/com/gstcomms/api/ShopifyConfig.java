package com.gstcomms.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The Shopify app's credentials: they sign session tokens (HS256) and webhooks (HMAC-SHA256). */
@ConfigMapping(prefix = "gstcomms.shopify")
public interface ShopifyConfig {
    /** The app's client id: the {@code aud} of its session tokens. */
    String apiKey();

    /**
     * The app's client secret as a plain value (tests, {@code quarkus dev}). Never read it here: code asks
     * {@code PlatformSecrets} for {@code SHOPIFY_API_SECRET}, which reads Secrets Manager in AWS and falls
     * back to this. Declared so the property stays a known key of this mapping.
     */
    Optional<String> apiSecret();

    /**
     * The client secret before the last rotation: Shopify may go on signing webhooks with it for up to an
     * hour after a rotation (Shopify "Rotate or revoke client credentials"). Webhooks only; remove it after that hour.
     */
    Optional<String> previousApiSecret();

    /**
     * Compliance webhooks whose {@code X-Shopify-Triggered-At} is older than this are refused. Shopify retries
     * a delivery 8 times over 4 hours; 24 h leaves room for late retries and clock skew, and de-duplication
     * keeps each delivery 30 days, longer than this window.
     */
    @WithDefault("24H")
    Duration webhookMaxAge();

    /** Clock skew allowed on {@code exp} and {@code nbf}. */
    @WithDefault("5S")
    Duration tokenLeeway();
}
