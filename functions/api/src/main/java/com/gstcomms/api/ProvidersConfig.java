package com.gstcomms.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Where the providers' APIs are and how their webhooks are checked. */
public interface ProvidersConfig {

    @ConfigMapping(prefix = "gstcomms.sendgrid")
    interface SendGrid {
        @WithDefault("https://api.sendgrid.com")
        String baseUrl();

        /** The platform's own key, if any (shops normally bring their own through /v1/settings/providers). */
        Optional<String> apiKey();

        /**
         * The Signed Event Webhook verification key as SendGrid's settings page shows it (base64 of the
         * X.509 SubjectPublicKeyInfo of an ECDSA P-256 key). Without it every event post is refused.
         */
        Optional<String> webhookPublicKey();

        /** Events signed longer ago (or further ahead) than this are refused as replays. */
        @WithDefault("5M")
        Duration webhookMaxAge();
    }

    @ConfigMapping(prefix = "gstcomms.twilio")
    interface Twilio {
        @WithDefault("https://api.twilio.com")
        String baseUrl();

        /** The platform's own account, if any; shops normally bring theirs. */
        Optional<String> accountSid();

        Optional<String> authToken();
    }
}
