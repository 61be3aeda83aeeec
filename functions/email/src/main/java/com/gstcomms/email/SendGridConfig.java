package com.gstcomms.email;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** SendGrid v3 Mail Send: where it is, the platform's key, and how long to wait before falling back to SMTP. */
@ConfigMapping(prefix = "gstcomms.sendgrid")
public interface SendGridConfig {

    /** {@code https://api.sendgrid.com}; a local stand-in is {@code http://127.0.0.1:PORT}. */
    @WithDefault("https://api.sendgrid.com")
    String baseUrl();

    /**
     * The platform's key as a plain value (local cloud without Secrets Manager, tests), for shops that have
     * not configured their own; none: SMTP only. Never read it here: code asks {@code PlatformSecrets} for
     * {@code SENDGRID_API_KEY}, which reads Secrets Manager in AWS and falls back to this. Declared so the
     * property stays a known key of this mapping.
     */
    Optional<String> apiKey();

    /** Connecting longer than this means SendGrid is unreachable: fall back to SMTP. */
    @WithDefault("2S")
    Duration connectTimeout();

    /**
     * Waiting longer than this for the answer means SendGrid hangs: fall back to SMTP. (SendGrid may
     * still have accepted the request; see README "Timeouts".)
     */
    @WithDefault("10S")
    Duration readTimeout();
}
