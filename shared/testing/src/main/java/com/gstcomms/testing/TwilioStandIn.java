package com.gstcomms.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gstcomms.core.json.JsonMappers;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local stand-in for Twilio's Programmable Messaging create call
 * ({@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}, form-encoded, HTTP Basic auth) and
 * the matching fetch ({@code GET .../Messages/{Sid}.json}). It checks parameters as Twilio does (see
 * the error codes below), answers 201 with the real Message resource shape, or the real error shape
 * {@code {"code","message","more_info","status"}}, and keeps every accepted message for assertions.
 *
 * <p>Twilio 13's Java SDK has no base-URL setting: give its {@code TwilioRestClient} an
 * {@code HttpClient} that rewrites {@code https://api.twilio.com} to {@link #baseUrl()}.
 */
public final class TwilioStandIn extends HttpStandIn {

    /** "AC" + 32 hex, like real account SIDs; for local tests only. */
    public static final String ACCOUNT_SID = "AC0000000000000000000000000000c0de";
    public static final String AUTH_TOKEN = "0123456789abcdef0123456789abcdef";
    static final String API_VERSION = "2010-04-01";

    private static final Pattern MESSAGES = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
    private static final Pattern MESSAGE = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages/([^/]+)\\.json");
    private static final Pattern NUMBERS = Pattern.compile("/2010-04-01/Accounts/([^/]+)/IncomingPhoneNumbers\\.json");
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final Pattern SHORT_CODE = Pattern.compile("\\d{5,6}");
    private static final Pattern ALPHANUMERIC_SENDER = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}");
    private static final Pattern CONTENT_SID = Pattern.compile("HX[0-9a-fA-F]{32}");
    private static final Pattern MESSAGING_SERVICE_SID = Pattern.compile("MG[0-9a-fA-F]{32}");
    private static final int MAX_BODY = 1600;
    private static final String GSM_7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€";
    /** RFC 2822, as Twilio writes date_created. */
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = JsonMappers.standard();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> accounts = new ConcurrentHashMap<>();   // sid -> auth token
    private final Map<String, java.util.Set<String>> numbers = new ConcurrentHashMap<>();   // sid -> E.164 numbers
    private final List<Message> sent = new CopyOnWriteArrayList<>();
    private final Queue<TwilioError> failures = new ConcurrentLinkedQueue<>();
    private final Queue<Duration> delays = new ConcurrentLinkedQueue<>();
    private final Map<String, TwilioError> rejectedRecipients = new ConcurrentHashMap<>();
    private final HttpClient callbackClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TwilioStandIn() {
        super("twilio-stand-in", 1024 * 1024);
        accounts.put(ACCOUNT_SID, AUTH_TOKEN);
    }

    static TwilioStandIn start() {
        return new TwilioStandIn();
    }

    public String accountSid() {
        return ACCOUNT_SID;
    }

    public String authToken() {
        return AUTH_TOKEN;
    }

    /** Accepts one more account (another SID and auth token pair). */
    public void addAccount(String accountSid, String authToken) {
        accounts.put(accountSid, authToken);
    }

    /**
     * The account owns this phone number (E.164, e.g. {@code +912240000000}): the IncomingPhoneNumbers list
     * of that account answers it, the others' do not.
     */
    public void addNumber(String accountSid, String phoneNumber) {
        numbers.computeIfAbsent(accountSid, a -> ConcurrentHashMap.newKeySet()).add(phoneNumber);
    }

    /** Every accepted message, oldest first. */
    public List<Message> sent() {
        return List.copyOf(sent);
    }

    /** Forgets accepted messages, programmed failures and delays, and recipient rules (accounts stay). */
    public void reset() {
        sent.clear();
        failures.clear();
        delays.clear();
        rejectedRecipients.clear();
    }

    /**
     * The next authenticated create call fails with this HTTP status and Twilio error code, e.g.
     * {@code (429, 20429, "Too Many Requests")}, {@code (400, 63016, ...)}, {@code (500, 20500, ...)}.
     * Each call queues one more.
     */
    public void failNextWith(int httpStatus, int twilioCode, String message) {
        failures.add(new TwilioError(httpStatus, twilioCode, message));
    }

    /** The next request waits this long before it is processed (to test client timeouts). */
    public void delayNext(Duration delay) {
        delays.add(delay);
    }

    /**
     * Every create call to this {@code To} (exactly as sent, e.g. {@code whatsapp:+911234567890}) is
     * refused with 400 and this code, until {@link #reset()}. Note that real Twilio reports many WhatsApp
     * delivery problems (63003, 63016, ...) later, through the status callback, not at create time.
     */
    public void rejectRecipient(String to, int twilioCode, String message) {
        rejectRecipient(to, 400, twilioCode, message);
    }

    public void rejectRecipient(String to, int httpStatus, int twilioCode, String message) {
        rejectedRecipients.put(to, new TwilioError(httpStatus, twilioCode, message));
    }

    /**
     * The {@code X-Twilio-Signature} Twilio puts on a webhook or status callback: base64 of HMAC-SHA1,
     * keyed with the auth token, over the full URL followed by each POST parameter's name and value,
     * sorted by name.
     */
    public String signCallback(String url, Map<String, String> params) {
        return signCallback(AUTH_TOKEN, url, params);
    }

    public static String signCallback(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The form parameters of the status callback Twilio posts for {@code message} when it reaches
     * {@code status} (queued, sent, delivered, read, undelivered, failed); {@code errorCode} may be null.
     */
    public Map<String, String> statusCallbackParams(Message message, String status, Integer errorCode) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", message.accountSid());
        params.put("ApiVersion", API_VERSION);
        if (message.to().startsWith("whatsapp:")) {
            params.put("ChannelPrefix", "whatsapp");
            params.put("ChannelToAddress", message.to().substring("whatsapp:".length()));
        }
        if (errorCode != null) {
            params.put("ErrorCode", errorCode.toString());
        }
        if (message.from() != null) {
            params.put("From", message.from());
        }
        if (message.messagingServiceSid() != null) {
            params.put("MessagingServiceSid", message.messagingServiceSid());
        }
        params.put("MessageSid", message.sid());
        params.put("MessageStatus", status);
        params.put("SmsSid", message.sid());
        params.put("SmsStatus", status);
        params.put("To", message.to());
        return params;
    }

    /**
     * Posts a signed status callback for an accepted message to its {@code StatusCallback} URL, the way
     * Twilio does, and returns the HTTP status the receiver answered.
     */
    public int sendStatusCallback(Message message, String status, Integer errorCode) {
        String url = message.statusCallback();
        if (url == null) {
            throw new IllegalArgumentException("message " + message.sid() + " was sent without a StatusCallback");
        }
        Map<String, String> params = statusCallbackParams(message, status, errorCode);
        String form = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("X-Twilio-Signature", signCallback(accountToken(message.accountSid()), url, params))
                .header("User-Agent", "TwilioProxy/1.1")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            return callbackClient.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("status callback to " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String accountToken(String accountSid) {
        return accounts.getOrDefault(accountSid, AUTH_TOKEN);
    }

    @Override
    Reply handle(Call call) throws IOException {
        String path = call.path();
        Matcher list = NUMBERS.matcher(path);
        if (list.matches()) {
            return incomingPhoneNumbers(call, list.group(1));
        }
        Matcher create = MESSAGES.matcher(path);
        Matcher fetch = MESSAGE.matcher(path);
        boolean isCreate = create.matches();
        boolean isFetch = !isCreate && fetch.matches();
        if (!isCreate && !isFetch) {
            return error(new TwilioError(404, 20404, "The requested resource " + path + " was not found"));
        }
        if (!(isCreate ? "POST" : "GET").equals(call.method())) {
            return error(new TwilioError(405, 20004, "Method not allowed"));
        }
        Duration delay = delays.poll();
        if (delay != null) {
            sleep(delay);
        }

        String pathAccount = isCreate ? create.group(1) : fetch.group(1);
        String authAccount = authenticatedAccount(call.header("Authorization"));
        if (authAccount == null) {
            return error(new TwilioError(401, 20003, "Authenticate"));
        }
        if (!authAccount.equals(pathAccount)) {
            return error(new TwilioError(403, 20003, "Authenticate"));
        }
        if (isFetch) {
            String sid = fetch.group(2);
            return sent.stream()
                    .filter(m -> m.sid().equals(sid) && m.accountSid().equals(pathAccount))
                    .findFirst()
                    .map(m -> json(200, resource(m)))
                    .orElseGet(() -> error(new TwilioError(404, 20404,
                            "The requested resource " + path + " was not found")));
        }

        TwilioError programmed = failures.poll();
        if (programmed != null) {
            return error(programmed);
        }
        if (call.bodyTooLarge()) {
            return error(new TwilioError(413, 20001, "Request entity too large"));
        }
        Map<String, List<String>> params = parseForm(new String(call.body(), StandardCharsets.UTF_8));
        TwilioError invalid = validate(params);
        if (invalid != null) {
            return error(invalid);
        }
        TwilioError rejected = rejectedRecipients.get(first(params, "To"));
        if (rejected != null) {
            return error(rejected);
        }
        boolean hasMedia = params.containsKey("MediaUrl");
        String sid = (hasMedia ? "MM" : "SM") + HexFormat.of().formatHex(randomBytes(16));
        Message message = new Message(sid, pathAccount, copy(params), Instant.now());
        sent.add(message);
        return json(201, resource(message));
    }

    /**
     * {@code GET /2010-04-01/Accounts/{Sid}/IncomingPhoneNumbers.json?PhoneNumber=+91...}: the account's
     * numbers, filtered by the exact number when given, in Twilio's list shape (page of
     * {@code incoming_phone_numbers} with {@code sid}, {@code account_sid}, {@code phone_number}).
     */
    private Reply incomingPhoneNumbers(Call call, String pathAccount) {
        if (!"GET".equals(call.method())) {
            return error(new TwilioError(405, 20004, "Method not allowed"));
        }
        String authAccount = authenticatedAccount(call.header("Authorization"));
        if (authAccount == null) {
            return error(new TwilioError(401, 20003, "Authenticate"));
        }
        if (!authAccount.equals(pathAccount)) {
            return error(new TwilioError(403, 20003, "Authenticate"));
        }
        String wanted = null;
        if (call.query() != null) {
            for (String pair : call.query().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals("PhoneNumber")) {
                    wanted = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        }
        List<Map<String, Object>> found = new ArrayList<>();
        for (String number : numbers.getOrDefault(pathAccount, java.util.Set.of())) {
            if (wanted == null || wanted.strip().equals(number)) {
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("sid", "PN" + HexFormat.of().formatHex(sha(pathAccount + number)));
                n.put("account_sid", pathAccount);
                n.put("phone_number", number);
                n.put("friendly_name", number);
                found.add(n);
            }
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("incoming_phone_numbers", found);
        page.put("page", 0);
        page.put("page_size", 50);
        page.put("start", 0);
        page.put("end", Math.max(0, found.size() - 1));
        page.put("uri", call.path() + (call.query() == null ? "" : "?" + call.query()));
        page.put("next_page_uri", null);
        return json(200, page);
    }

    private static byte[] sha(String text) {
        try {
            return java.util.Arrays.copyOf(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)), 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Twilio's checks, in the order it reports them; null when the request is acceptable. */
    static TwilioError validate(Map<String, List<String>> params) {
        String to = first(params, "To");
        String from = first(params, "From");
        String messagingService = first(params, "MessagingServiceSid");
        String body = first(params, "Body");
        String contentSid = first(params, "ContentSid");
        String contentVariables = first(params, "ContentVariables");
        List<String> media = params.getOrDefault("MediaUrl", List.of());
        String statusCallback = first(params, "StatusCallback");

        if (isBlank(to)) {
            return new TwilioError(400, 21604, "A 'To' phone number is required.");
        }
        if (isBlank(from) && isBlank(messagingService)) {
            return new TwilioError(400, 21603, "A 'From' phone number is required.");
        }
        if (isBlank(body) && isBlank(contentSid) && media.isEmpty()) {
            return new TwilioError(400, 21602, "Message body is required.");
        }
        if (!isBlank(messagingService) && !MESSAGING_SERVICE_SID.matcher(messagingService).matches()) {
            return new TwilioError(400, 21701, "The Messaging Service Sid " + messagingService + " is invalid.");
        }
        boolean whatsappTo = to.startsWith("whatsapp:");
        if (!E164.matcher(whatsappTo ? to.substring("whatsapp:".length()) : to).matches()) {
            return new TwilioError(400, 21211, "Invalid 'To' Phone Number: " + to);
        }
        if (!isBlank(from)) {
            boolean whatsappFrom = from.startsWith("whatsapp:");
            boolean validFrom = whatsappFrom
                    ? E164.matcher(from.substring("whatsapp:".length())).matches()
                    : E164.matcher(from).matches() || SHORT_CODE.matcher(from).matches()
                    || ALPHANUMERIC_SENDER.matcher(from).matches();
            if (!validFrom) {
                return new TwilioError(400, 21212, "Invalid From Number (caller ID): " + from);
            }
            if (whatsappFrom != whatsappTo) {
                return new TwilioError(400, 21910,
                        "Invalid From and To pair. From and To should be of the same channel");
            }
        }
        if (body != null && body.length() > MAX_BODY) {
            return new TwilioError(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
        }
        if (!isBlank(contentVariables) && isBlank(contentSid)) {
            return new TwilioError(400, 21654,
                    "A ContentSid must be specified if ContentVariables are provided in the request.");
        }
        if (!isBlank(contentSid) && !CONTENT_SID.matcher(contentSid).matches()) {
            return new TwilioError(400, 21655, "The ContentSid is Invalid");
        }
        if (contentVariables != null && !isStringValuedJsonObject(contentVariables)) {
            return new TwilioError(400, 21656, "The ContentVariables Parameter is invalid");
        }
        for (String url : media) {
            if (!isHttpUrl(url)) {
                return new TwilioError(400, 21620, "Invalid media URL(s)");
            }
        }
        if (statusCallback != null && !isHttpUrl(statusCallback)) {
            return new TwilioError(400, 21609, "Invalid StatusCallback url");
        }
        return null;
    }

    private static boolean isStringValuedJsonObject(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                return false;
            }
            for (var entry : node.properties()) {
                if (!entry.getValue().isTextual() || entry.getValue().asText().isEmpty()) {
                    return false;
                }
            }
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (Exception e) {
            return false;
        }
    }

    /** The Message resource as Twilio returns it from create and fetch. */
    private static Map<String, Object> resource(Message m) {
        String uri = "/" + API_VERSION + "/Accounts/" + m.accountSid() + "/Messages/" + m.sid();
        String created = RFC_2822.format(m.createdAt());
        String body = m.body() == null ? "" : m.body();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("account_sid", m.accountSid());
        json.put("api_version", API_VERSION);
        json.put("body", body);
        json.put("date_created", created);
        json.put("date_sent", null);
        json.put("date_updated", created);
        json.put("direction", "outbound-api");
        json.put("error_code", null);
        json.put("error_message", null);
        json.put("from", m.from());
        json.put("messaging_service_sid", m.messagingServiceSid());
        json.put("num_media", Integer.toString(m.mediaUrls().size()));
        json.put("num_segments", Integer.toString(segments(body, m.to().startsWith("whatsapp:"))));
        json.put("price", null);
        json.put("price_unit", "USD");
        json.put("sid", m.sid());
        // With only a Messaging Service, Twilio answers "accepted" and picks the sender later.
        json.put("status", m.from() == null ? "accepted" : "queued");
        json.put("subresource_uris", Map.of("media", uri + "/Media.json"));
        json.put("to", m.to());
        json.put("uri", uri + ".json");
        return json;
    }

    /** SMS segments: GSM-7 160 (153 when split), otherwise UCS-2 70 (67); WhatsApp is always one. */
    static int segments(String body, boolean whatsapp) {
        if (whatsapp || body.isEmpty()) {
            return 1;
        }
        boolean gsm = body.chars().allMatch(c -> GSM_7.indexOf(c) >= 0);
        int single = gsm ? 160 : 70;
        int part = gsm ? 153 : 67;
        int length = body.length();
        return length <= single ? 1 : (length + part - 1) / part;
    }

    private String authenticatedAccount(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String sid = decoded.substring(0, colon);
        String token = decoded.substring(colon + 1);
        return token.equals(accounts.get(sid)) ? sid : null;
    }

    static Map<String, List<String>> parseForm(String form) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (form.isEmpty()) {
            return params;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> params) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        params.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static Reply error(TwilioError error) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", error.code());
        json.put("message", error.message());
        json.put("more_info", "https://www.twilio.com/docs/errors/" + error.code());
        json.put("status", error.httpStatus());
        return json(error.httpStatus(), json);
    }

    private static Reply json(int status, Map<String, Object> json) {
        try {
            return new Reply(status, Map.of("Content-Type", "application/json"), JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "Twilio stand-in on " + baseUrl();
    }

    /** An error as Twilio reports it: HTTP status, Twilio error code, message. */
    public record TwilioError(int httpStatus, int code, String message) {
    }

    /** A message Twilio accepted (201), with every form parameter exactly as sent. */
    public record Message(String sid, String accountSid, Map<String, List<String>> params, Instant createdAt) {

        public String param(String name) {
            return first(params, name);
        }

        public String to() {
            return param("To");
        }

        public String from() {
            return param("From");
        }

        public String body() {
            return param("Body");
        }

        public String messagingServiceSid() {
            return param("MessagingServiceSid");
        }

        public String contentSid() {
            return param("ContentSid");
        }

        /** ContentVariables as sent (a JSON object of strings), or null. */
        public String contentVariables() {
            return param("ContentVariables");
        }

        public List<String> mediaUrls() {
            return params.getOrDefault("MediaUrl", List.of());
        }

        public String statusCallback() {
            return param("StatusCallback");
        }
    }
}
