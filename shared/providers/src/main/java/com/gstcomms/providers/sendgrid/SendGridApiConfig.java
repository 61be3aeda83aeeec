package com.gstcomms.providers.sendgrid;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Where SendGrid's v3 API is, the platform's key, and how long to wait for it. The email function's
 * fallback to SMTP and the API's probes both use these; each function sets its own timeouts.
 */
@ConfigMapping(prefix = "gstcomms.sendgrid")
public interface SendGridApiConfig {

    /** {@code https://api.sendgrid.com}; a local stand-in is {@code http://127.0.0.1:PORT}. */
    @WithDefault("https://api.sendgrid.com")
    String baseUrl();

    /**
     * The platform's key as a plain value (local cloud without Secrets Manager, tests), for shops that have
     * not configured their own; none: SMTP only. The email function asks {@code PlatformSecrets} for
     * {@code SENDGRID_API_KEY}, which reads Secrets Manager in AWS and falls back to this.
     */
    Optional<String> apiKey();

    /** Connecting longer than this means SendGrid is unreachable (the email function falls back to SMTP). */
    @WithDefault("2S")
    Duration connectTimeout();

    /**
     * Waiting longer than this for the answer means SendGrid hangs. (SendGrid may still have accepted the
     * request; see the email function's README "Timeouts".)
     */
    @WithDefault("10S")
    Duration readTimeout();
}
