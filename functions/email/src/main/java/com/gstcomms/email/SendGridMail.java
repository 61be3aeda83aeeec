package com.gstcomms.email;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sendgrid.Client;
import com.sendgrid.Method;
import com.sendgrid.Request;
import com.sendgrid.Response;
import com.sendgrid.SendGrid;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SendGrid v3 Mail Send ({@code POST /v3/mail/send}) through sendgrid-java 4.10.3.
 *
 * <p>One request carries one {@link OutgoingEmail}: each recipient is a personalization with its own
 * {@code to}, {@code subject}, {@code substitutions}, {@code headers} and {@code custom_args}
 * ({@code notificationId}; {@code shopId} and {@code campaignId} are message-level — the names the API's
 * Event Webhook handler reads), so the Event
 * Webhook's events name the notification. Categories: the kind, and {@code campaign-{id}} for campaigns.
 *
 * <p>sendgrid-java returns 4xx/5xx as a {@link Response} rather than throwing (docs/TRAPS.md "sendgrid-java does not throw on 4xx/5xx"): the status is
 * classified here. Its HTTP client gets short connect/read timeouts, so a hung SendGrid falls back to
 * SMTP instead of eating the function's time. The library's own 429 retry (it sleeps) is not used:
 * {@code api()} is called, not {@code attempt()}, and a 429 goes back to SQS with a backoff.
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
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloseableHttpClient http;
    private final Client client;
    private final String host;

    SendGridMail(SendGridConfig config) {
        URI base = URI.create(config.baseUrl());
        boolean plainHttp = "http".equalsIgnoreCase(base.getScheme());
        this.host = base.getHost() + (base.getPort() > 0 ? ":" + base.getPort() : "");
        RequestConfig timeouts = RequestConfig.custom()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setConnectionRequestTimeout((int) config.connectTimeout().toMillis())
                .setSocketTimeout((int) config.readTimeout().toMillis())
                .build();
        this.http = HttpClients.custom().setDefaultRequestConfig(timeouts)
                .setMaxConnTotal(20).setMaxConnPerRoute(20).useSystemProperties().build();
        // Client(httpClient, test): test=true means plain http, for a local stand-in.
        this.client = new Client(http, plainHttp);
    }

    @PreDestroy
    void close() throws IOException {
        http.close();
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
        SendGrid sendGrid = new SendGrid(apiKey, client);
        sendGrid.setHost(host);
        Request request = new Request();
        request.setMethod(Method.POST);
        request.setEndpoint("mail/send");
        request.setBody(body);
        Response response;
        try {
            response = sendGrid.api(request);
        } catch (IOException e) {
            // Connect or read timeout, refused connection, reset: SendGrid is not answering.
            return new SendOutcome.Unavailable("SENDGRID_UNREACHABLE", "SendGrid did not answer: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
        return classify(response, keyOwner);
    }

    static SendOutcome classify(Response response, String keyOwner) {
        int status = response.getStatusCode();
        if (status == 202 || status == 200) {
            String messageId = header(response.getHeaders(), "X-Message-Id");
            return new SendOutcome.Sent(PROVIDER, messageId);
        }
        return switch (status) {
            case 429 -> new SendOutcome.Retry("SENDGRID_RATE_LIMITED",
                    "SendGrid rate limit reached (429); retried later", untilReset(response));
            case 401 -> new SendOutcome.Failed("SENDGRID_UNAUTHORIZED", "SendGrid rejected " + keyOwner
                    + " API key (401 Unauthorized): it is invalid, expired or revoked. Update it in Settings → Providers");
            case 403 -> new SendOutcome.Failed("SENDGRID_FORBIDDEN", "SendGrid refused " + keyOwner
                    + " API key (403 Forbidden): it lacks the Mail Send permission, or the sender is not verified: "
                    + errors(response.getBody()));
            case 413 -> new SendOutcome.Failed("MESSAGE_TOO_LARGE",
                    "SendGrid refused the message as too large (413): at most 30 MB including attachments");
            case 400 -> new SendOutcome.Failed("SENDGRID_BAD_REQUEST",
                    "SendGrid refused the message (400): " + errors(response.getBody()));
            default -> status >= 500
                    ? new SendOutcome.Unavailable("SENDGRID_" + status, "SendGrid answered " + status)
                    : new SendOutcome.Failed("SENDGRID_" + status, "SendGrid refused the message (" + status + "): "
                    + errors(response.getBody()));
        };
    }

    /** SendGrid's 400 body {@code {"errors":[{"message","field","help"}]}} as one line; it never echoes the key. */
    static String errors(String body) {
        try {
            JsonNode errors = JSON.readTree(body == null ? "" : body).path("errors");
            List<String> parts = new ArrayList<>();
            for (JsonNode error : errors) {
                String field = error.path("field").isTextual() ? error.path("field").asText() + ": " : "";
                parts.add(field + error.path("message").asText());
            }
            if (!parts.isEmpty()) {
                return String.join("; ", parts);
            }
        } catch (IOException | RuntimeException e) {
            // not JSON (a proxy's HTML page): say nothing more
        }
        return "no details";
    }

    /** A 429 says when the limit resets ({@code X-RateLimit-Reset}, epoch seconds); wait at least until then. */
    private static Duration untilReset(Response response) {
        String reset = header(response.getHeaders(), "X-RateLimit-Reset");
        if (reset != null) {
            try {
                Duration wait = Duration.between(Instant.now(), Instant.ofEpochSecond(Long.parseLong(reset.trim())));
                if (!wait.isNegative()) {
                    return wait;
                }
            } catch (NumberFormatException e) {
                // ignore a malformed header
            }
        }
        return Duration.ZERO;
    }

    private static String header(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        String value = headers.get(name);
        if (value != null) {
            return value;
        }
        for (var e : headers.entrySet()) {   // proxies may change the case of header names
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
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
