package com.gstcomms.email;

import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.MailResult;
import io.vertx.ext.mail.SMTPException;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.mail.MailClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SMTP fallback. The platform's server is quarkus-mailer's own client (configured by
 * {@code quarkus.mailer.*}); a shop's own server gets a Vert.x {@link MailClient} created for the batch
 * from its settings (quarkus-mailer configures mailers only at build/start time, a shop's server is
 * known only at run time) and closed after it.
 *
 * <p>SMTP sends one message per recipient: a campaign group is expanded with each recipient's
 * substitutions, so they receive exactly what SendGrid would have made. The Message-ID is the one the
 * client generated and sent ({@link MailResult#getMessageID()}).
 */
@ApplicationScoped
class SmtpMail {

    static final String PROVIDER = "SMTP";
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final MailClient platform;
    private final Vertx vertx;

    SmtpMail(MailClient platform, Vertx vertx) {
        this.platform = platform;
        this.vertx = vertx;
    }

    /** A shop's own SMTP server (settings from Settings → Providers; the password is the sealed secret). */
    record Server(String host, int port, String username, String password, String security) {
        @Override
        public String toString() {
            return "Server[" + host + ":" + port + ", user " + username + ", " + security + "]";
        }
    }

    /** A client for a shop's server, to be closed after the batch. */
    MailClient open(Server server) {
        MailConfig config = new MailConfig().setHostname(server.host()).setPort(server.port())
                .setConnectTimeout(10_000);
        switch (server.security() == null ? "STARTTLS" : server.security().toUpperCase(java.util.Locale.ROOT)) {
            case "SSL", "TLS" -> config.setSsl(true);
            case "NONE" -> config.setStarttls(StartTLSOptions.DISABLED);
            default -> config.setStarttls(StartTLSOptions.REQUIRED);
        }
        if (server.username() != null && !server.username().isBlank()) {
            config.setUsername(server.username()).setPassword(server.password());
        }
        return MailClient.create(vertx, config);
    }

    MailClient platform() {
        return platform;
    }

    /** Sends one message per recipient through this client; the outcome for each notification id. */
    Map<Long, SendOutcome> send(OutgoingEmail mail, MailClient client) {
        Map<Long, SendOutcome> outcomes = new LinkedHashMap<>();
        for (OutgoingEmail.Recipient recipient : mail.recipients()) {
            outcomes.put(recipient.notificationId(), sendOne(mail, recipient, client));
        }
        return outcomes;
    }

    private SendOutcome sendOne(OutgoingEmail mail, OutgoingEmail.Recipient recipient, MailClient client) {
        MailMessage message = new MailMessage()
                .setFrom(address(mail.from().email(), mail.from().name()))
                .setTo(recipient.email())
                .setSubject(recipient.subject());
        String text = mail.textFor(recipient);
        String html = mail.htmlFor(recipient);
        if (text != null) {
            message.setText(text);
        }
        if (html != null) {
            message.setHtml(html);
        }
        Map<String, String> headers = new LinkedHashMap<>(mail.headers());
        headers.putAll(recipient.headers());
        if (mail.from().replyTo() != null) {
            headers.put("Reply-To", mail.from().replyTo());
        }
        // The same correlation SendGrid's custom_args give, for anyone reading the raw message.
        headers.put("X-GstComms-Notification", Long.toString(recipient.notificationId()));
        io.vertx.core.MultiMap multiMap = io.vertx.core.MultiMap.caseInsensitiveMultiMap();
        headers.forEach(multiMap::add);
        message.setHeaders(multiMap);
        if (!mail.attachments().isEmpty()) {
            message.setAttachment(mail.attachments().stream().map(a -> MailAttachment.create()
                    .setName(a.filename()).setContentType(a.contentType()).setDisposition("attachment")
                    .setData(io.vertx.core.buffer.Buffer.buffer(a.content()))).toList());
        }
        try {
            MailResult result = client.sendMail(message).await().atMost(SEND_TIMEOUT);
            return new SendOutcome.Sent(PROVIDER, result.getMessageID());
        } catch (RuntimeException e) {
            return classify(e);
        }
    }

    static SendOutcome classify(Throwable e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof SMTPException)) {
            cause = cause.getCause();
        }
        if (cause instanceof SMTPException smtp) {
            String reply = smtp.getReplyCode() + " " + smtp.getReplyMessage();
            // RFC 5321 §4.2.1: 5yz is a permanent failure, 4yz transient.
            return smtp.isPermanent()
                    ? new SendOutcome.Failed("SMTP_" + smtp.getReplyCode(), "The SMTP server refused the message: " + reply)
                    : new SendOutcome.Retry("SMTP_" + smtp.getReplyCode(), "The SMTP server asked to try later: " + reply,
                    Duration.ZERO);
        }
        return new SendOutcome.Retry("SMTP_UNREACHABLE", "The SMTP server could not be reached: "
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"),
                Duration.ZERO);
    }

    private static String address(String email, String name) {
        if (name == null || name.isBlank()) {
            return email;
        }
        // RFC 5322 display name as a quoted string; Vert.x encodes non-ASCII (RFC 2047).
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\" <" + email + ">";
    }
}
