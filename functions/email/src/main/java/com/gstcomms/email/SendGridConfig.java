package com.gstcomms.email;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** SendGrid v3 Mail Send: where it is, the platform's key, and how long to wait before falling back to SMTP. */
@ConfigMapping(prefix = "gstcomms.sendgrid")
public interface SendGridConfig {

    /** {@code https://api.sendgrid.com}; a local stand-in is {@code http://127.0.0.1:PORT}. */
    @WithDefault("https://api.sendgrid.com")
    String baseUrl();

    // The platform's key (for shops that have not configured their own; none: SMTP only) is read at
    // run time through PlatformSecrets (SENDGRID_API_KEY: Secrets Manager in AWS, gstcomms.sendgrid.api-key
    // locally).

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
