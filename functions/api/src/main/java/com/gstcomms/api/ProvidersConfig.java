package com.gstcomms.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The platform's Twilio account and how the providers' webhooks are checked. */
public interface ProvidersConfig {

    /** Where SendGrid is, the platform's key and the timeouts: shared/providers' {@code SendGridApiConfig}. */
    @ConfigMapping(prefix = "gstcomms.sendgrid")
    interface SendGrid {
        /**
         * The Signed Event Webhook verification key as SendGrid's settings page shows it (base64 of the
         * X.509 SubjectPublicKeyInfo of an ECDSA P-256 key). Without it every event post is refused.
         */
        Optional<String> webhookPublicKey();

        /** Events signed longer ago (or further ahead) than this are refused as replays. */
        @WithDefault("5M")
        Duration webhookMaxAge();
    }

    /** Where Twilio is and the timeout: shared/providers' {@code TwilioApiConfig}. */
    @ConfigMapping(prefix = "gstcomms.twilio")
    interface Twilio {
        /** The platform's own account, if any; shops normally bring theirs. */
        Optional<String> accountSid();

        Optional<String> authToken();
    }
}
