package com.gstcomms.email;

import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.MailResult;
import io.vertx.ext.mail.SMTPException;
import io.vertx.ext.mail.mailencoder.MailEncoder;
import io.vertx.mutiny.ext.mail.MailClient;
import com.gstcomms.providers.smtp.ShopSmtpServers;
import com.gstcomms.runtime.outbound.SmtpSession;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SMTP fallback. The platform's server is quarkus-mailer's own client (configured by
 * {@code quarkus.mailer.*}); a shop's own server gets an {@link SmtpSession} for the batch from
 * shared/providers' {@link ShopSmtpServers}, which checks
 * the address it connects to (see {@link #send(OutgoingEmail, Server)}).
 *
 * <p>SMTP sends one message per recipient: a campaign group is expanded with each recipient's
 * substitutions, so they receive exactly what SendGrid would have made. The Message-ID is the one the
 * client generated and sent ({@link MailResult#getMessageID()}).
 */
@ApplicationScoped
class SmtpMail {

    static final String PROVIDER = "SMTP";
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
    /** Connect and each reply of a shop's server (the platform's client has its own settings). */
    private static final Duration SHOP_SERVER_TIMEOUT = Duration.ofSeconds(20);

    private final MailClient platform;
    private final ShopSmtpServers shopServers;

    SmtpMail(MailClient platform, ShopSmtpServers shopServers) {
        this.platform = platform;
        this.shopServers = shopServers;
    }

    /** A shop's own SMTP server (settings from Settings → Providers; the password is the sealed secret). */
    record Server(String host, int port, String username, String password, String security) {
        @Override
        public String toString() {
            return "Server[" + host + ":" + port + ", user " + username + ", " + security + "]";
        }

        SmtpSession.Server session() {
            return new SmtpSession.Server(host, port, security, username, password);
        }
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
        try {
            MailResult result = client.sendMail(message(mail, recipient)).await().atMost(SEND_TIMEOUT);
            return new SendOutcome.Sent(PROVIDER, result.getMessageID());
        } catch (RuntimeException e) {
            return classify(e);
        }
    }

    /**
     * Sends one message per recipient through a shop's own server, over {@link SmtpSession}: the host is
     * resolved and checked (public addresses, SMTP ports) now, when connecting, and the connection goes to
     * that checked address, TLS verified against the configured name (issue 15 §4). Vert.x's client cannot
     * do this (it resolves the name itself when it connects), so the message is encoded by Vert.x's
     * {@link MailEncoder} — the same MIME the platform's server gets — and sent by the session.
     */
    Map<Long, SendOutcome> send(OutgoingEmail mail, Server server) {
        Map<Long, SendOutcome> outcomes = new LinkedHashMap<>();
        SmtpSession session;
        try {
            if (!SmtpSession.isSafe(mail.from().email()) || !SmtpSession.isSafe(mail.from().name())) {
                throw new SmtpSession.NotAllowed("fromEmail", "the sender must not contain line breaks");
            }
            session = shopServers.open(server.session(), SHOP_SERVER_TIMEOUT);
        } catch (IOException e) {
            SendOutcome outcome = classify(e);
            mail.recipients().forEach(r -> outcomes.put(r.notificationId(), outcome));
            return outcomes;
        }
        try (session) {
            for (OutgoingEmail.Recipient recipient : mail.recipients()) {
                SendOutcome outcome;
                try {
                    if (!SmtpSession.isSafe(recipient.email())) {
                        throw new SmtpSession.NotAllowed("to", "the recipient address must not contain line breaks");
                    }
                    MailEncoder encoder = new MailEncoder(message(mail, recipient), SmtpSession.OWN_NAME);
                    String text = encoder.encode();
                    session.send(mail.from().email(), recipient.email(), text);
                    outcome = new SendOutcome.Sent(PROVIDER, encoder.getMessageID());
                } catch (SmtpSession.Refused | SmtpSession.NotAllowed e) {
                    outcome = classify(e);
                } catch (IOException | RuntimeException e) {
                    // The connection is gone: this one and the rest are tried again later.
                    SendOutcome again = classify(e);
                    mail.recipients().stream().filter(r -> !outcomes.containsKey(r.notificationId()))
                            .forEach(r -> outcomes.put(r.notificationId(), again));
                    break;
                }
                outcomes.put(recipient.notificationId(), outcome);
            }
        }
        return outcomes;
    }

    private static MailMessage message(OutgoingEmail mail, OutgoingEmail.Recipient recipient) {
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
        return message;
    }

    static SendOutcome classify(Throwable e) {
        if (e instanceof SmtpSession.NotAllowed notAllowed) {
            // The shop's settings point where we do not connect (or carry a line break): no retry helps.
            return new SendOutcome.Failed("SMTP_NOT_ALLOWED", "The shop's SMTP settings are refused: "
                    + notAllowed.getMessage());
        }
        if (e instanceof SmtpSession.Refused refused) {
            // RFC 5321 §4.2.1 as below; the server's own text is not repeated (issue 15 §4).
            return refused.permanent()
                    ? new SendOutcome.Failed("SMTP_" + refused.code(), "The SMTP server refused the message: "
                    + refused.getMessage())
                    : new SendOutcome.Retry("SMTP_" + (refused.code() < 0 ? "UNREACHABLE" : refused.code()),
                    "The SMTP server asked to try later: " + refused.getMessage(), Duration.ZERO);
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return new SendOutcome.Retry("SMTP_TLS", "Could not connect to the SMTP server: its TLS certificate is "
                    + "not trusted or not for the configured host name", Duration.ZERO);
        }
        if (e instanceof IOException) {
            return new SendOutcome.Retry("SMTP_UNREACHABLE", "Could not connect to the SMTP server", Duration.ZERO);
        }
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
