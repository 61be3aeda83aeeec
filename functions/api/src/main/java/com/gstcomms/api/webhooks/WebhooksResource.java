package com.gstcomms.api.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.gstcomms.api.ApiConfig;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Signed provider webhooks. Each is verified over the raw body before anything is parsed; a failed check
 * answers 401 (SendGrid, Shopify) or 403 (Twilio) and changes nothing.
 */
@Path("/v1/webhooks")
@Unauthenticated
public class WebhooksResource {

    private static final Logger LOG = Logger.getLogger(WebhooksResource.class);
    static final List<String> SHOPIFY_TOPICS = List.of("customers/data_request", "customers/redact", "shop/redact");

    private final WebhookSignatures signatures;
    private final SendGridEvents sendGrid;
    private final TwilioCallbacks twilio;
    private final ShopifyCompliance shopify;
    private final ApiConfig config;

    public WebhooksResource(WebhookSignatures signatures, SendGridEvents sendGrid, TwilioCallbacks twilio,
                            ShopifyCompliance shopify, ApiConfig config) {
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
        String refusal = signatures.checkSendGrid(body == null ? new byte[0] : body, signature, timestamp);
        if (refusal != null) {
            LOG.warnf("SendGrid webhook refused: %s", refusal);
            throw new Problem(401, "bad-signature", "Signature check failed", refusal, null, null);
        }
        return sendGrid.accept(body);
    }

    /** Status callbacks and inbound WhatsApp messages (Twilio posts both as forms). */
    @POST
    @Path("/twilio")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_XML)
    public Response twilio(byte[] body, @HeaderParam("X-Twilio-Signature") String signature,
                           @HeaderParam("Host") String host, @Context UriInfo uri) {
        Map<String, String> params = form(new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8));
        // Twilio signs the URL it called: the public one, not what the Lambda sees behind API Gateway.
        String query = uri.getRequestUri().getRawQuery();
        String base = config.baseUrl().map(b -> b.replaceAll("/+$", "")).orElse("https://" + host);
        String url = base + "/v1/webhooks/twilio" + (query == null || query.isEmpty() ? "" : "?" + query);
        var shops = twilio.verify(url, params, signature);
        if (shops.isEmpty()) {
            LOG.warnf("Twilio callback refused: signature does not match any account token for %s", url);
            throw new Problem(403, "bad-signature", "Signature check failed",
                    "X-Twilio-Signature does not match this URL and parameters", null, null);
        }
        if (params.containsKey("MessageStatus")) {
            twilio.status(shops.get(), params);
        } else {
            twilio.inbound(shops.get(), params);
        }
        // An empty TwiML answer: no automatic reply.
        return Response.ok("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>", MediaType.TEXT_XML).build();
    }

    /** Shopify's mandatory compliance webhooks; the topic is the path (customers/redact) or customers-redact. */
    @POST
    @Path("/shopify/{topic: .+}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> shopify(@PathParam("topic") String pathTopic, byte[] body,
                                       @HeaderParam("X-Shopify-Hmac-Sha256") String hmac,
                                       @HeaderParam("X-Shopify-Topic") String headerTopic,
                                       @HeaderParam("X-Shopify-Webhook-Id") String webhookId) {
        byte[] raw = body == null ? new byte[0] : body;
        if (!signatures.shopifyMatches(raw, hmac)) {
            throw new Problem(401, "bad-signature", "Signature check failed",
                    "X-Shopify-Hmac-Sha256 does not match the body", null, null);
        }
        String topic = pathTopic.toLowerCase(Locale.ROOT).replace('-', '/').replace("data/request", "data_request");
        if (!SHOPIFY_TOPICS.contains(topic)) {
            throw Problem.notFound("Webhook topic", pathTopic);
        }
        if (headerTopic != null && !headerTopic.equalsIgnoreCase(topic)) {
            throw Problem.badRequest("X-Shopify-Topic " + headerTopic + " does not match the URL's topic " + topic);
        }
        JsonNode payload;
        try {
            payload = Json.mapper().readTree(raw);
        } catch (IOException e) {
            throw Problem.badRequest("The webhook body is not JSON");
        }
        return Map.of("topic", topic, "result", shopify.handle(topic, payload, webhookId));
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
