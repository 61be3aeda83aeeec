package com.gstcomms.api;

import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationEvent;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.data.ShopCredential;
import com.gstcomms.runtime.data.Suppression;
import com.gstcomms.runtime.secrets.ProviderCredentials;
import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.Sql;
import com.gstcomms.testing.SendGridStandIn;
import com.gstcomms.testing.TwilioStandIn;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class WebhooksTest {

    /** The platform's URL (no shop reference); the public base URL is gstcomms.api.base-url. */
    static final String PLATFORM_TWILIO_URL = "https://api.gstcomms.test/v1/webhooks/twilio";

    @Inject
    ProviderCredentials credentials;

    TestShops.TestShop shop;
    /** The shop's own Twilio account (not the platform's, which is the stand-in's default account). */
    String accountSid;
    String authToken;
    /** The shop's callback path, /v1/webhooks/twilio/{callbackRef}, as the WhatsApp function sets it. */
    String twilioPath;

    @BeforeEach
    void shopWithItsOwnTwilioAccount() {
        shop = TestShops.create();
        accountSid = "AC" + UUID.randomUUID().toString().replace("-", "");
        authToken = UUID.randomUUID().toString().replace("-", "");
        saveTwilio(shop.id(), accountSid, authToken);
        twilioPath = "/v1/webhooks/twilio/" + callbackRef(shop.id());
    }

    void saveTwilio(long shopId, String sid, String token) {
        inTransaction(() -> credentials.save(shopId, ShopCredential.Provider.TWILIO,
                "{\"accountSid\":\"" + sid + "\",\"sender\":\"whatsapp:+912240000000\"}", token));
    }

    static String callbackRef(long shopId) {
        return Sql.ofApp().value("select callback_ref from shop where id = ?", shopId);
    }

    String publicUrl(String path) {
        return "https://api.gstcomms.test" + path;
    }

    Notification sent(Channel channel, String provider, String providerMessageId, String recipient) {
        Notification n = new Notification();
        n.shopId = shop.id();
        n.channel = channel;
        n.kind = "INVOICE_DELIVERY";
        n.recipient = recipient;
        n.idempotencyKey = UUID.randomUUID().toString();
        n.status = NotificationStatus.SENT;
        n.provider = provider;
        n.providerMessageId = providerMessageId;
        n.sentAt = OffsetDateTime.now().minusMinutes(1);
        inTransaction(n::persist);
        return n;
    }

    Notification reload(Notification n) {
        return inSession(() -> Notification.<Notification>findById(n.id));
    }

    // --- SendGrid -------------------------------------------------------------------------------

    String sendGridBatch(Notification n, String... events) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < events.length; i++) {
            String[] parts = events[i].split(":", 2);
            json.append(i == 0 ? "" : ",").append("""
                    {"email":"%s","timestamp":%d,"event":"%s","sg_event_id":"%s","sg_message_id":"m.filter0001",\
                    "notificationId":"%d","shopId":"%d"%s}""".formatted(n.recipient, Instant.now().getEpochSecond(),
                    parts[0], parts[1] + "-" + n.id, n.id, shop.id(), parts[0].equals("bounce") ? ",\"type\":\"bounce\",\"reason\":\"550 5.1.1 no such user\"" : ""));
        }
        return json.append("]").toString();
    }

    io.restassured.response.ValidatableResponse postSendGrid(String body, Map<String, String> headers) {
        return given().port(Api.LAMBDA_PORT).contentType(ContentType.JSON).headers(headers).body(body)
                .when().post("/v1/webhooks/sendgrid").then();
    }

    @Test
    void sendGridEventsMoveTheNotificationForwardAndAreStoredOnce() {
        Notification n = sent(Channel.EMAIL, "SENDGRID", "sg-" + UUID.randomUUID(), "asha@example.in");
        String body = sendGridBatch(n, "processed:e1", "delivered:e2", "open:e3", "click:e4");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        postSendGrid(body, LocalServers.sendGrid().signedEventHeaders(bytes))
                .statusCode(200).body("applied", equalTo(4), "duplicates", equalTo(0));
        Notification after = reload(n);
        assertThat(after.status).isEqualTo(NotificationStatus.CLICKED);
        assertThat(after.deliveredAt).isNotNull();
        assertThat(after.openedAt).isNotNull();

        // SendGrid retries a batch it thinks failed: the same events are not stored or applied again.
        postSendGrid(body, LocalServers.sendGrid().signedEventHeaders(bytes))
                .statusCode(200).body("applied", equalTo(0), "duplicates", equalTo(4));
        assertThat(inSession(() -> NotificationEvent.count("notificationId", n.id))).isEqualTo(4);
    }

    @Test
    void aLateDeliveredAfterAClickDoesNotMoveTheStatusBack() {
        Notification n = sent(Channel.EMAIL, "SENDGRID", "sg-" + UUID.randomUUID(), "asha@example.in");
        String click = sendGridBatch(n, "click:c1");
        postSendGrid(click, LocalServers.sendGrid().signedEventHeaders(click.getBytes(StandardCharsets.UTF_8))).statusCode(200);
        String delivered = sendGridBatch(n, "delivered:d1");
        postSendGrid(delivered, LocalServers.sendGrid().signedEventHeaders(delivered.getBytes(StandardCharsets.UTF_8)))
                .statusCode(200).body("applied", equalTo(1));
        Notification after = reload(n);
        assertThat(after.status).isEqualTo(NotificationStatus.CLICKED);
        assertThat(after.deliveredAt).as("the delivery time is still recorded").isNotNull();
    }

    @Test
    void bouncesAndUnsubscribesSuppressTheAddress() {
        Customer c = TestShops.customer(shop.id(), "b-" + UUID.randomUUID() + "@example.in", null, false);
        Notification bounced = sent(Channel.EMAIL, "SENDGRID", "sg-" + UUID.randomUUID(), "nobody-" + UUID.randomUUID() + "@example.in");
        Notification unsubscribed = sent(Channel.EMAIL, "SENDGRID", "sg-" + UUID.randomUUID(), c.email);
        inTransaction(() -> Notification.update("customerId = ?1 where id = ?2", c.id, unsubscribed.id));
        String body = "[" + sendGridBatch(bounced, "bounce:b1").replaceAll("^\\[|\\]$", "") + ","
                + sendGridBatch(unsubscribed, "unsubscribe:u1").replaceAll("^\\[|\\]$", "") + "]";
        postSendGrid(body, LocalServers.sendGrid().signedEventHeaders(body.getBytes(StandardCharsets.UTF_8)))
                .statusCode(200).body("applied", equalTo(2));
        assertThat(reload(bounced).status).isEqualTo(NotificationStatus.BOUNCED);
        assertThat(reload(bounced).errorMessage).contains("550 5.1.1");
        assertThat(inSession(() -> Suppression.findFor(shop.id(), Channel.EMAIL, bounced.recipient)).reason)
                .isEqualTo(Suppression.Reason.HARD_BOUNCE);
        assertThat(inSession(() -> Suppression.findFor(shop.id(), Channel.EMAIL, c.email)).reason)
                .isEqualTo(Suppression.Reason.UNSUBSCRIBED);
        assertThat(inSession(() -> Customer.<Customer>findById(c.id)).emailOptIn).isFalse();
    }

    @Test
    void refusesForgedStaleAndUnsignedSendGridPosts() {
        Notification n = sent(Channel.EMAIL, "SENDGRID", "sg-" + UUID.randomUUID(), "asha@example.in");
        String body = sendGridBatch(n, "delivered:f1");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> signed = LocalServers.sendGrid().signedEventHeaders(bytes);

        String tampered = body.replace("delivered", "bounce");
        postSendGrid(tampered, signed).statusCode(401).contentType("application/problem+json");

        String old = Long.toString(Instant.now().minusSeconds(3600).getEpochSecond());
        postSendGrid(body, Map.of(SendGridStandIn.SIGNATURE_HEADER, LocalServers.sendGrid().signEvent(bytes, old),
                SendGridStandIn.TIMESTAMP_HEADER, old)).statusCode(401);
        postSendGrid(body, Map.of()).statusCode(401);
        assertThat(reload(n).status).isEqualTo(NotificationStatus.SENT);
    }

    @Test
    void acceptsTheSampleSendGridBatchAndIgnoresMailItDidNotSend() throws Exception {
        byte[] sample = getClass().getResourceAsStream("/events/sendgrid-events.json").readAllBytes();
        postSendGrid(new String(sample, StandardCharsets.UTF_8), LocalServers.sendGrid().signedEventHeaders(sample))
                .statusCode(200).body("ignored", equalTo(6));
    }

    /** A SendGrid account of a shop's own: its Event Webhook key pair (SendGrid keeps the private half). */
    record OwnSendGrid(java.security.KeyPair keys) {
        static OwnSendGrid create() throws Exception {
            var generator = java.security.KeyPairGenerator.getInstance("EC");
            generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            return new OwnSendGrid(generator.generateKeyPair());
        }

        String publicKeyBase64() {
            return java.util.Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        }

        Map<String, String> signedHeaders(String body) throws Exception {
            String timestamp = Long.toString(Instant.now().getEpochSecond());
            var signer = java.security.Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(timestamp.getBytes(StandardCharsets.UTF_8));
            signer.update(body.getBytes(StandardCharsets.UTF_8));
            return Map.of(SendGridStandIn.SIGNATURE_HEADER, java.util.Base64.getEncoder().encodeToString(signer.sign()),
                    SendGridStandIn.TIMESTAMP_HEADER, timestamp);
        }
    }

    @Test
    void aShopsOwnSendGridKeyIsAcceptedForItsOwnNotificationsOnly() throws Exception {
        OwnSendGrid own = OwnSendGrid.create();
        Api.asKey(shop.owner()).body("{\"sendgrid\":{\"eventWebhookKey\":\"bm90IGEga2V5\",\"apiKey\":\"SG.own-key\"}}")
                .when().put("/v1/settings/providers").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("sendgrid.eventWebhookKey"));
        Api.asKey(shop.owner()).body("{\"sendgrid\":{\"apiKey\":\"SG.own-key\",\"eventWebhookKey\":\""
                        + own.publicKeyBase64() + "\"}}")
                .when().put("/v1/settings/providers").then().statusCode(200)
                .body("sendgrid.eventWebhookKey", equalTo(own.publicKeyBase64()));
        // A later PUT without the key keeps it.
        Api.asKey(shop.owner()).body("{\"sendgrid\":{\"fromName\":\"Asha Handlooms\"}}")
                .when().put("/v1/settings/providers").then().statusCode(200)
                .body("sendgrid.eventWebhookKey", equalTo(own.publicKeyBase64()));

        Notification mine = sent(Channel.EMAIL, "SENDGRID", "sg-" + UUID.randomUUID(), "asha@example.in");
        String body = sendGridBatch(mine, "delivered:own1");
        postSendGrid(body, own.signedHeaders(body)).statusCode(200).body("applied", equalTo(1));
        assertThat(reload(mine).status).isEqualTo(NotificationStatus.DELIVERED);

        // Another shop's notification in a batch signed with this shop's key: not applied.
        TestShops.TestShop otherShop = TestShops.create();
        TestShops.TestShop me = shop;
        shop = otherShop;
        Notification theirs = sent(Channel.EMAIL, "SENDGRID", "sg-" + UUID.randomUUID(), "other@example.in");
        String onlyTheirs = sendGridBatch(theirs, "bounce:own2");
        shop = me;
        postSendGrid(onlyTheirs, own.signedHeaders(onlyTheirs)).statusCode(401);
        String mixed = "[" + sendGridBatch(mine, "open:own3").replaceAll("^\\[|\\]$", "") + ","
                + onlyTheirs.replaceAll("^\\[|\\]$", "") + "]";
        postSendGrid(mixed, own.signedHeaders(mixed)).statusCode(200).body("applied", equalTo(1), "ignored", equalTo(1));
        assertThat(reload(theirs).status).isEqualTo(NotificationStatus.SENT);
        assertThat(reload(mine).status).isEqualTo(NotificationStatus.OPENED);
    }

    // --- Twilio ---------------------------------------------------------------------------------

    io.restassured.response.ValidatableResponse postTwilio(Map<String, String> params, String signature) {
        return postTwilio(twilioPath, params, signature);
    }

    static io.restassured.response.ValidatableResponse postTwilio(String path, Map<String, String> params, String signature) {
        String form = params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return given().port(Api.LAMBDA_PORT).contentType("application/x-www-form-urlencoded; charset=utf-8")
                .header("X-Twilio-Signature", signature).body(form)
                .when().post(path).then();
    }

    /** Signed as Twilio signs: with the shop's own token, over the shop's public URL. */
    String signed(Map<String, String> params) {
        return TwilioStandIn.signCallback(authToken, publicUrl(twilioPath), params);
    }

    Map<String, String> statusParams(String sid, String to, String status, String errorCode) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", accountSid);
        p.put("ApiVersion", "2010-04-01");
        p.put("ChannelPrefix", "whatsapp");
        p.put("From", "whatsapp:+912240000000");
        p.put("MessageSid", sid);
        p.put("MessageStatus", status);
        p.put("SmsSid", sid);
        p.put("SmsStatus", status);
        p.put("To", "whatsapp:" + to);
        if (errorCode != null) {
            p.put("ErrorCode", errorCode);
        }
        return p;
    }

    void twilioStatus(String sid, String to, String status, String errorCode) {
        Map<String, String> p = statusParams(sid, to, status, errorCode);
        postTwilio(p, signed(p)).statusCode(200);
    }

    static String newSid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void twilioStatusCallbacksOutOfOrderNeverMoveTheStatusBackwards() {
        String sid = newSid();
        Notification n = sent(Channel.WHATSAPP, "TWILIO", sid, "+919812345678");
        twilioStatus(sid, n.recipient, "read", null);
        twilioStatus(sid, n.recipient, "sent", null);       // late
        twilioStatus(sid, n.recipient, "delivered", null);  // late
        twilioStatus(sid, n.recipient, "read", null);       // replayed
        Notification after = reload(n);
        assertThat(after.status).isEqualTo(NotificationStatus.READ);
        assertThat(after.readAt).isNotNull();
        assertThat(after.deliveredAt).isNotNull();
        assertThat(inSession(() -> NotificationEvent.count("notificationId", n.id))).isEqualTo(3);
    }

    @Test
    void aTwilioFailureBeforeDeliveryRecordsItsErrorCode() {
        String sid = newSid();
        Notification n = sent(Channel.WHATSAPP, "TWILIO", sid, "+919812345670");
        twilioStatus(sid, n.recipient, "undelivered", "63016");
        Notification after = reload(n);
        assertThat(after.status).isEqualTo(NotificationStatus.UNDELIVERED);
        assertThat(after.errorCode).isEqualTo("TWILIO_63016");
        // A "failed" after delivery cannot happen in order; if it arrives late it changes nothing.
        twilioStatus(sid, n.recipient, "delivered", null);
        assertThat(reload(n).status).isEqualTo(NotificationStatus.UNDELIVERED);
    }

    @Test
    void refusesForgedTwilioCallbacksAndOnesSignedForAnotherUrl() {
        String sid = newSid();
        Notification n = sent(Channel.WHATSAPP, "TWILIO", sid, "+919812345671");
        Map<String, String> p = statusParams(sid, n.recipient, "read", null);
        postTwilio(p, "bm90IGEgc2lnbmF0dXJl").statusCode(403);
        postTwilio(p, TwilioStandIn.signCallback(authToken, "https://evil.example" + twilioPath, p)).statusCode(403);
        postTwilio(p, TwilioStandIn.signCallback("another-accounts-token", publicUrl(twilioPath), p)).statusCode(403);
        // Another shop's URL: its token is not this account's.
        TestShops.TestShop other = TestShops.create();
        String otherPath = "/v1/webhooks/twilio/" + callbackRef(other.id());
        postTwilio(otherPath, p, TwilioStandIn.signCallback(authToken, publicUrl(otherPath), p)).statusCode(403);
        // A made-up reference names no shop.
        String madeUp = "/v1/webhooks/twilio/" + UUID.randomUUID().toString().replace("-", "");
        postTwilio(madeUp, p, TwilioStandIn.signCallback(authToken, publicUrl(madeUp), p)).statusCode(403);
        // The URL without a shop takes only the platform's account.
        postTwilio(PLATFORM_TWILIO_URL.substring("https://api.gstcomms.test".length()), p,
                TwilioStandIn.signCallback(authToken, PLATFORM_TWILIO_URL, p)).statusCode(403);
        assertThat(reload(n).status).isEqualTo(NotificationStatus.SENT);
    }

    @Test
    void aBadSignatureUnsealsNoOtherShopsToken() {
        // Another shop on the same Twilio account whose sealed token cannot be opened: unsealing it fails.
        TestShops.TestShop other = TestShops.create();
        saveTwilio(other.id(), accountSid, authToken);
        Sql.ofApp().update("update shop_credential set secret_ciphertext = ? where shop_id = ? and provider = 'TWILIO'",
                new byte[] {1, 2, 3}, other.id());
        try {
            String sid = newSid();
            Notification n = sent(Channel.WHATSAPP, "TWILIO", sid, "+919812345672");
            Map<String, String> p = statusParams(sid, n.recipient, "delivered", null);
            // Before: the URL without a shop unsealed the token of every shop on this account, and failed on this one.
            postTwilio("/v1/webhooks/twilio", p, "bm90IGEgc2lnbmF0dXJl").statusCode(403)
                    .contentType("application/problem+json");
            postTwilio(p, "bm90IGEgc2lnbmF0dXJl").statusCode(403).contentType("application/problem+json");
            postTwilio(p, signed(p)).statusCode(200);
            assertThat(reload(n).status).isEqualTo(NotificationStatus.DELIVERED);
        } finally {
            Sql.ofApp().update("delete from shop where id = ?", other.id());
        }
    }

    @Test
    void refusedCallbacksAreRateLimitedBeforeAnyUnsealing() {
        String sid = newSid();
        Notification n = sent(Channel.WHATSAPP, "TWILIO", sid, "+919812345673");
        Map<String, String> p = statusParams(sid, n.recipient, "delivered", null);
        int refused = 0;
        int status = 403;
        while (status == 403 && refused < 45) {   // 20 per 5-minute window (a window may end meanwhile)
            status = postTwilio(p, "bm90IGEgc2lnbmF0dXJl").extract().statusCode();
            refused++;
        }
        assertThat(status).as("over the limit of refusals in the window").isEqualTo(429);
        assertThat(refused).isGreaterThan(20);
        // Now the shop's own token cannot be opened either: over the limit nothing is unsealed, so still a clean 429.
        Sql.ofApp().update("update shop_credential set secret_ciphertext = ? where shop_id = ? and provider = 'TWILIO'",
                new byte[] {1, 2, 3}, shop.id());
        postTwilio(p, signed(p)).statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        assertThat(reload(n).status).isEqualTo(NotificationStatus.SENT);
    }

    Map<String, String> inbound(String phone, String body, String sid) {
        Map<String, String> inbound = new LinkedHashMap<>();
        inbound.put("AccountSid", accountSid);
        inbound.put("ApiVersion", "2010-04-01");
        inbound.put("Body", body);
        inbound.put("From", "whatsapp:" + phone);
        inbound.put("MessageSid", sid);
        inbound.put("NumMedia", "0");
        inbound.put("ProfileName", "Priya");
        inbound.put("SmsStatus", "received");
        inbound.put("To", "whatsapp:+912240000000");
        inbound.put("WaId", phone.substring(1));
        return inbound;
    }

    static String newPhone() {
        return "+9198" + (10_000_000 + (int) (Math.random() * 89_999_999));
    }

    @Test
    void inboundWhatsAppOpensTheWindowAndStopAndStartOptOutAndIn() {
        String phone = newPhone();
        Customer c = TestShops.customer(shop.id(), "w-" + UUID.randomUUID() + "@example.in", phone, true);
        Map<String, String> stop = inbound(phone, "Stop", newSid());
        postTwilio(stop, signed(stop)).statusCode(200).contentType(org.hamcrest.Matchers.containsString("xml"));
        Customer stopped = inSession(() -> Customer.<Customer>findById(c.id));
        assertThat(stopped.whatsappOptIn).isFalse();
        assertThat(stopped.lastInboundWhatsappAt).isNotNull();
        assertThat(inSession(() -> Suppression.findFor(shop.id(), Channel.WHATSAPP, phone))).isNotNull();

        Map<String, String> start = inbound(phone, "START", newSid());
        postTwilio(start, signed(start)).statusCode(200);
        assertThat(inSession(() -> Customer.<Customer>findById(c.id)).whatsappOptIn).isTrue();
        assertThat(inSession(() -> Suppression.findFor(shop.id(), Channel.WHATSAPP, phone))).isNull();
    }

    @Test
    void aReplayedInboundStopOrButtonReplyChangesNothing() {
        String phone = newPhone();
        Customer c = TestShops.customer(shop.id(), "r-" + UUID.randomUUID() + "@example.in", phone, true);
        // The customer taps a quick-reply button "STOP", then later writes START.
        Map<String, String> stop = inbound(phone, "STOP", newSid());
        stop.put("ButtonText", "STOP");
        stop.put("ButtonPayload", "stop-promotions");
        stop.put("MessageType", "button");
        postTwilio(stop, signed(stop)).statusCode(200);
        Map<String, String> start = inbound(phone, "START", newSid());
        postTwilio(start, signed(start)).statusCode(200);
        OffsetDateTime windowOpenedAt = inSession(() -> Customer.<Customer>findById(c.id)).lastInboundWhatsappAt;

        // The captured STOP, posted again with its valid signature (Twilio's signature has no time in it).
        postTwilio(stop, signed(stop)).statusCode(200);
        Customer after = inSession(() -> Customer.<Customer>findById(c.id));
        assertThat(after.whatsappOptIn).as("still opted in").isTrue();
        assertThat(after.lastInboundWhatsappAt).as("the replay is not a new message").isEqualTo(windowOpenedAt);
        assertThat(inSession(() -> Suppression.findFor(shop.id(), Channel.WHATSAPP, phone))).isNull();
    }

    @Test
    void thePlatformsAccountStillUsesTheUrlWithoutAShop() {
        String sid = newSid();
        Notification n = sent(Channel.WHATSAPP, "TWILIO", sid, "+919812345674");
        Map<String, String> p = statusParams(sid, n.recipient, "delivered", null);
        p.put("AccountSid", TwilioStandIn.ACCOUNT_SID);
        postTwilio("/v1/webhooks/twilio", p, LocalServers.twilio().signCallback(PLATFORM_TWILIO_URL, p)).statusCode(200);
        assertThat(reload(n).status).isEqualTo(NotificationStatus.DELIVERED);
        // And on the shop's URL (a shop without its own account sends through the platform's).
        Map<String, String> read = statusParams(sid, n.recipient, "read", null);
        read.put("AccountSid", TwilioStandIn.ACCOUNT_SID);
        postTwilio(read, LocalServers.twilio().signCallback(publicUrl(twilioPath), read)).statusCode(200);
        assertThat(reload(n).status).isEqualTo(NotificationStatus.READ);
    }
}
