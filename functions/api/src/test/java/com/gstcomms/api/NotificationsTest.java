package com.gstcomms.api;

import com.gstcomms.core.message.SendEmail;
import com.gstcomms.core.message.SendWhatsApp;
import com.gstcomms.runtime.data.AuditLog;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

import static com.gstcomms.api.Api.asKey;
import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class NotificationsTest {

    TestShops.TestShop shop;

    @BeforeEach
    void freshShop() {
        shop = TestShops.create();
        Queues.drain("email");
        Queues.drain("whatsapp");
    }

    @Test
    void sendsAnEmailAndQueuesItsCommand() {
        long id = asKey(shop.staff())
                .body("{\"channel\":\"EMAIL\",\"kind\":\"order_confirmation\",\"to\":\"Asha@Example.in\",\"variables\":{\"orderName\":\"#IN1001\"}}")
                .when().post("/v1/notifications")
                .then().statusCode(202)
                .body("status", equalTo("QUEUED"), "channel", equalTo("EMAIL"), "kind", equalTo("ORDER_CONFIRMATION"),
                        "recipient", equalTo("Asha@example.in"), "provider", nullValue(), "variables.orderName", equalTo("#IN1001"))
                .extract().jsonPath().getLong("id");
        assertThat(Queues.drain("email")).containsExactly(new SendEmail(shop.id(), id, null));
        java.util.List<AuditLog> audits = inSession(() -> AuditLog.<AuditLog>find("shopId = ?1 and action = ?2", shop.id(),
                "notification.create").list());
        assertThat(audits).singleElement().satisfies(a -> {
                    assertThat(a.targetId).isEqualTo(Long.toString(id));
                    assertThat(a.actorType).isEqualTo("API_KEY");
                    assertThat(a.actor).startsWith("key:gc_live_");
                });
    }

    @Test
    void autoPicksWhatsAppForAnOptedInCustomerWithAPhoneElseEmail() {
        var optedIn = TestShops.customer(shop.id(), "in-" + UUID.randomUUID() + "@example.in", "+919812345678", true);
        var notOptedIn = TestShops.customer(shop.id(), "out-" + UUID.randomUUID() + "@example.in", "+919812345679", false);
        asKey(shop.staff()).body("{\"kind\":\"PAYMENT_REMINDER\",\"customerId\":" + optedIn.id + "}")
                .when().post("/v1/notifications")
                .then().statusCode(202).body("channel", equalTo("WHATSAPP"), "recipient", equalTo("+919812345678"));
        asKey(shop.staff()).body("{\"channel\":\"AUTO\",\"kind\":\"PAYMENT_REMINDER\",\"customerId\":" + notOptedIn.id + "}")
                .when().post("/v1/notifications")
                .then().statusCode(202).body("channel", equalTo("EMAIL"), "recipient", equalTo(notOptedIn.email));
        assertThat(Queues.drain("whatsapp")).singleElement().isInstanceOf(SendWhatsApp.class);
        assertThat(Queues.drain("email")).singleElement().isInstanceOf(SendEmail.class);
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheFirstAnswerAndCreatesNothing() {
        String body = "{\"channel\":\"EMAIL\",\"kind\":\"ORDER_CONFIRMATION\",\"to\":\"asha@example.in\"}";
        String first = asKey(shop.staff()).header("Idempotency-Key", "order-1001-confirmation").body(body)
                .when().post("/v1/notifications").then().statusCode(202).extract().asString();
        String again = asKey(shop.staff()).header("Idempotency-Key", "order-1001-confirmation").body(body)
                .when().post("/v1/notifications")
                .then().statusCode(202).header("Idempotent-Replayed", "true").extract().asString();
        assertThat(again).isEqualTo(first);
        assertThat(inSession(() -> Notification.count("shopId", shop.id()))).isEqualTo(1);
        assertThat(Queues.drain("email")).hasSize(1);

        asKey(shop.staff()).header("Idempotency-Key", "order-1001-confirmation")
                .body("{\"channel\":\"EMAIL\",\"kind\":\"ORDER_CONFIRMATION\",\"to\":\"someone-else@example.in\"}")
                .when().post("/v1/notifications")
                .then().statusCode(422).body("detail", containsString("different request"));
    }

    @Test
    void theSameIdempotencyKeyInAnotherShopIsAnotherRequest() {
        var other = TestShops.create();
        String body = "{\"channel\":\"EMAIL\",\"kind\":\"ORDER_CONFIRMATION\",\"to\":\"asha@example.in\"}";
        long a = asKey(shop.staff()).header("Idempotency-Key", "k-1").body(body).when().post("/v1/notifications")
                .then().statusCode(202).extract().jsonPath().getLong("id");
        long b = asKey(other.staff()).header("Idempotency-Key", "k-1").body(body).when().post("/v1/notifications")
                .then().statusCode(202).extract().jsonPath().getLong("id");
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void aFutureScheduledAtIsKeptForTheSchedulerAndNotQueued() {
        String at = OffsetDateTime.now().plusDays(1).withNano(0).toString();
        asKey(shop.staff()).body("{\"channel\":\"WHATSAPP\",\"kind\":\"PAYMENT_REMINDER\",\"to\":\"98123 45678\",\"scheduledAt\":\"" + at + "\"}")
                .when().post("/v1/notifications")
                .then().statusCode(202).body("status", equalTo("SCHEDULED"), "recipient", equalTo("+919812345678"),
                        "scheduledAt", notNullValue());
        assertThat(Queues.drain("whatsapp")).isEmpty();
    }

    @Test
    void namesEveryWrongFieldOfAMessage() {
        asKey(shop.staff()).body("{\"channel\":\"FAX\",\"to\":\"\",\"scheduledAt\":\"tomorrow\"}")
                .when().post("/v1/notifications")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("channel", "kind", "to", "scheduledAt"));
        asKey(shop.staff()).body("{\"channel\":\"EMAIL\",\"kind\":\"X\",\"to\":\"not-an-email\"}")
                .when().post("/v1/notifications")
                .then().statusCode(400).body("errors[0].field", equalTo("to"));
        asKey(shop.staff()).body("{\"channel\":\"EMAIL\",\"kind\":\"X\",\"to\":\"a@example.in\",\"surprise\":1}")
                .when().post("/v1/notifications")
                .then().statusCode(400).body("errors[0].field", equalTo("surprise"));
        asKey(shop.staff()).body("{not json").when().post("/v1/notifications")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aViewerCanReadButNotSend() {
        asKey(shop.viewer()).body("{\"channel\":\"EMAIL\",\"kind\":\"X\",\"to\":\"a@example.in\"}")
                .when().post("/v1/notifications").then().statusCode(403);
        asKey(shop.viewer()).when().get("/v1/notifications").then().statusCode(200);
    }

    @Test
    void anotherShopsCustomerAndNotificationAreNotFound() {
        var other = TestShops.create();
        var theirCustomer = TestShops.customer(other.id(), "x-" + UUID.randomUUID() + "@example.in", null, false);
        long theirs = asKey(other.staff()).body("{\"channel\":\"EMAIL\",\"kind\":\"X\",\"to\":\"a@example.in\"}")
                .when().post("/v1/notifications").then().statusCode(202).extract().jsonPath().getLong("id");

        asKey(shop.staff()).body("{\"kind\":\"X\",\"customerId\":" + theirCustomer.id + "}")
                .when().post("/v1/notifications").then().statusCode(400).body("errors[0].field", equalTo("customerId"));
        asKey(shop.viewer()).when().get("/v1/notifications/" + theirs).then().statusCode(404);
        asKey(shop.viewer()).when().get("/v1/notifications").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void listsWithFiltersAndCursorPagingAndShowsOneWithItsEvents() {
        for (int i = 0; i < 5; i++) {
            asKey(shop.staff()).body("{\"channel\":\"EMAIL\",\"kind\":\"" + (i % 2 == 0 ? "A" : "B") + "\",\"to\":\"p" + i + "@example.in\"}")
                    .when().post("/v1/notifications").then().statusCode(202);
        }
        var page1 = asKey(shop.viewer()).queryParam("limit", 2).when().get("/v1/notifications")
                .then().statusCode(200).body("items", hasSize(2), "nextCursor", notNullValue()).extract().jsonPath();
        var page2 = asKey(shop.viewer()).queryParam("limit", 2).queryParam("cursor", page1.getString("nextCursor"))
                .when().get("/v1/notifications").then().statusCode(200).body("items", hasSize(2)).extract().jsonPath();
        var page3 = asKey(shop.viewer()).queryParam("limit", 2).queryParam("cursor", page2.getString("nextCursor"))
                .when().get("/v1/notifications").then().statusCode(200).body("items", hasSize(1), "nextCursor", nullValue())
                .extract().jsonPath();
        assertThat(page1.getList("items.recipient")).containsExactly("p4@example.in", "p3@example.in");
        assertThat(page3.getList("items.recipient")).containsExactly("p0@example.in");
        asKey(shop.viewer()).queryParam("kind", "a").when().get("/v1/notifications")
                .then().body("items", hasSize(3));
        asKey(shop.viewer()).queryParam("status", "BOGUS").when().get("/v1/notifications")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));

        long id = page3.getLong("items[0].id");
        NotificationEvent event = new NotificationEvent();
        event.shopId = shop.id();
        event.notificationId = id;
        event.type = "delivered";
        event.provider = "SENDGRID";
        event.occurredAt = OffsetDateTime.now();
        inTransaction(event::persist);
        asKey(shop.viewer()).when().get("/v1/notifications/" + id)
                .then().statusCode(200).body("events", hasSize(1), "events[0].type", equalTo("delivered"));
    }

    /** The sample API Gateway HTTP API event, posted raw to the Lambda runtime's event endpoint. */
    @Test
    void answersARealApiGatewayV2Event() throws Exception {
        var customer = TestShops.customer(shop.id(), "gw-" + UUID.randomUUID() + "@example.in", null, false);
        String event = new String(getClass().getResourceAsStream("/events/apigw-v2-post-notification.json").readAllBytes(),
                StandardCharsets.UTF_8)
                .replace("${apiKey}", shop.staff())
                .replace("\\\"customerId\\\":0", "\\\"customerId\\\":" + customer.id);
        var response = given().port(Api.LAMBDA_PORT).contentType(ContentType.JSON).body(event)
                .when().post("/_lambda_")
                .then().statusCode(200).extract().jsonPath();
        assertThat(response.getInt("statusCode")).isEqualTo(202);
        assertThat(response.getString("body")).contains("\"channel\":\"EMAIL\"", "\"status\":\"QUEUED\"");
        assertThat(Queues.drain("email")).hasSize(1);
    }
}
