package com.gstcomms.api;

import com.gstcomms.core.message.RenderInvoice;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.storage.ObjectStore;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
        String hmac = Base64.getEncoder().encodeToString(SessionTokenMaker.hmac(secret, body));
        return given().port(Api.LAMBDA_PORT).contentType(ContentType.JSON)
                .header("X-Shopify-Hmac-Sha256", hmac).header("X-Shopify-Topic", topic)
                .header("X-Shopify-Shop-Domain", shop.domain()).header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
                .body(body).when().post("/v1/webhooks/shopify/" + topic).then();
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
}
