package com.gstcomms.api;

import com.gstcomms.runtime.data.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationEvent;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.data.ShopCredential;
import com.gstcomms.runtime.data.Suppression;
import com.gstcomms.runtime.secrets.ProviderCredentials;
import com.gstcomms.testing.LocalServers;
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

    static final String PUBLIC_TWILIO_URL = "https://api.gstcomms.test/v1/webhooks/twilio";

    @Inject
    ProviderCredentials credentials;

    TestShops.TestShop shop;

    @BeforeEach
    void shopWithItsOwnTwilioAccount() {
        shop = TestShops.create();
        inTransaction(() -> credentials.save(shop.id(), ShopCredential.Provider.TWILIO,
                "{\"accountSid\":\"" + TwilioStandIn.ACCOUNT_SID + "\",\"from\":\"whatsapp:+912240000000\"}",
                TwilioStandIn.AUTH_TOKEN));
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

    // --- Twilio ---------------------------------------------------------------------------------

    io.restassured.response.ValidatableResponse postTwilio(Map<String, String> params, String signature) {
        String form = params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return given().port(Api.LAMBDA_PORT).contentType("application/x-www-form-urlencoded; charset=utf-8")
                .header("X-Twilio-Signature", signature).body(form)
                .when().post("/v1/webhooks/twilio").then();
    }

    Map<String, String> statusParams(String sid, String to, String status, String errorCode) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", TwilioStandIn.ACCOUNT_SID);
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
        postTwilio(p, LocalServers.twilio().signCallback(PUBLIC_TWILIO_URL, p)).statusCode(200);
    }

    @Test
    void twilioStatusCallbacksOutOfOrderNeverMoveTheStatusBackwards() {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
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
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
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
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        Notification n = sent(Channel.WHATSAPP, "TWILIO", sid, "+919812345671");
        Map<String, String> p = statusParams(sid, n.recipient, "read", null);
        postTwilio(p, "bm90IGEgc2lnbmF0dXJl").statusCode(403);
        postTwilio(p, LocalServers.twilio().signCallback("https://evil.example/v1/webhooks/twilio", p)).statusCode(403);
        postTwilio(p, TwilioStandIn.signCallback("another-accounts-token", PUBLIC_TWILIO_URL, p)).statusCode(403);
        assertThat(reload(n).status).isEqualTo(NotificationStatus.SENT);
    }

    @Test
    void inboundWhatsAppOpensTheWindowAndStopAndStartOptOutAndIn() {
        String phone = "+9198" + (10_000_000 + (int) (Math.random() * 89_999_999));
        Customer c = TestShops.customer(shop.id(), "w-" + UUID.randomUUID() + "@example.in", phone, true);
        Map<String, String> inbound = new LinkedHashMap<>();
        inbound.put("AccountSid", TwilioStandIn.ACCOUNT_SID);
        inbound.put("ApiVersion", "2010-04-01");
        inbound.put("Body", "Stop");
        inbound.put("From", "whatsapp:" + phone);
        inbound.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
        inbound.put("NumMedia", "0");
        inbound.put("ProfileName", "Priya");
        inbound.put("SmsStatus", "received");
        inbound.put("To", "whatsapp:+912240000000");
        inbound.put("WaId", phone.substring(1));
        postTwilio(inbound, LocalServers.twilio().signCallback(PUBLIC_TWILIO_URL, inbound))
                .statusCode(200).contentType(org.hamcrest.Matchers.containsString("xml"));
        Customer stopped = inSession(() -> Customer.<Customer>findById(c.id));
        assertThat(stopped.whatsappOptIn).isFalse();
        assertThat(stopped.lastInboundWhatsappAt).isNotNull();
        assertThat(inSession(() -> Suppression.findFor(shop.id(), Channel.WHATSAPP, phone))).isNotNull();

        inbound.put("Body", "START");
        inbound.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
        postTwilio(inbound, LocalServers.twilio().signCallback(PUBLIC_TWILIO_URL, inbound)).statusCode(200);
        assertThat(inSession(() -> Customer.<Customer>findById(c.id)).whatsappOptIn).isTrue();
        assertThat(inSession(() -> Suppression.findFor(shop.id(), Channel.WHATSAPP, phone))).isNull();
    }
}
