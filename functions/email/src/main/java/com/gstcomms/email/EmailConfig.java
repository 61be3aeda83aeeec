package com.gstcomms.email;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Settings of the email function (template.yaml passes production values as environment variables). */
@ConfigMapping(prefix = "gstcomms.email")
public interface EmailConfig {

    /**
     * The platform's sender address, used with the platform's SendGrid key or SMTP server (it must be a
     * verified sender there); the shop's name is the display name and the shop's email the Reply-To.
     */
    @WithDefault("noreply@gstcomms.in")
    String fromEmail();

    /**
     * How long a claimed notification belongs to this worker. At least the function's timeout, so a
     * live worker never loses its claim; a worker that died frees the row after this.
     */
    @WithDefault("15M")
    Duration claimLease();

    /** Recipients per SendGrid request for campaign mail (SendGrid's limit is 1,000 personalizations). */
    @WithDefault("1000")
    int maxPersonalizations();

    /**
     * Largest request we hand to a provider: SendGrid refuses messages of 30 MB or more, attachments
     * included (base64 makes a PDF a third bigger).
     */
    @WithDefault("31457280")
    long maxMessageBytes();

    /** Backoff of retried sends (429, 5xx without SMTP, SMTP 4xx): base × 2^(receive−1), capped, jittered. */
    @WithDefault("30S")
    Duration retryBase();

    @WithDefault("15M")
    Duration retryMax();

    /** A missing attachment is waited for until this receive, then the notification fails. */
    @WithDefault("3")
    int attachmentReceives();

    /** Whether the platform's SMTP server (quarkus.mailer.*) is a fallback when a shop has none of its own. */
    @WithDefault("true")
    boolean platformSmtp();

    /** The platform SMTP sender; defaults to {@link #fromEmail()}. */
    Optional<String> smtpFromEmail();
}
