package com.gstcomms.whatsapp;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/**
 * The platform's own Twilio account, used for shops that did not bring theirs.
 * The auth token is read at run time through PlatformSecrets (Secrets Manager in AWS), not from here.
 * Where Twilio is and the call timeout ({@code base-url}, {@code timeout}) are shared/providers'
 * {@code TwilioApiConfig}.
 */
@ConfigMapping(prefix = "gstcomms.twilio")
public interface TwilioConfig {

    Optional<String> accountSid();

    /**
     * The platform account's auth token as a plain value (tests). Never read it here: code asks
     * {@code PlatformSecrets} for {@code TWILIO_AUTH_TOKEN}, which reads Secrets Manager in AWS and falls
     * back to this. Declared so the property stays a known key of this mapping.
     */
    Optional<String> authToken();

    /** The platform's WhatsApp sender number (E.164, with or without the {@code whatsapp:} prefix). */
    Optional<String> sender();
}
