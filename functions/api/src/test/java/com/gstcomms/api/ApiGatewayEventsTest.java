package com.gstcomms.api;

import com.gstcomms.runtime.data.Customer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static com.gstcomms.api.Api.asKey;
import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real API Gateway HTTP API (payload 2.0) events, posted raw to the Lambda runtime's event endpoint of the
 * mock event server, the way API Gateway hands them to the function (query strings, base64 bodies).
 */
@QuarkusTest
class ApiGatewayEventsTest {

    static String fixture(String name) throws IOException {
        try (var in = ApiGatewayEventsTest.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static JsonPath invoke(String event) {
        return given().port(Api.LAMBDA_PORT).contentType(ContentType.JSON).body(event)
                .when().post("/_lambda_").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aGetWithAQueryStringListsOnlyTheShopsMatchingInvoices() throws IOException {
        var shop = TestShops.create();
        for (String order : new String[] {"#Q1", "#Q2"}) {
            asKey(shop.staff()).body("""
                    {"orderRef":"%s","recipient":{"name":"A","billingAddress":"Pune","stateCode":"27"},
                     "lines":[{"description":"Kurta","hsnSac":"6211","quantity":1,"unitPrice":"1050.00","gstRate":5}]}"""
                    .formatted(order)).when().post("/v1/invoices").then().statusCode(201);
        }
        JsonPath answer = invoke(fixture("apigw-v2-get-invoices.json").replace("${apiKey}", shop.viewer()));
        assertThat(answer.getInt("statusCode")).isEqualTo(200);
        JsonPath body = new JsonPath(answer.getString("body"));
        assertThat(body.getList("items")).hasSize(1);
        assertThat(body.getString("items[0].orderRef")).isEqualTo("#Q2");
        assertThat(body.getString("nextCursor")).isNotNull();
    }

    /** HTTP API may hand the body over base64-encoded: the HMAC is over the decoded raw bytes. */
    @Test
    void aBase64EncodedShopifyRedactWebhookIsVerifiedOnItsRawBytes() throws IOException {
        var shop = TestShops.create();
        Customer customer = TestShops.customer(shop.id(), "customer1.a@example.in", "+919812345678", false);
        inTransaction(() -> Customer.update("shopifyId = 191167 where id = ?1", customer.id));
        String payload = fixture("shopify-customers-redact.json").replace("demo.myshopify.com", shop.domain());
        byte[] raw = payload.getBytes(StandardCharsets.UTF_8);
        String hmac = Base64.getEncoder().encodeToString(SessionTokenMaker.hmac(SessionTokenMaker.APP_SECRET, payload));
        String event = fixture("apigw-v2-shopify-customers-redact.json").replace("${hmac}", hmac)
                .replace("${shopDomain}", shop.domain()).replace("${base64Body}", Base64.getEncoder().encodeToString(raw))
                .replace("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", java.util.UUID.randomUUID().toString())
                .replace("${triggeredAt}", java.time.Instant.now().toString());

        JsonPath answer = invoke(event);
        assertThat(answer.getInt("statusCode")).isEqualTo(200);
        assertThat(inSession(() -> Customer.<Customer>findById(customer.id))).isNull();

        JsonPath forged = invoke(event.replace(hmac, Base64.getEncoder().encodeToString(new byte[32])));
        assertThat(forged.getInt("statusCode")).isEqualTo(401);
    }
}
