package com.gstcomms.email;

import com.gstcomms.core.json.JsonMappers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gstcomms.providers.sendgrid.SendGridAnswer;
import com.gstcomms.providers.sendgrid.SendGridMailSend;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * SendGrid v3 Mail Send for the email function: the request body and what its answer means for the
 * delivery; the HTTP call is shared/providers' {@link SendGridMailSend} (the one SendGrid client).
 *
 * <p>One request carries one {@link OutgoingEmail}: each recipient is a personalization with its own
 * {@code to}, {@code subject}, {@code substitutions}, {@code headers} and {@code custom_args}
 * ({@code notificationId}; {@code shopId} and {@code campaignId} are message-level — the names the API's
 * Event Webhook handler reads), so the Event
 * Webhook's events name the notification. Categories: the kind, and {@code campaign-{id}} for campaigns.
 *
 * <p>A 429 goes back to SQS with a backoff; 5xx and no answer fall back to SMTP.
 */
@ApplicationScoped
class SendGridMail {

    static final String PROVIDER = "SENDGRID";

    /**
     * The custom_args names: SendGrid returns them as top-level keys of each Event Webhook event, and the
     * API's reader (functions/api {@code SendGridEvents}) finds the notification and the shop by them.
     * Renaming one breaks delivery tracking; README.md names them (a test compares).
     */
    static final String NOTIFICATION_ARG = "notificationId";
    static final String SHOP_ARG = "shopId";
    static final String CAMPAIGN_ARG = "campaignId";
    private static final Logger LOG = Logger.getLogger(SendGridMail.class);
    private static final ObjectMapper JSON = JsonMappers.standard();

    private final SendGridMailSend mailSend;

    SendGridMail(SendGridMailSend mailSend) {
        this.mailSend = mailSend;
    }

    /**
     * Sends one request with this key.
     *
     * @param keyOwner "the shop's" or "the platform's": named in errors instead of the key itself
     */
    SendOutcome send(OutgoingEmail mail, String apiKey, String keyOwner) {
        String body;
        try {
            body = JSON.writeValueAsString(toJson(mail));
        } catch (JsonProcessingException e) {
            return new SendOutcome.Failed("SENDGRID_REQUEST", "The message cannot be written as JSON: " + e.getOriginalMessage());
        }
        SendGridAnswer answer;
        try {
            answer = mailSend.send(apiKey, body);
        } catch (IOException e) {
            // Connect or read timeout, refused connection, reset: SendGrid is not answering.
            return new SendOutcome.Unavailable("SENDGRID_UNREACHABLE", "SendGrid did not answer: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
        return classify(answer, keyOwner);
    }

    static SendOutcome classify(SendGridAnswer answer, String keyOwner) {
        int status = answer.status();
        if (answer.accepted()) {
            return new SendOutcome.Sent(PROVIDER, answer.messageId());
        }
        return switch (status) {
            case 429 -> new SendOutcome.Retry("SENDGRID_RATE_LIMITED",
                    "SendGrid rate limit reached (429); retried later", answer.untilRateLimitReset(Instant.now()));
            case 401 -> new SendOutcome.Failed("SENDGRID_UNAUTHORIZED", "SendGrid rejected " + keyOwner
                    + " API key (401 Unauthorized): it is invalid, expired or revoked. Update it in Settings → Providers");
            case 403 -> new SendOutcome.Failed("SENDGRID_FORBIDDEN", "SendGrid refused " + keyOwner
                    + " API key (403 Forbidden): it lacks the Mail Send permission, or the sender is not verified: "
                    + answer.errors());
            case 413 -> new SendOutcome.Failed("MESSAGE_TOO_LARGE",
                    "SendGrid refused the message as too large (413): at most 30 MB including attachments");
            case 400 -> new SendOutcome.Failed("SENDGRID_BAD_REQUEST",
                    "SendGrid refused the message (400): " + answer.errors());
            default -> status >= 500
                    ? new SendOutcome.Unavailable("SENDGRID_" + status, "SendGrid answered " + status)
                    : new SendOutcome.Failed("SENDGRID_" + status, "SendGrid refused the message (" + status + "): "
                    + answer.errors());
        };
    }

    static ObjectNode toJson(OutgoingEmail mail) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode personalizations = root.putArray("personalizations");
        for (OutgoingEmail.Recipient r : mail.recipients()) {
            ObjectNode p = personalizations.addObject();
            p.putArray("to").addObject().put("email", r.email());
            p.put("subject", r.subject());
            if (!r.substitutions().isEmpty()) {
                ObjectNode subs = p.putObject("substitutions");
                r.substitutions().forEach(subs::put);
            }
            if (!r.headers().isEmpty()) {
                ObjectNode headers = p.putObject("headers");
                r.headers().forEach(headers::put);
            }
            p.putObject("custom_args").put(NOTIFICATION_ARG, Long.toString(r.notificationId()));
        }
        ObjectNode from = root.putObject("from").put("email", mail.from().email());
        if (mail.from().name() != null && !mail.from().name().isBlank()) {
            from.put("name", mail.from().name());
        }
        if (mail.from().replyTo() != null) {
            root.putObject("reply_to").put("email", mail.from().replyTo());
        }
        ArrayNode content = root.putArray("content");   // text/plain first, then text/html (SendGrid's rule)
        if (mail.text() != null) {
            content.addObject().put("type", "text/plain").put("value", mail.text());
        }
        if (mail.html() != null) {
            content.addObject().put("type", "text/html").put("value", mail.html());
        }
        if (!mail.attachments().isEmpty()) {
            ArrayNode attachments = root.putArray("attachments");
            for (OutgoingEmail.Attachment a : mail.attachments()) {
                attachments.addObject()
                        .put("content", Base64.getEncoder().encodeToString(a.content()))
                        .put("filename", a.filename())
                        .put("type", a.contentType())
                        .put("disposition", "attachment");
            }
        }
        if (!mail.headers().isEmpty()) {
            ObjectNode headers = root.putObject("headers");
            mail.headers().forEach(headers::put);
        }
        ArrayNode categories = root.putArray("categories");
        categories.add(mail.kind().toLowerCase(Locale.ROOT));
        if (mail.campaignId() != null) {
            categories.add("campaign-" + mail.campaignId());
        }
        ObjectNode args = root.putObject("custom_args").put(SHOP_ARG, Long.toString(mail.shopId()));
        if (mail.campaignId() != null) {
            args.put(CAMPAIGN_ARG, Long.toString(mail.campaignId()));
        }
        LOG.debugf("SendGrid request for shop %d: %d recipient(s)", mail.shopId(), mail.recipients().size());
        return root;
    }
}
