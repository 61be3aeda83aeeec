package com.gstcomms.whatsapp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * The platform's own Twilio account, used for shops that did not bring theirs, and where Twilio is.
 * The auth token is not here: PlatformSecrets reads it at run time (Secrets Manager in AWS).
 */
@ConfigMapping(prefix = "gstcomms.twilio")
public interface TwilioConfig {

    /**
     * Where the Twilio REST API is: absent (or https://api.twilio.com) in production; the local
     * stand-in's URL in tests and on the local cloud. twilio-java 13 has no such setting, so
     * {@link TwilioHttpClient} rewrites the URLs.
     */
    Optional<String> baseUrl();

    Optional<String> accountSid();

    // The platform account's auth token is read at run time through PlatformSecrets (TWILIO_AUTH_TOKEN:
    // Secrets Manager in AWS, gstcomms.twilio.auth-token locally), not kept in the environment.

    /** The platform's WhatsApp sender number (E.164, with or without the {@code whatsapp:} prefix). */
    Optional<String> sender();

    /** Connect and response timeout of one call to Twilio. */
    @WithDefault("15S")
    Duration timeout();
}
