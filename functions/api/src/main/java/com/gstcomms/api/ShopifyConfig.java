package com.gstcomms.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The Shopify app's credentials: they sign session tokens (HS256) and webhooks (HMAC-SHA256). */
@ConfigMapping(prefix = "gstcomms.shopify")
public interface ShopifyConfig {
    /** The app's client id: the {@code aud} of its session tokens. */
    String apiKey();

    // The app's client secret is not here: it is read at run time through PlatformSecrets
    // (SHOPIFY_API_SECRET: Secrets Manager in AWS, gstcomms.shopify.api-secret locally).

    /** Clock skew allowed on {@code exp} and {@code nbf}. */
    @WithDefault("5S")
    Duration tokenLeeway();
}
