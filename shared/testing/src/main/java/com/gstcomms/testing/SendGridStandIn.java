package com.gstcomms.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gstcomms.core.json.JsonMappers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for SendGrid's v3 Mail Send API ({@code POST /v3/mail/send}): it checks requests
 * the way the real API does (see {@link MailSendValidation}), answers with the real shapes (202 with
 * {@code X-Message-Id}, 400 {@code {"errors":[{"message","field","help"}]}}, 401, 403, 413) and keeps
 * every accepted message for assertions. Tests can program failures and delays, and sign Event
 * Webhook payloads like SendGrid's Signed Event Webhook.
 *
 * <p>Point sendgrid-java at it with {@code new SendGrid(key, true)} and {@code setHost(standIn.host())}.
 */
public final class SendGridStandIn extends HttpStandIn {

    /** Real keys are "SG." + 22 + "." + 43 characters; this one has the same shape. */
    public static final String VALID_API_KEY =
            "SG.gstCommsLocalStandIn.k3y-for-local-tests-only-not-a-real-key-000";

    static final String MAIL_SEND_PATH = "/v3/mail/send";
    /** SendGrid: "The total size of your email, including attachments, must be less than 30MB." */
    static final long MAX_MESSAGE_BYTES = 30L * 1024 * 1024;

    public static final String SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";
    public static final String TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";

    private static final ObjectMapper JSON = JsonMappers.standard();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Boolean> apiKeys = new ConcurrentHashMap<>();   // key -> has mail.send scope
    private final List<SentMail> sent = new CopyOnWriteArrayList<>();
    private final Queue<ProgrammedReply> failures = new ConcurrentLinkedQueue<>();
    private final Queue<Duration> delays = new ConcurrentLinkedQueue<>();
    private final KeyPair eventWebhookKeys;

    private SendGridStandIn() {
        super("sendgrid-stand-in", MAX_MESSAGE_BYTES);
        apiKeys.put(VALID_API_KEY, true);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            eventWebhookKeys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no ECDSA P-256 in this JDK", e);
        }
    }

    static SendGridStandIn start() {
        return new SendGridStandIn();
    }

    /** {@code 127.0.0.1:PORT}: what sendgrid-java's {@code setHost} takes (with {@code new SendGrid(key, true)}). */
    public String host() {
        return Loopback.HOST + ":" + port();
    }

    public String validApiKey() {
        return VALID_API_KEY;
    }

    /** Accepts one more key, with the mail.send scope. */
    public void addApiKey(String key) {
        apiKeys.put(key, true);
    }

    /** Accepts a key that authenticates but lacks mail.send: Mail Send answers 403. */
    public void addApiKeyWithoutMailSend(String key) {
        apiKeys.put(key, false);
    }

    /** Every accepted message, oldest first. */
    public List<SentMail> sent() {
        return List.copyOf(sent);
    }

    /** Forgets accepted messages and pending programmed failures and delays (keys stay). */
    public void reset() {
        sent.clear();
        failures.clear();
        delays.clear();
    }

    /**
     * The next request (after this one's programmed delay, if any) gets this answer instead of being
     * processed; each call queues one more. For the usual statuses see {@link #failNext(int)}.
     */
    public void failNext(int status, String body, Map<String, String> headers) {
        failures.add(new ProgrammedReply(status, body == null ? "" : body, Map.copyOf(headers)));
    }

    /**
     * The next request gets {@code status} with the body SendGrid sends for it: 429 with
     * {@code X-RateLimit-*} headers (reset one minute ahead), 401, 403, 413, 500, 502, 503.
     */
    public void failNext(int status) {
        switch (status) {
            case 429 -> failNext(429, errors(null, "too many requests", null), Map.of(
                    "X-RateLimit-Limit", "600",
                    "X-RateLimit-Remaining", "0",
                    "X-RateLimit-Reset", Long.toString(Instant.now().plusSeconds(60).getEpochSecond())));
            case 401 -> failNext(401, UNAUTHORIZED_BODY, Map.of());
            case 403 -> failNext(403, FORBIDDEN_BODY, Map.of());
            case 413 -> failNext(413, PAYLOAD_TOO_LARGE_BODY, Map.of("Content-Type", "text/html"));
            default -> failNext(status, errors(null, status >= 500 ? "internal server error" : "error", null),
                    Map.of());
        }
    }

    /** The next request waits this long before it is processed (to test client timeouts). */
    public void delayNext(Duration delay) {
        delays.add(delay);
    }

    /**
     * The signature SendGrid's Signed Event Webhook puts in {@value #SIGNATURE_HEADER}: base64 of the
     * DER-encoded ECDSA P-256 / SHA-256 signature over the timestamp followed by the raw payload bytes.
     */
    public String signEvent(byte[] payload, String timestamp) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(eventWebhookKeys.getPrivate());
            signer.update(timestamp.getBytes(StandardCharsets.UTF_8));
            signer.update(payload);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Both Event Webhook headers for a payload, timestamped now (epoch seconds, as SendGrid sends). */
    public Map<String, String> signedEventHeaders(byte[] payload) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SIGNATURE_HEADER, signEvent(payload, timestamp));
        headers.put(TIMESTAMP_HEADER, timestamp);
        return headers;
    }

    /**
     * The verification key as SendGrid's settings page shows it: base64 of the X.509
     * SubjectPublicKeyInfo (what sendgrid-java's {@code EventWebhook.ConvertPublicKeyToECDSA} takes).
     */
    public String verificationPublicKeyBase64() {
        return Base64.getEncoder().encodeToString(eventWebhookKeys.getPublic().getEncoded());
    }

    @Override
    Reply handle(Call call) throws IOException {
        if (!MAIL_SEND_PATH.equals(call.path())) {
            return json(404, errors(null, "resource not found", null));
        }
        if (!"POST".equals(call.method())) {
            return json(405, errors(null, "method not allowed", null));
        }
        Duration delay = delays.poll();
        if (delay != null) {
            sleep(delay);
        }
        ProgrammedReply failure = failures.poll();
        if (failure != null) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.putAll(failure.headers());
            return new Reply(failure.status(), headers, failure.body().getBytes(StandardCharsets.UTF_8));
        }

        String apiKey = bearerKey(call.header("Authorization"));
        Boolean canSend = apiKey == null ? null : apiKeys.get(apiKey);
        if (canSend == null) {
            return json(401, UNAUTHORIZED_BODY);
        }
        if (!canSend) {
            return json(403, FORBIDDEN_BODY);
        }
        if (call.bodyTooLarge()) {
            // What SendGrid's front end (nginx) answers for an over-size request.
            return Reply.of(413, "text/html", PAYLOAD_TOO_LARGE_BODY);
        }
        String contentType = call.header("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return json(415, errors(null, "Content-Type should be application/json", null));
        }
        JsonNode mail;
        try {
            mail = JSON.readTree(call.body());
        } catch (JsonProcessingException e) {
            mail = null;
        }
        if (mail == null || !mail.isObject()) {
            return json(400, errors(null, "Bad Request", null));
        }
        List<MailSendValidation.Error> problems = MailSendValidation.check(mail);
        if (!problems.isEmpty()) {
            return json(400, JSON.writeValueAsString(Map.of("errors", problems.stream()
                    .map(MailSendValidation.Error::asJson).toList())));
        }
        String messageId = newMessageId();
        sent.add(new SentMail(messageId, apiKey, mail, Instant.now()));
        return new Reply(202, Map.of("X-Message-Id", messageId), new byte[0]);
    }

    private static String bearerKey(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    /** Current X-Message-Id values are 22 URL-safe base64 characters. */
    private static String newMessageId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Reply json(int status, String body) {
        return Reply.of(status, "application/json", body);
    }

    static String errors(String field, String message, String help) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("field", field);
        error.put("help", help);
        try {
            return JSON.writeValueAsString(Map.of("errors", List.of(error)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static final String UNAUTHORIZED_BODY =
            "{\"errors\":[{\"message\":\"The provided authorization grant is invalid, expired, or revoked\","
                    + "\"field\":null,\"help\":null}]}";
    static final String FORBIDDEN_BODY = "{\"errors\":[{\"field\":null,\"message\":\"access forbidden\"}]}";
    static final String PAYLOAD_TOO_LARGE_BODY = "<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n"
            + "<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n"
            + "</body>\r\n</html>\r\n";

    @Override
    public String toString() {
        return "SendGrid stand-in on " + baseUrl();
    }

    private record ProgrammedReply(int status, String body, Map<String, String> headers) {
    }

    /** A message SendGrid accepted (202): its id, the key that sent it and the request body as parsed. */
    public record SentMail(String messageId, String apiKey, JsonNode json, Instant receivedAt) {

        public String fromEmail() {
            return json.path("from").path("email").asText(null);
        }

        /** The message-level subject, or the first personalization's when only those have one. */
        public String subject() {
            if (json.hasNonNull("subject")) {
                return json.get("subject").asText();
            }
            return json.path("personalizations").path(0).path("subject").asText(null);
        }

        /** Every {@code to} address across the personalizations, in order. */
        public List<String> toEmails() {
            List<String> emails = new ArrayList<>();
            json.path("personalizations").forEach(p -> p.path("to").forEach(t -> emails.add(t.path("email").asText())));
            return emails;
        }

        /** The value of the content block of this MIME type, or null. */
        public String content(String type) {
            for (JsonNode content : json.path("content")) {
                if (type.equals(content.path("type").asText())) {
                    return content.path("value").asText();
                }
            }
            return null;
        }

        /** Message-level custom_args merged under the first personalization's, as SendGrid merges them. */
        public Map<String, String> customArgs() {
            Map<String, String> args = new LinkedHashMap<>();
            json.path("custom_args").properties().forEach(e -> args.put(e.getKey(), e.getValue().asText()));
            json.path("personalizations").path(0).path("custom_args").properties()
                    .forEach(e -> args.put(e.getKey(), e.getValue().asText()));
            return args;
        }
    }
}
