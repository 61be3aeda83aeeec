package com.gstcomms.api;

import com.gstcomms.core.message.RenderInvoice;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.storage.ObjectStore;
import com.gstcomms.testing.Sql;
import com.gstcomms.api.http.Json;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static com.gstcomms.api.Api.asKey;
import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class ShopifyComplianceTest {

    @Inject
    ObjectStore store;

    TestShops.TestShop shop;
    Customer customer;
    long smallInvoice;
    long largeInvoice;

    @BeforeEach
    void aCustomerWithInvoicesAndMessages() {
        shop = TestShops.create();
        customer = TestShops.customer(shop.id(), "redact-" + UUID.randomUUID() + "@example.in", "+919812300000", true);
        long shopifyId = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        inTransaction(() -> Customer.update("shopifyId = ?1 where id = ?2", shopifyId, customer.id));
        customer.shopifyId = shopifyId;
        TestShops.product(shop.id(), "SAREE-7", "Silk Saree", "5007", "5");
        smallInvoice = issue("#S1", "1", "2100.00");
        largeInvoice = issue("#L1", "30", "2100.00");   // 63,000 incl. tax: above Rule 46(f)'s ₹50,000
        asKey(shop.staff()).body("{\"channel\":\"EMAIL\",\"kind\":\"ORDER_CONFIRMATION\",\"customerId\":" + customer.id
                + ",\"variables\":{\"name\":\"Priya\"}}").when().post("/v1/notifications").then().statusCode(202);
        inTransaction(() -> Invoice.update("pdfKey = ?1 where id = ?2", "invoices/" + shop.id() + "/x.pdf", smallInvoice));
        Queues.drain("render");
        Queues.drain("email");
        Queues.drain("whatsapp");
    }

    long issue(String order, String quantity, String price) {
        return asKey(shop.staff()).body("""
                {"orderRef":"%s","customerId":%d,"lines":[{"sku":"SAREE-7","quantity":%s,"unitPrice":"%s"}]}"""
                .formatted(order, customer.id, quantity, price))
                .when().post("/v1/invoices").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    io.restassured.response.ValidatableResponse post(String topic, String body, String secret) {
        return post(topic, body, secret, shopifyHeaders(topic, shop.domain()));
    }

    /** The headers Shopify sends with a delivery (a fresh webhook id, triggered now). */
    static Map<String, String> shopifyHeaders(String topic, String shopDomain) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Shopify-Topic", topic);
        headers.put("X-Shopify-Shop-Domain", shopDomain);
        headers.put("X-Shopify-API-Version", "2026-01");
        headers.put("X-Shopify-Webhook-Id", UUID.randomUUID().toString());
        headers.put("X-Shopify-Event-Id", UUID.randomUUID().toString());
        headers.put("X-Shopify-Triggered-At", Instant.now().minusSeconds(2).toString());
        return headers;
    }

    /** Posts {@code body} signed with {@code secret} to the URL of {@code urlTopic}, with exactly {@code headers}. */
    io.restassured.response.ValidatableResponse post(String urlTopic, String body, String secret, Map<String, String> headers) {
        String hmac = Base64.getEncoder().encodeToString(SessionTokenMaker.hmac(secret, body));
        return given().port(Api.LAMBDA_PORT).contentType(ContentType.JSON)
                .header("X-Shopify-Hmac-Sha256", hmac).headers(headers)
                .body(body).when().post("/v1/webhooks/shopify/" + urlTopic).then();
    }

    void uninstalled() {
        Sql.ofApp().update("update shop set uninstalled_at = now() - interval '48 hours' where id = ?", shop.id());
    }

    boolean shopExists() {
        return inSession(() -> Shop.<Shop>findById(shop.id())) != null;
    }

    boolean customerExists() {
        return inSession(() -> Customer.<Customer>findById(customer.id)) != null;
    }

    long dataRequests() {
        return inSession(() -> BulkOperation.count("shopId = ?1 and type = ?2", shop.id(), "DATA_REQUEST"));
    }

    String customerPayload(String extra) {
        return """
                {"shop_id":954889,"shop_domain":"%s","customer":{"id":%d,"email":"%s","phone":"+919812300000"}%s}"""
                .formatted(shop.domain(), customer.shopifyId, customer.email, extra);
    }

    @Test
    void redactErasesThePersonButKeepsTheInvoicesGstLawRequires() {
        post("customers/redact", customerPayload(",\"orders_to_redact\":[299938]"), SessionTokenMaker.APP_SECRET)
                .statusCode(200).body("topic", equalTo("customers/redact"));

        assertThat(inSession(() -> Customer.<Customer>findById(customer.id))).isNull();
        Invoice small = inSession(() -> Invoice.<Invoice>findById(smallInvoice));
        Invoice large = inSession(() -> Invoice.<Invoice>findById(largeInvoice));
        assertThat(small).as("the invoice is kept").isNotNull();
        assertThat(small.number).isNotBlank();
        assertThat(small.recipientName).isEqualTo("Redacted");
        assertThat(small.billingAddress).isEqualTo("Redacted");
        assertThat(small.placeOfSupply).as("place of supply stays (Rule 46(n))").isEqualTo("33");
        assertThat(small.grandTotalPaise).isEqualTo(2100_00);
        assertThat(large.recipientName).as("≥ ₹50,000 to an unregistered recipient must show the name (Rule 46(f))")
                .isEqualTo("Priya Gupta");
        assertThat(large.customerId).isNull();
        var notifications = inSession(() -> Notification.<Notification>find("shopId", shop.id()).list());
        assertThat(notifications).isNotEmpty().allSatisfy(n -> {
            assertThat(n.recipient).isEqualTo("Redacted");
            assertThat(n.variables).isEqualTo("{}");
            assertThat(n.customerId).isNull();
        });
        assertThat(Queues.drain("render")).as("the stored PDF is rendered again without the name")
                .containsExactly(new RenderInvoice(shop.id(), smallInvoice, java.util.List.of(), null));
    }

    @Test
    void dataRequestWritesTheCustomersDataToS3ForTheMerchant() {
        post("customers/data_request", customerPayload(",\"data_request\":{\"id\":9999}"), SessionTokenMaker.APP_SECRET)
                .statusCode(200);
        BulkOperation op = inSession(() -> BulkOperation.<BulkOperation>find("shopId = ?1 and type = ?2", shop.id(),
                "DATA_REQUEST").firstResult());
        String json = new String(store.getBytes(op.outputKey), StandardCharsets.UTF_8);
        assertThat(json).contains(customer.email, "#S1".isEmpty() ? "" : "ORDER_CONFIRMATION", "\"dataRequestId\":\"9999\"");
        asKey(shop.owner()).when().get("/v1/bulk-operations/" + op.id).then().statusCode(200)
                .body("type", equalTo("DATA_REQUEST"), "outputUrl", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void shopRedactDeletesTheShopsData() {
        uninstalled();
        post("shop/redact", "{\"shop_id\":954889,\"shop_domain\":\"" + shop.domain() + "\"}", SessionTokenMaker.APP_SECRET)
                .statusCode(200);
        assertThat(inSession(() -> Shop.<Shop>findById(shop.id()))).isNull();
        assertThat(inSession(() -> Invoice.count("shopId", shop.id()))).isZero();
        asKey(shop.owner()).when().get("/v1/invoices").then().statusCode(401);
    }

    @Test
    void refusesAForgedOrReplayedToAnotherTopicWebhook() {
        post("customers/redact", customerPayload(""), "not-the-app-secret").statusCode(401);
        String body = customerPayload("");
        String hmac = Base64.getEncoder().encodeToString(SessionTokenMaker.hmac(SessionTokenMaker.APP_SECRET, body));
        // A genuine customers/redact body and signature, replayed at shop/redact with its topic header.
        given().port(Api.LAMBDA_PORT).contentType(ContentType.JSON).header("X-Shopify-Hmac-Sha256", hmac)
                .header("X-Shopify-Topic", "customers/redact").body(body)
                .when().post("/v1/webhooks/shopify/shop/redact").then().statusCode(400);
        assertThat(inSession(() -> Customer.<Customer>findById(customer.id))).isNotNull();
        assertThat(inSession(() -> Shop.<Shop>findById(shop.id()))).isNotNull();
    }

    @Test
    void acceptsAWebhookSignedWithThePreviousSecretInTheHourAfterARotation() {
        // gstcomms.shopify.previous-api-secret of the test profile; Shopify may sign with it for up to an hour.
        post("customers/redact", customerPayload(",\"orders_to_redact\":[]"), "test-app-secret-before-rotation")
                .statusCode(200);
        assertThat(customerExists()).isFalse();
    }

    @Test
    void aSignedDataRequestBodyPostedToShopRedactErasesNothing() {
        uninstalled();
        String body = customerPayload(",\"data_request\":{\"id\":4242}");
        // The attacker also sets the (unsigned) topic header to the URL's topic: the body still says data_request.
        post("shop/redact", body, SessionTokenMaker.APP_SECRET, shopifyHeaders("shop/redact", shop.domain()))
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem("body"));
        Map<String, String> noTopic = shopifyHeaders("shop/redact", shop.domain());
        noTopic.remove("X-Shopify-Topic");
        post("shop/redact", body, SessionTokenMaker.APP_SECRET, noTopic).statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("X-Shopify-Topic"));
        assertThat(shopExists()).isTrue();
        assertThat(customerExists()).isTrue();
    }

    @Test
    void theSameDeliveryTwiceActsOnce() {
        String body = customerPayload(",\"data_request\":{\"id\":777}");
        Map<String, String> headers = shopifyHeaders("customers/data_request", shop.domain());
        post("customers/data_request", body, SessionTokenMaker.APP_SECRET, headers).statusCode(200);
        // Shopify's retry of the same delivery: 200 (so it stops retrying), nothing done again.
        post("customers/data_request", body, SessionTokenMaker.APP_SECRET, headers).statusCode(200)
                .body("result", org.hamcrest.Matchers.containsString("duplicate"));
        // The same signed body under a fresh (unsigned) webhook id is the same delivery too.
        post("customers/data_request", body, SessionTokenMaker.APP_SECRET,
                shopifyHeaders("customers/data_request", shop.domain())).statusCode(200)
                .body("result", org.hamcrest.Matchers.containsString("duplicate"));
        assertThat(dataRequests()).isEqualTo(1);
    }

    @Test
    void refusesMissingOrMismatchedTopicAndShopDomainHeaders() {
        String body = customerPayload(",\"orders_to_redact\":[]");
        TestShops.TestShop other = TestShops.create();
        for (String[] change : new String[][] {{"X-Shopify-Topic", null}, {"X-Shopify-Topic", "customers/data_request"},
                {"X-Shopify-Shop-Domain", null}, {"X-Shopify-Shop-Domain", other.domain()},
                {"X-Shopify-Webhook-Id", null}}) {
            Map<String, String> headers = shopifyHeaders("customers/redact", shop.domain());
            if (change[1] == null) {
                headers.remove(change[0]);
            } else {
                headers.put(change[0], change[1]);
            }
            post("customers/redact", body, SessionTokenMaker.APP_SECRET, headers).statusCode(400)
                    .contentType("application/problem+json").body("errors.field", org.hamcrest.Matchers.hasItem(change[0]));
        }
        assertThat(customerExists()).isTrue();
    }

    @Test
    void refusesADeliveryTriggeredLongerAgoThanTheReplayWindow() {
        Map<String, String> headers = shopifyHeaders("customers/redact", shop.domain());
        headers.put("X-Shopify-Triggered-At", Instant.now().minus(java.time.Duration.ofHours(25)).toString());
        post("customers/redact", customerPayload(",\"orders_to_redact\":[]"), SessionTokenMaker.APP_SECRET, headers)
                .statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("X-Shopify-Triggered-At"));
        assertThat(customerExists()).isTrue();
        // Within the window (Shopify retries for 4 hours) it is handled.
        headers.put("X-Shopify-Triggered-At", Instant.now().minus(java.time.Duration.ofHours(4)).toString());
        headers.put("X-Shopify-Webhook-Id", UUID.randomUUID().toString());
        post("customers/redact", customerPayload(",\"orders_to_redact\":[]"), SessionTokenMaker.APP_SECRET, headers)
                .statusCode(200);
        assertThat(customerExists()).isFalse();
    }

    @Test
    void shopRedactLeavesAShopThatHasTheAppInstalled() {
        post("shop/redact", "{\"shop_id\":954889,\"shop_domain\":\"" + shop.domain() + "\"}", SessionTokenMaker.APP_SECRET)
                .statusCode(200).body("result", org.hamcrest.Matchers.containsString("installed"));
        assertThat(shopExists()).isTrue();
        assertThat(inSession(() -> Invoice.count("shopId", shop.id()))).isEqualTo(2);
        // After the uninstall the same (genuine) webhook is acted on: the refusal was not kept as "done".
        uninstalled();
        post("shop/redact", "{\"shop_id\":954889,\"shop_domain\":\"" + shop.domain() + "\"}", SessionTokenMaker.APP_SECRET)
                .statusCode(200);
        assertThat(shopExists()).isFalse();
    }

    enum KnownBy { ID, EMAIL, PHONE }

    @ParameterizedTest(name = "{0} of a customer known only by {1}")
    @CsvSource({"customers/redact, ID", "customers/redact, EMAIL", "customers/redact, PHONE",
            "customers/data_request, ID", "customers/data_request, EMAIL", "customers/data_request, PHONE"})
    void worksForACustomerKnownOnlyByIdEmailOrPhone(String topic, KnownBy knownBy) throws Exception {
        String email = knownBy == KnownBy.EMAIL ? "only-" + UUID.randomUUID() + "@example.in" : null;
        String phone = knownBy == KnownBy.PHONE ? "+9197" + (10_000_000 + (int) (Math.random() * 89_999_999)) : null;
        Customer person = TestShops.customer(shop.id(), email, phone, false);
        long shopifyId = Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000L);
        if (knownBy == KnownBy.ID) {
            Sql.ofApp().update("update customer set shopify_id = ? where id = ?", shopifyId, person.id);
        }
        long invoice = asKey(shop.staff()).body("""
                {"orderRef":"#K%s","customerId":%d,"lines":[{"sku":"SAREE-7","quantity":1,"unitPrice":"2100.00"}]}"""
                .formatted(knownBy, person.id)).when().post("/v1/invoices").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        // What Shopify sends for such a customer: only what it knows, the rest null.
        String body = """
                {"shop_id":954889,"shop_domain":"%s","customer":{"id":%s,"email":%s,"phone":%s}%s}""".formatted(
                shop.domain(), knownBy == KnownBy.ID ? Long.toString(shopifyId) : "null",
                email == null ? "null" : "\"" + email + "\"", phone == null ? "null" : "\"" + phone + "\"",
                topic.equals("customers/redact") ? ",\"orders_to_redact\":[]" : ",\"data_request\":{\"id\":" + shopifyId + "}");

        post(topic, body, SessionTokenMaker.APP_SECRET).statusCode(200);

        if (topic.equals("customers/redact")) {
            assertThat(inSession(() -> Customer.<Customer>findById(person.id))).as("the customer is erased").isNull();
            Invoice kept = inSession(() -> Invoice.<Invoice>findById(invoice));
            assertThat(kept).as("the invoice is kept (CGST Rule 56)").isNotNull();
            assertThat(kept.recipientName).isEqualTo("Redacted");
            assertThat(customerExists()).as("another customer of the shop is left alone").isTrue();
        } else {
            BulkOperation op = inSession(() -> BulkOperation.<BulkOperation>find("shopId = ?1 and type = ?2",
                    shop.id(), "DATA_REQUEST").firstResult());
            var export = Json.mapper().readTree(store.getBytes(op.outputKey));
            assertThat(export.path("customers")).hasSize(1);
            assertThat(export.path("invoices")).hasSize(1);
            assertThat(inSession(() -> Customer.<Customer>findById(person.id))).isNotNull();
        }
    }
}
