package com.gstcomms.api;

import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationStatus;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static com.gstcomms.api.Api.asKey;
import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Customers and analytics: what the merchant reads. */
@QuarkusTest
class ReadingTest {

    @Test
    void customersFilterByTagOptInAndSearchWithPaging() {
        var shop = TestShops.create();
        Customer vip = TestShops.customer(shop.id(), "meera-" + UUID.randomUUID() + "@example.in", "+919800000001", true);
        Customer other = TestShops.customer(shop.id(), "ravi-" + UUID.randomUUID() + "@example.in", "+919800000002", false);
        inTransaction(() -> Customer.update("tags = ?1, firstName = ?2, emailOptIn = false where id = ?3",
                new String[] {"wholesale"}, "Ravi", other.id));
        asKey(shop.viewer()).queryParam("tag", "vip").when().get("/v1/customers")
                .then().statusCode(200).body("items", hasSize(1), "items[0].id", equalTo((int) (long) vip.id));
        asKey(shop.viewer()).queryParam("optedIn", "WHATSAPP").when().get("/v1/customers")
                .then().body("items", hasSize(1), "items[0].whatsappOptIn", equalTo(true));
        asKey(shop.viewer()).queryParam("search", "RAVI").when().get("/v1/customers")
                .then().body("items", hasSize(1), "items[0].firstName", equalTo("Ravi"));
        asKey(shop.viewer()).queryParam("search", "100%_").when().get("/v1/customers").then().body("items", hasSize(0));
        asKey(shop.viewer()).queryParam("limit", 1).when().get("/v1/customers")
                .then().body("items", hasSize(1), "nextCursor", notNullValue());
        asKey(shop.viewer()).when().get("/v1/customers/" + vip.id).then().statusCode(200).body("tags[0]", equalTo("vip"));
        asKey(TestShops.create().viewer()).when().get("/v1/customers/" + vip.id).then().statusCode(404);
        asKey(shop.viewer()).queryParam("optedIn", "MAYBE").when().get("/v1/customers").then().statusCode(400);
    }

    Notification message(long shopId, Channel channel, String kind, NotificationStatus status, OffsetDateTime created,
                         int secondsToDeliver) {
        Notification n = new Notification();
        n.shopId = shopId;
        n.channel = channel;
        n.kind = kind;
        n.recipient = "x@example.in";
        n.idempotencyKey = UUID.randomUUID().toString();
        n.status = status;
        n.createdAt = created;
        if (status != NotificationStatus.FAILED) {
            n.sentAt = created.plusSeconds(1);
        }
        if (secondsToDeliver >= 0) {
            n.deliveredAt = n.sentAt.plusSeconds(secondsToDeliver);
        }
        if (status == NotificationStatus.OPENED) {
            n.openedAt = n.deliveredAt.plusSeconds(60);
        }
        if (status == NotificationStatus.READ) {
            n.readAt = n.deliveredAt.plusSeconds(60);
        }
        inTransaction(n::persist);
        return n;
    }

    @Test
    void analyticsCountsRatesAndTimeToDeliverPerChannelAndDay() {
        var shop = TestShops.create();
        OffsetDateTime day1 = OffsetDateTime.of(2026, 11, 20, 10, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30));
        OffsetDateTime day2 = day1.plusDays(1);
        // Day 1 email: 4 sent, 3 delivered (2, 4 and 60 s), 1 opened, 1 bounced.
        message(shop.id(), Channel.EMAIL, "INVOICE_DELIVERY", NotificationStatus.DELIVERED, day1, 2);
        message(shop.id(), Channel.EMAIL, "INVOICE_DELIVERY", NotificationStatus.OPENED, day1, 4);
        message(shop.id(), Channel.EMAIL, "PAYMENT_REMINDER", NotificationStatus.DELIVERED, day1, 60);
        message(shop.id(), Channel.EMAIL, "PAYMENT_REMINDER", NotificationStatus.BOUNCED, day1, -1);
        // Day 2 WhatsApp: 1 read, 1 failed (never sent).
        message(shop.id(), Channel.WHATSAPP, "PAYMENT_REMINDER", NotificationStatus.READ, day2, 10);
        message(shop.id(), Channel.WHATSAPP, "PAYMENT_REMINDER", NotificationStatus.FAILED, day2, -1);
        // Another shop's messages never count.
        message(TestShops.create().id(), Channel.EMAIL, "INVOICE_DELIVERY", NotificationStatus.DELIVERED, day1, 2);

        asKey(shop.viewer()).queryParam("from", "2026-11-20").queryParam("to", "2026-11-21")
                .when().get("/v1/analytics")
                .then().statusCode(200)
                .body("groupBy", equalTo("channel"), "items", hasSize(2),
                        "items[0].day", equalTo("2026-11-20"), "items[0].key", equalTo("EMAIL"),
                        "items[0].sent", equalTo(4), "items[0].delivered", equalTo(3), "items[0].opened", equalTo(1),
                        "items[0].bounced", equalTo(1), "items[0].deliveryRate", equalTo(0.75f),
                        "items[0].openRate", equalTo(0.3333f), "items[0].bounceRate", equalTo(0.25f),
                        "items[0].medianSecondsToDeliver", equalTo(4.0f), "items[0].p95SecondsToDeliver", equalTo(54.4f),
                        "items[1].key", equalTo("WHATSAPP"), "items[1].read", equalTo(1), "items[1].failed", equalTo(1),
                        "items[1].readRate", equalTo(1.0f), "items[1].failureRate", equalTo(0.5f),
                        "totals", hasSize(2), "totals[0].day", nullValue(), "totals[0].sent", equalTo(4));
        asKey(shop.viewer()).queryParam("groupBy", "kind").queryParam("from", "2026-11-20").queryParam("to", "2026-11-21")
                .when().get("/v1/analytics")
                .then().statusCode(200).body("totals.key", equalTo(List.of("INVOICE_DELIVERY", "PAYMENT_REMINDER")),
                        "totals[1].total", equalTo(4));
        asKey(shop.viewer()).queryParam("groupBy", "colour").queryParam("from", "2026-11-22").queryParam("to", "2026-11-21")
                .when().get("/v1/analytics").then().statusCode(400);
    }
}
