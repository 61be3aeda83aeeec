package com.gstcomms.api;

import com.gstcomms.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;

import static com.gstcomms.api.Api.asKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Issue 15 §2: every number has a range and decimal places, every text a length, every date a window;
 * out of bounds is a 400 problem naming the field, never a 500 or a hang, and nothing is stored.
 */
@QuarkusTest
class InputBoundsTest {

    TestShops.TestShop shop;

    @BeforeEach
    void setUp() {
        shop = TestShops.create();
        TestShops.product(shop.id(), "TIFFIN-3", "Steel Tiffin Box", "7323", "18");
        Queues.drain("render");
    }

    private static String order(String line, String dates) {
        return """
                {"orderRef":"#B1",%s
                 "recipient":{"name":"Aarav Nair","billingAddress":"Pune","stateCode":"MH"},
                 "lines":[%s]}""".formatted(dates, line);
    }

    private ValidatableResponse issue(String body) {
        return asKey(shop.staff()).body(body).when().post("/v1/invoices").then();
    }

    private void refused(ValidatableResponse answer, String field) {
        answer.statusCode(400).contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem(field));
    }

    private long invoices() {
        return count("invoice");
    }

    private long count(String table) {
        return ((Number) Sql.ofApp().value("select count(*) from " + table + " where shop_id = ?", shop.id())).longValue();
    }

    @Test
    void refusesAQuantityOfAHugeExponentAtOnceInsteadOfHanging() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            refused(issue(order("{\"sku\":\"TIFFIN-3\",\"quantity\":1E+999999999,\"unitPrice\":\"849.00\"}", "")),
                    "lines[0].quantity");
            refused(asKey(shop.staff()).body("{\"orders\":[" + order(
                            "{\"sku\":\"TIFFIN-3\",\"quantity\":1E+999999999,\"unitPrice\":\"849.00\"}", "") + "]}")
                    .when().post("/v1/bulk/invoices").then(), "orders[0].lines[0].quantity");
        });
        assertThat(invoices()).isZero();
    }

    @Test
    void refusesQuantitiesBeyondTheRangeAsTheFieldsErrorNotA500() {
        refused(issue(order("{\"sku\":\"TIFFIN-3\",\"quantity\":1E+30,\"unitPrice\":\"849.00\"}", "")), "lines[0].quantity");
        issue(order("{\"sku\":\"TIFFIN-3\",\"quantity\":123456789012345,\"unitPrice\":\"849.00\"}", ""))
                .statusCode(400).body("errors[0].field", equalTo("lines[0].quantity"),
                        "errors[0].message", containsString("at most 1000000"));
        refused(issue(order("{\"sku\":\"TIFFIN-3\",\"quantity\":1.0001,\"unitPrice\":\"849.00\"}", "")), "lines[0].quantity");
        assertThat(invoices()).isZero();
    }

    @Test
    void refusesPricesDiscountsAndShippingTooLargeForTheTotals() {
        refused(issue(order("{\"sku\":\"TIFFIN-3\",\"quantity\":1,\"unitPrice\":\"99999999999999999999\"}", "")),
                "lines[0].unitPrice");
        refused(issue(order("{\"sku\":\"TIFFIN-3\",\"quantity\":1,\"unitPrice\":\"1.00\",\"discount\":\"92233720368547758.07\"}", "")),
                "lines[0].discount");
        refused(issue(order("{\"sku\":\"TIFFIN-3\",\"quantity\":1,\"unitPrice\":\"1.00\"}", "")
                .replace("\"orderRef\"", "\"shippingCharge\":\"100000000.01\",\"orderRef\"")), "shippingCharge");
        assertThat(invoices()).isZero();
    }

    @Test
    void refusesAGstRateWithThreeDecimalsInsteadOfStoringItRounded() {
        refused(issue(order("{\"description\":\"Rice\",\"hsnSac\":\"1006\",\"quantity\":1,\"unitPrice\":\"100.00\",\"gstRate\":18.125}", "")),
                "lines[0].gstRate");
        refused(issue(order("{\"description\":\"Rice\",\"hsnSac\":\"1006\",\"quantity\":1,\"unitPrice\":\"100.00\",\"gstRate\":5,\"cessRate\":0.001}", "")),
                "lines[0].cessRate");
        assertThat(invoices()).isZero();
    }

    @Test
    void refusesInvoiceDatesBeforeGstOrFarAhead() {
        String line = "{\"sku\":\"TIFFIN-3\",\"quantity\":1,\"unitPrice\":\"849.00\"}";
        issue(order(line, "\"issueDate\":\"1900-01-01\",")).statusCode(400)
                .body("errors[0].field", equalTo("issueDate"), "errors[0].message", containsString("2017-07-01"));
        refused(issue(order(line, "\"issueDate\":\"2999-01-01\",")), "issueDate");
        refused(issue(order(line, "\"issueDate\":\"2026-10-05\",\"dueDate\":\"2999-01-01\",")), "dueDate");
        String tooFar = LocalDate.now().plusDays(400).toString();
        refused(issue(order(line, "\"issueDate\":\"" + tooFar + "\",")), "issueDate");
        assertThat(invoices()).isZero();
        issue(order(line, "\"issueDate\":\"2017-07-01\",")).statusCode(201);
    }

    @Test
    void refusesAnOverLongNotificationLocaleAndTooManyVariables() {
        asKey(shop.staff()).body("{\"channel\":\"EMAIL\",\"kind\":\"ORDER_CONFIRMATION\",\"to\":\"asha@example.in\",\"locale\":\""
                        + "en-" + "x".repeat(60) + "\"}")
                .when().post("/v1/notifications").then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem("locale"));
        asKey(shop.staff()).body("{\"channel\":\"EMAIL\",\"kind\":\"ORDER_CONFIRMATION\",\"to\":\"asha@example.in\","
                        + "\"variables\":{\"note\":\"" + "x".repeat(30_000) + "\"}}")
                .when().post("/v1/notifications").then().statusCode(400).body("errors.field", hasItem("variables"));
        asKey(shop.staff()).body("{\"channel\":\"EMAIL\",\"kind\":\"ORDER_CONFIRMATION\",\"to\":\"asha@example.in\","
                        + "\"scheduledAt\":\"2999-01-01T10:00:00+05:30\"}")
                .when().post("/v1/notifications").then().statusCode(400).body("errors.field", hasItem("scheduledAt"));
        assertThat(count("notification")).isZero();
    }

    @Test
    void refusesANulCharacterThatPostgresqlCannotStore() {
        asKey(shop.staff()).body("{\"channel\":\"EMAIL\",\"kind\":\"ORDER_CONFIRMATION\",\"to\":\"asha@example.in\","
                        + "\"variables\":{\"note\":\"a\\u0000b\"}}")
                .when().post("/v1/notifications").then().statusCode(400).body("errors.field", hasItem("variables"));
        refused(issue(order("{\"sku\":\"TIFFIN-3\",\"quantity\":1,\"unitPrice\":\"849.00\"}", "")
                .replace("\"Pune\"", "\"Pune\\u0000\"")), "recipient.billingAddress");
        assertThat(count("notification") + invoices()).isZero();
    }

    @Test
    void refusesAnOverLongCampaignKind() {
        asKey(shop.staff()).body("{\"name\":\"Diwali\",\"kind\":\"" + "K".repeat(60) + "\",\"audience\":{\"type\":\"ALL\"}}")
                .when().post("/v1/campaigns").then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem("kind"));
        asKey(shop.staff()).body("{\"name\":\"Diwali\",\"audience\":{\"type\":\"ALL\"},\"scheduledAt\":\"2999-01-01T10:00:00Z\"}")
                .when().post("/v1/campaigns").then().statusCode(400).body("errors.field", hasItem("scheduledAt"));
        assertThat(count("campaign")).isZero();
    }

    @Test
    void refusesAParcelWeightBeyondATonne() {
        asKey(shop.staff()).body("{\"parcels\":[{\"shipmentId\":1,\"courier\":\"Delhivery\",\"awb\":\"DL1\",\"weightGrams\":2000000}]}")
                .when().post("/v1/bulk/labels").then().statusCode(400).body("errors.field", hasItem("parcels[0].weightGrams"));
    }

    @Test
    void refusesAnOverLongTemplateLocaleAndExportFilter() {
        asKey(shop.owner()).body("{\"channel\":\"EMAIL\",\"kind\":\"THANK_YOU\",\"locale\":\"hi-abcdefgh\",\"subject\":\"x\",\"bodyHtml\":\"<p>x</p>\"}")
                .when().post("/v1/templates").then().statusCode(400).body("errors.field", hasItem("locale"));
        asKey(shop.staff()).body("{\"type\":\"INVOICES\",\"filters\":{\"customerId\":1E+30}}")
                .when().post("/v1/exports").then().statusCode(400);
    }
}
