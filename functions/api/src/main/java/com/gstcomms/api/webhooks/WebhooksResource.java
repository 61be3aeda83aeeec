package com.gstcomms.api.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.gstcomms.api.ApiConfig;
import com.gstcomms.api.ShopifyConfig;
import com.gstcomms.api.http.FieldErrors;
import com.gstcomms.api.auth.Unauthenticated;
import com.gstcomms.api.http.Json;
import com.gstcomms.api.http.Problem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Signed provider webhooks. Each is verified over the raw body before anything is parsed; a failed check
 * answers 401 (SendGrid, Shopify) or 403 (Twilio) and changes nothing.
 */
@Path("/v1/webhooks")
@Unauthenticated
public class WebhooksResource {

    private static final Logger LOG = Logger.getLogger(WebhooksResource.class);
    /** Clock skew allowed on X-Shopify-Triggered-At in the future. */
    static final Duration TRIGGER_SKEW = Duration.ofMinutes(5);
    /** A shop's callback reference (V9: 32 hexadecimal characters; longer ones allowed for a rotation). */
    static final java.util.regex.Pattern CALLBACK_REF = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{16,64}");
    static final List<String> SHOPIFY_TOPICS = List.of("customers/data_request", "customers/redact", "shop/redact");

    private final WebhookSignatures signatures;
    private final SendGridEvents sendGrid;
    private final TwilioCallbacks twilio;
    private final ShopifyCompliance shopify;
    private final ApiConfig config;
    private final ShopifyConfig shopifyConfig;

    private final Clock clock;

    public WebhooksResource(WebhookSignatures signatures, SendGridEvents sendGrid, TwilioCallbacks twilio,
                            ShopifyCompliance shopify, ApiConfig config, ShopifyConfig shopifyConfig, Clock clock) {
        this.clock = clock;
        this.shopifyConfig = shopifyConfig;
        this.signatures = signatures;
        this.sendGrid = sendGrid;
        this.twilio = twilio;
        this.shopify = shopify;
        this.config = config;
    }

    @POST
    @Path("/sendgrid")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public SendGridEvents.Outcome sendGrid(byte[] body,
                                           @HeaderParam("X-Twilio-Email-Event-Webhook-Signature") String signature,
                                           @HeaderParam("X-Twilio-Email-Event-Webhook-Timestamp") String timestamp) {
        byte[] raw = body == null ? new byte[0] : body;
        String refusal = signatures.checkSendGrid(raw, signature, timestamp);
        if (refusal == null) {
            return sendGrid.accept(raw);
        }
        // Not the platform's account: a shop's own SendGrid account, signed with the key the shop stored.
        String headers = signatures.checkSendGridHeaders(signature, timestamp);
        if (headers == null) {
            var shops = sendGrid.signedByShopKeys(raw, signature, timestamp);
            if (!shops.isEmpty()) {
                return sendGrid.accept(raw, shops);
            }
            refusal = signatures.hasPlatformSendGridKey() ? "the SendGrid signature matches neither the platform's key "
                    + "nor the key of a shop the events name" : "the SendGrid signature matches no key of a shop the events name";
        } else {
            refusal = headers;
        }
        LOG.warnf("SendGrid webhook refused: %s", refusal);
        throw new Problem(401, "bad-signature", "Signature check failed", refusal, null, null);
    }

    /**
     * Status callbacks and inbound WhatsApp messages for one shop (Twilio posts both as forms): the URL the
     * WhatsApp function gives each message as its StatusCallback, and the one a shop sets as its own sender's
     * inbound webhook.
     */
    @POST
    @Path("/twilio/{callbackRef}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_XML)
    public Response twilioForShop(@PathParam("callbackRef") String callbackRef, byte[] body,
                                  @HeaderParam("X-Twilio-Signature") String signature,
                                  @HeaderParam("Host") String host, @Context UriInfo uri) {
        if (!CALLBACK_REF.matcher(callbackRef).matches()) {
            throw refused();
        }
        return twilio("/v1/webhooks/twilio/" + callbackRef, body, host, uri,
                (url, params) -> twilio.verify(callbackRef, url, params, signature));
    }

    /** The URL without a shop: callbacks of the platform's own Twilio account only (its token is configuration). */
    @POST
    @Path("/twilio")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_XML)
    public Response twilio(byte[] body, @HeaderParam("X-Twilio-Signature") String signature,
                           @HeaderParam("Host") String host, @Context UriInfo uri) {
        return twilio("/v1/webhooks/twilio", body, host, uri, (url, params) -> twilio.verifyPlatform(url, params, signature));
    }

    private Response twilio(String path, byte[] body, String host, UriInfo uri,
                            java.util.function.BiFunction<String, Map<String, String>, TwilioCallbacks.Verified> verify) {
        Map<String, String> params = form(new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8));
        // Twilio signs the URL it called: the public one, not what the Lambda sees behind API Gateway.
        String query = uri.getRequestUri().getRawQuery();
        String base = config.baseUrl().map(b -> b.replaceAll("/+$", "")).orElse("https://" + host);
        String url = base + path + (query == null || query.isEmpty() ? "" : "?" + query);
        TwilioCallbacks.Verified who;
        try {
            who = verify.apply(url, params);
        } catch (TwilioCallbacks.Refused e) {
            LOG.warnf("Twilio callback to %s refused: %s", path.startsWith("/v1/webhooks/twilio/") ? "a shop's URL" : path,
                    e.refusal().reason());
            if (e.refusal().rateLimited()) {
                throw new Problem(429, "rate-limited", "Too many refused callbacks",
                        "Too many callbacks for this shop failed the signature check; retry later", null,
                        Map.of("Retry-After", Long.toString(TwilioCallbacks.REFUSAL_WINDOW.toSeconds())));
            }
            throw refused();
        }
        if (params.containsKey("MessageStatus")) {
            twilio.status(who, params);
        } else {
            twilio.inbound(who, params);
        }
        // An empty TwiML answer: no automatic reply.
        return Response.ok("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>", MediaType.TEXT_XML).build();
    }

    /** One answer for every refusal (unknown reference, wrong account, bad signature): nothing to learn from it. */
    private static Problem refused() {
        return new Problem(403, "bad-signature", "Signature check failed",
                "X-Twilio-Signature does not match this URL and parameters", null, null);
    }

    /**
     * Shopify's mandatory compliance webhooks; the topic is the path (customers/redact) or customers-redact.
     *
     * <p>Only the body is signed (X-Shopify-Hmac-Sha256); the headers are not. So besides the signature the
     * body itself must have the shape of the URL's topic (a signed data_request body cannot pass for a
     * shop/redact), the headers must agree with the URL and the body, and a delivery acts once
     * ({@link ShopifyDeliveries}: by X-Shopify-Webhook-Id and by body). X-Shopify-Triggered-At older than
     * {@code gstcomms.shopify.webhook-max-age} (24 h: Shopify retries for 4 h) is refused as a replay.
     */
    @POST
    @Path("/shopify/{topic: .+}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> shopify(@PathParam("topic") String pathTopic, byte[] body,
                                       @HeaderParam("X-Shopify-Hmac-Sha256") String hmac,
                                       @HeaderParam("X-Shopify-Topic") String headerTopic,
                                       @HeaderParam("X-Shopify-Shop-Domain") String headerShop,
                                       @HeaderParam("X-Shopify-Webhook-Id") String webhookId,
                                       @HeaderParam("X-Shopify-Triggered-At") String triggeredAt) {
        byte[] raw = body == null ? new byte[0] : body;
        // Shopify: a compliance webhook with a bad HMAC must get 401.
        if (!signatures.shopifyMatches(raw, hmac)) {
            throw new Problem(401, "bad-signature", "Signature check failed",
                    "X-Shopify-Hmac-Sha256 does not match the body", null, null);
        }
        String topic = pathTopic.toLowerCase(Locale.ROOT).replace('-', '/').replace("data/request", "data_request");
        if (!SHOPIFY_TOPICS.contains(topic)) {
            throw Problem.notFound("Webhook topic", pathTopic);
        }
        JsonNode payload;
        try {
            payload = Json.mapper().readTree(raw);
        } catch (IOException e) {
            throw Problem.badRequest("The webhook body is not JSON");
        }
        FieldErrors errors = new FieldErrors();
        if (headerTopic == null || headerTopic.isBlank()) {
            errors.add("X-Shopify-Topic", "the topic header is required");
        } else if (!headerTopic.strip().equalsIgnoreCase(topic)) {
            errors.add("X-Shopify-Topic", headerTopic.strip() + " does not match the URL's topic " + topic);
        }
        String bodyShop = payload == null ? null : payload.path("shop_domain").asText(null);
        if (payload == null || !payload.isObject()) {
            errors.add("body", "a JSON object is required");
        } else {
            shopifyShape(topic, payload, errors);
        }
        if (headerShop == null || headerShop.isBlank()) {
            errors.add("X-Shopify-Shop-Domain", "the shop domain header is required");
        } else if (bodyShop != null && !headerShop.strip().equalsIgnoreCase(bodyShop)) {
            errors.add("X-Shopify-Shop-Domain", headerShop.strip() + " does not match the body's shop_domain " + bodyShop);
        }
        if (webhookId == null || webhookId.isBlank()) {
            errors.add("X-Shopify-Webhook-Id", "the webhook id header is required (deliveries are de-duplicated on it)");
        } else if (webhookId.length() > 255) {
            errors.add("X-Shopify-Webhook-Id", "at most 255 characters");
        }
        triggeredAtRefusal(triggeredAt).ifPresent(why -> errors.add("X-Shopify-Triggered-At", why));
        errors.throwIfAny();
        return Map.of("topic", topic, "result", shopify.handle(topic, payload, webhookId.strip(), sha256(raw)));
    }

    /** What Shopify's payload of each topic carries; a body of another topic is refused. */
    static void shopifyShape(String topic, JsonNode payload, FieldErrors errors) {
        if (!payload.path("shop_domain").isTextual() || payload.path("shop_domain").asText().isBlank()) {
            errors.add("shop_domain", "the shop's myshopify.com domain is required");
        }
        boolean customer = payload.has("customer");
        boolean dataRequest = payload.has("data_request");
        boolean ordersToRedact = payload.has("orders_to_redact");
        switch (topic) {
            case "shop/redact" -> {
                if (customer || dataRequest || ordersToRedact) {
                    errors.add("body", "a shop/redact body has only shop_id and shop_domain; this is another topic's body");
                }
            }
            case "customers/redact" -> {
                if (!payload.path("customer").isObject()) {
                    errors.add("customer", "the customer to redact is required");
                }
                if (dataRequest) {
                    errors.add("data_request", "a customers/redact body has no data_request; this is another topic's body");
                }
            }
            case "customers/data_request" -> {
                if (!payload.path("customer").isObject()) {
                    errors.add("customer", "the customer whose data is requested is required");
                }
                if (!payload.path("data_request").isObject()) {
                    errors.add("data_request", "the data request is required; this is another topic's body");
                }
            }
            default -> {
            }
        }
    }

    /** Empty when Triggered-At is present and recent, else why not. */
    Optional<String> triggeredAtRefusal(String triggeredAt) {
        if (triggeredAt == null || triggeredAt.isBlank()) {
            return Optional.of("the trigger time header is required");
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(triggeredAt.strip()).toInstant();
        } catch (DateTimeParseException e) {
            return Optional.of("not an ISO-8601 time");
        }
        Instant now = clock.instant();
        if (at.isBefore(now.minus(shopifyConfig.webhookMaxAge()))) {
            return Optional.of("triggered more than " + shopifyConfig.webhookMaxAge().toHours()
                    + " h ago: a stale or replayed delivery");
        }
        if (at.isAfter(now.plus(TRIGGER_SKEW))) {
            return Optional.of("triggered in the future");
        }
        return Optional.empty();
    }

    static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }
}
