package com.gstcomms.whatsapp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * The platform's own Twilio account, used for shops that did not bring theirs, and where Twilio is.
 * The auth token is read at run time through PlatformSecrets (Secrets Manager in AWS), not from here.
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

    /**
     * The platform account's auth token as a plain value (tests). Never read it here: code asks
     * {@code PlatformSecrets} for {@code TWILIO_AUTH_TOKEN}, which reads Secrets Manager in AWS and falls
     * back to this. Declared so the property stays a known key of this mapping.
     */
    Optional<String> authToken();

    /** The platform's WhatsApp sender number (E.164, with or without the {@code whatsapp:} prefix). */
    Optional<String> sender();

    /** Connect and response timeout of one call to Twilio. */
    @WithDefault("15S")
    Duration timeout();
}
