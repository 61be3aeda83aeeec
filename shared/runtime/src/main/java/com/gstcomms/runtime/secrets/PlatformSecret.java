package com.gstcomms.runtime.secrets;

import java.util.Locale;

/**
 * The platform's own secrets: the Shopify app's client secret, the unsubscribe-link key, and the platform
 * SendGrid key and Twilio auth token (for shops that did not bring their own). Each is read at run time
 * through {@link PlatformSecrets}.
 *
 * <p>{@link #secretIdProperty()} names the Secrets Manager secret holding it (its name or ARN; in AWS
 * template.yaml sets {@code GSTCOMMS_PLATFORM_SECRETS_SHOPIFY_API_SECRET} etc.); without one the plain
 * {@link #plainProperty()} is used, as on the local cloud and in tests.
 */
public enum PlatformSecret {
    SHOPIFY_API_SECRET("gstcomms.shopify.api-secret"),
    UNSUBSCRIBE_SECRET("gstcomms.unsubscribe.secret"),
    SENDGRID_API_KEY("gstcomms.sendgrid.api-key"),
    TWILIO_AUTH_TOKEN("gstcomms.twilio.auth-token");

    private final String plainProperty;

    PlatformSecret(String plainProperty) {
        this.plainProperty = plainProperty;
    }

    /** The configuration key holding the value itself (local cloud, tests). */
    public String plainProperty() {
        return plainProperty;
    }

    /** {@code gstcomms.platform-secrets.shopify-api-secret}: the Secrets Manager secret id (AWS). */
    public String secretIdProperty() {
        return "gstcomms.platform-secrets." + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
