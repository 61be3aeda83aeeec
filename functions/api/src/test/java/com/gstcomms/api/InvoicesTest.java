package com.gstcomms.api;

import com.gstcomms.core.message.Channel;
import com.gstcomms.core.message.RenderInvoice;
import com.gstcomms.core.message.RenderLabels;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.storage.ObjectStore;
import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static com.gstcomms.api.Api.asKey;
import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class InvoicesTest {

    @Inject
    ObjectStore store;

    @Inject
    com.gstcomms.runtime.work.BulkProgress bulkProgress;

    TestShops.TestShop shop;

    /** Order #IN1001 of the sample export: 4 × Steel Tiffin Box at 849.00, 18 %, tax included, MH → MH. */
    static final String IN1001 = """
            {"orderRef":"#IN1001","issueDate":"2026-10-05",
             "recipient":{"name":"Aarav Nair","billingAddress":"55 Station Road, Pune 411001","stateCode":"MH"},
             "lines":[{"sku":"TIFFIN-3","quantity":4,"unitPrice":"849.00"}]}""";

    @BeforeEach
    void setUp() {
        shop = TestShops.create();
        TestShops.product(shop.id(), "TIFFIN-3", "Steel Tiffin Box", "7323", "18");
        Queues.drain("render");
    }

    @Test
    void issuesAnInvoiceFromAnOrderWithTheTaxShopifyCharged() {
        long id = asKey(shop.staff()).body(IN1001).when().post("/v1/invoices")
                .then().statusCode(201)
                .body("number", equalTo("ASH/2627/000001"), "orderRef", equalTo("#IN1001"),
                        "placeOfSupply", equalTo("27"), "placeOfSupplyName", equalTo("Maharashtra"),
                        "taxableTotal", equalTo("2877.98"), "cgst", equalTo("259.01"), "sgst", equalTo("259.01"),
                        "igst", equalTo("0.00"), "roundOff", equalTo("0.00"), "grandTotal", equalTo("3396.00"),
                        "amountInWords", containsString("Three Thousand Three Hundred"),
                        "status", equalTo("ISSUED"), "lines[0].hsnSac", equalTo("7323"), "lines[0].gstRate", equalTo(18))
                .extract().jsonPath().getLong("id");
        assertThat(Queues.drain("render")).containsExactly(new RenderInvoice(shop.id(), id, List.of(), null));
    }

    @Test
    void chargesIgstAcrossStatesAndNumbersInvoicesConsecutively() {
        asKey(shop.staff()).body(IN1001).when().post("/v1/invoices").then().statusCode(201);
        String gstin = "33AAPFU0939F1Z" + com.gstcomms.core.gstin.GstinValidator.checkCharacter("33AAPFU0939F1Z");
        asKey(shop.staff()).body("""
                {"orderRef":"#IN1002","recipient":{"name":"Priya Gupta","billingAddress":"Chennai","gstin":"GSTIN"},
                 "lines":[{"description":"Basmati Rice 5kg","hsnSac":"1006","quantity":1,"unitPrice":"725.00","gstRate":5}],
                 "deliverVia":["EMAIL","WHATSAPP"]}""".replace("GSTIN", gstin))
                .when().post("/v1/invoices")
                .then().statusCode(201).body("number", matchesPattern("ASH/\\d{4}/000002"), "placeOfSupply", equalTo("33"),
                        "igst", equalTo("34.52"), "cgst", equalTo("0.00"), "recipientGstin", equalTo(gstin));
        assertThat(Queues.drain("render")).last()
                .satisfies(c -> assertThat(((RenderInvoice) c).deliverVia()).containsExactly(Channel.EMAIL, Channel.WHATSAPP));
    }

    @Test
    void storesEachLinesUnitAsAGstnUnitCode() {
        asKey(shop.staff()).body("""
                {"orderRef":"#UQC1","recipient":{"name":"Aarav Nair","billingAddress":"Pune","stateCode":"MH"},
                 "lines":[{"description":"Basmati Rice","hsnSac":"1006","quantity":2,"unit":"kg","unitPrice":"80.00","gstRate":5},
                          {"description":"Hair oil","hsnSac":"3305","quantity":1,"unit":"litre","unitPrice":"300.00","gstRate":18},
                          {"description":"Sweets","hsnSac":"1704","quantity":1,"unit":"box of 6","unitPrice":"250.00","gstRate":5},
                          {"sku":"TIFFIN-3","quantity":1,"unitPrice":"849.00"}]}""")
                .when().post("/v1/invoices")
                .then().statusCode(201)
                .body("lines.unit", contains("KGS", "LTR", "OTH", "NOS"));
    }

    @Test
    void namesEveryProblemOfAnOrder() {
        asKey(shop.staff()).body("""
                {"recipient":{"gstin":"27AAPFU0939F1ZX"},
                 "lines":[{"sku":"NOPE","quantity":1,"unitPrice":"1.00"},
                          {"description":"x","hsnSac":"12","quantity":0,"unitPrice":"1,000","gstRate":18}]}""")
                .when().post("/v1/invoices")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("orderRef", "recipient.name", "recipient.gstin", "placeOfSupply",
                        "lines[0].sku", "lines[1].hsnSac", "lines[1].quantity", "lines[1].unitPrice"));
        assertThat(Queues.drain("render")).isEmpty();
    }

    @Test
    void anIdempotentAnswerWritesDatesAsTheOtherAnswersDo() {
        // The stored answer of a keyed request is written by the project's one JSON setting (JsonMappers):
        // before, it came from a mapper of its own and said "issueDate":[2026,10,5].
        String body = IN1001.replace("#IN1001", "#IDEM-" + System.nanoTime());
        for (int attempt = 0; attempt < 2; attempt++) {
            asKey(shop.staff()).header("Idempotency-Key", "dates-" + body.hashCode()).body(body)
                    .when().post("/v1/invoices")
                    .then().statusCode(201).body("issueDate", equalTo("2026-10-05"),
                            "createdAt", matchesPattern("\\d{4}-\\d{2}-\\d{2}T.*"));
        }
    }

    @Test
    void refusesASecondInvoiceForTheSameOrder() {
        asKey(shop.staff()).body(IN1001).when().post("/v1/invoices").then().statusCode(201);
        asKey(shop.staff()).body(IN1001).when().post("/v1/invoices").then().statusCode(409);
    }

    @Test
    void needsTheSupplierDetailsBeforeIssuing() {
        String domain = "bare-" + System.nanoTime() + ".myshopify.com";
        Api.asSession(SessionTokenMaker.valid(domain)).body(IN1001).when().post("/v1/invoices")
                .then().statusCode(422).body("detail", containsString("Rule 46"));
    }

    @Test
    void listsReadsSendsAndLinksThePdfOfOnlyItsOwnInvoices() throws Exception {
        long id = asKey(shop.staff()).body(IN1001).when().post("/v1/invoices").then().extract().jsonPath().getLong("id");
        Queues.drain("render");
        asKey(shop.viewer()).queryParam("orderRef", "#IN1001").when().get("/v1/invoices")
                .then().statusCode(200).body("items", hasSize(1), "items[0].lines", nullValue());
        asKey(shop.viewer()).when().get("/v1/invoices/" + id).then().statusCode(200).body("lines", hasSize(1), "pdfUrl", nullValue());
        asKey(shop.viewer()).when().get("/v1/invoices/" + id + "/pdf").then().statusCode(409);

        asKey(shop.staff()).body("{\"deliverVia\":[\"WHATSAPP\"]}").when().post("/v1/invoices/" + id + "/send")
                .then().statusCode(202).body("deliverVia", equalTo(List.of("WHATSAPP")));
        assertThat(Queues.drain("render")).containsExactly(new RenderInvoice(shop.id(), id, List.of(Channel.WHATSAPP), null));
        asKey(shop.viewer()).body("{}").when().post("/v1/invoices/" + id + "/send").then().statusCode(403);

        // The invoice-pdf function stores the PDF and its key; then the link works.
        String key = "invoices/" + shop.id() + "/2026-27/ASH-2627-000001.pdf";
        store.put(key, "%PDF-1.7 test".getBytes(), "application/pdf");
        inTransaction(() -> Invoice.update("pdfKey = ?1 where id = ?2", key, id));
        String url = asKey(shop.viewer()).when().get("/v1/invoices/" + id + "/pdf")
                .then().statusCode(200).body("pdfUrl", notNullValue()).extract().jsonPath().getString("pdfUrl");
        HttpResponse<String> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.body()).startsWith("%PDF");

        var other = TestShops.create();
        asKey(other.viewer()).when().get("/v1/invoices/" + id).then().statusCode(404);
        asKey(other.viewer()).when().get("/v1/invoices/" + id + "/pdf").then().statusCode(404);
        asKey(other.staff()).body("{}").when().post("/v1/invoices/" + id + "/send").then().statusCode(404);
        asKey(other.viewer()).when().get("/v1/invoices").then().body("items", hasSize(0));
    }

    @Test
    void bulkInvoicesIssuesTheGoodOrdersAndReportsTheBadOnes() throws Exception {
        String bad = "{\"orderRef\":\"#BAD\",\"recipient\":{\"name\":\"X\",\"stateCode\":\"MH\"},\"lines\":[{\"sku\":\"NOPE\",\"quantity\":1,\"unitPrice\":\"1\"}]}";
        var op = asKey(shop.staff()).body("{\"orders\":[" + IN1001 + "," + bad + "],\"deliverVia\":[\"EMAIL\"]}")
                .when().post("/v1/bulk/invoices")
                .then().statusCode(202)
                .body("type", equalTo("INVOICES"), "status", equalTo("RUNNING"), "total", equalTo(2),
                        "processed", equalTo(1), "succeeded", equalTo(0), "failed", equalTo(1), "percent", equalTo(50))
                .extract().jsonPath();
        assertThat(Queues.drain("render")).singleElement()
                .satisfies(c -> assertThat(((RenderInvoice) c).deliverVia()).containsExactly(Channel.EMAIL));

        // The invoice-pdf function completes the issued invoice's unit (its place in parameters.invoiceIds)
        // once its PDF is stored; only then is the operation finished.
        long opId = op.getLong("id");
        assertThat(inTransaction(() -> bulkProgress.claim(shop.id(), opId, 1, java.time.Duration.ofMinutes(1)))).isTrue();
        inTransaction(() -> bulkProgress.complete(shop.id(), opId, 1, 1, 0));
        asKey(shop.viewer()).when().get("/v1/bulk-operations/" + opId)
                .then().statusCode(200)
                .body("status", equalTo("COMPLETED_WITH_ERRORS"), "processed", equalTo(2), "succeeded", equalTo(1),
                        "failed", equalTo(1), "percent", equalTo(100));
        String report = asKey(shop.viewer()).when().get("/v1/bulk-operations/" + op.getLong("id"))
                .then().statusCode(200).body("errorReportUrl", notNullValue()).extract().jsonPath().getString("errorReportUrl");
        String csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(report)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(csv).contains("orders[1],#BAD,lines[0].sku");
    }

    /** An invoice of order #IN1001 for a customer with a PIN code (a label needs one), nothing queued after it. */
    static long invoiceToShip(TestShops.TestShop shop) {
        var customer = TestShops.customer(shop.id(), "l-" + System.nanoTime() + "@example.in", "+919812345678", false);
        long id = asKey(shop.staff()).body(IN1001.replace("#IN1001", "#L" + customer.id)
                .replace("\"orderRef\"", "\"customerId\":" + customer.id + ",\"orderRef\""))
                .when().post("/v1/invoices").then().statusCode(201).extract().jsonPath().getLong("id");
        Queues.drain("render");
        return id;
    }

    static Map<String, Object> shipmentOf(long invoiceId) {
        return Sql.ofApp().row("select courier, awb, weight_grams from shipment where invoice_id = ?", invoiceId).orElseThrow();
    }

    @Test
    void bulkLabelsRecordsEachParcelsCourierAndAwbAndQueuesOneLabelPdf() {
        long first = invoiceToShip(shop);
        long second = invoiceToShip(shop);
        long op = asKey(shop.staff()).body("""
                        {"parcels":[{"invoiceId":%d,"courier":" Delhivery ","awb":"DL123456789IN","weightGrams":500},
                                    {"invoiceId":%d,"courier":"Blue Dart","awb":"BD 9087-6543"}]}""".formatted(first, second))
                .when().post("/v1/bulk/labels")
                .then().statusCode(202).body("type", equalTo("LABELS"), "total", equalTo(2), "status", equalTo("PENDING"))
                .extract().jsonPath().getLong("id");
        assertThat(Queues.drain("render")).singleElement().isInstanceOfSatisfying(RenderLabels.class, c -> {
            assertThat(c.bulkOperationId()).isEqualTo(op);
            assertThat(c.shipmentIds()).hasSize(2);
        });
        assertThat(shipmentOf(first)).containsEntry("courier", "Delhivery").containsEntry("awb", "DL123456789IN")
                .containsEntry("weight_grams", 500);
        assertThat(shipmentOf(second)).containsEntry("courier", "Blue Dart").containsEntry("awb", "BD 9087-6543")
                .containsEntry("weight_grams", null);

        // The parcels now have both: invoiceIds alone label them again; a parcel by shipmentId updates its AWB.
        long secondShipment = ((Number) Sql.ofApp().value("select id from shipment where invoice_id = ?", second)).longValue();
        asKey(shop.staff()).body("""
                        {"invoiceIds":[%d],"parcels":[{"shipmentId":%d,"courier":"Blue Dart","awb":"BD777"}]}"""
                        .formatted(first, secondShipment))
                .when().post("/v1/bulk/labels").then().statusCode(202).body("total", equalTo(2));
        assertThat(Queues.drain("render")).singleElement().isInstanceOfSatisfying(RenderLabels.class,
                c -> assertThat(c.shipmentIds()).hasSize(2));
        assertThat(shipmentOf(second)).containsEntry("awb", "BD777");
        assertThat(Sql.ofApp().<Long>value("select count(*) from shipment where invoice_id in (?, ?)", first, second))
                .isEqualTo(2L);

        var other = TestShops.create();
        asKey(other.staff()).body("{\"parcels\":[{\"invoiceId\":" + first + ",\"courier\":\"DTDC\",\"awb\":\"X1\"}]}")
                .when().post("/v1/bulk/labels")
                .then().statusCode(400).body("errors[0].field", equalTo("parcels[0].invoiceId"),
                        "errors[0].message", containsString("not found"));
        asKey(other.staff()).body("{\"shipmentIds\":[" + secondShipment + "]}").when().post("/v1/bulk/labels")
                .then().statusCode(400).body("errors[0].field", equalTo("shipmentIds[0]"));
        assertThat(shipmentOf(first)).containsEntry("courier", "Delhivery");
    }

    @Test
    void bulkLabelsRefusesEveryParcelThatCouldNotBeLabelledAndStartsNothing() {
        long first = invoiceToShip(shop);
        long second = invoiceToShip(shop);
        long operationsBefore = Sql.ofApp().<Long>value("select count(*) from bulk_operation where shop_id = ?", shop.id());

        asKey(shop.staff()).body("""
                        {"parcels":[{"invoiceId":%d,"courier":"Delhivery"},
                                    {"invoiceId":%d,"courier":"  ","awb":"DL-१२३"},
                                    {"shipmentId":1,"invoiceId":%d,"courier":"%s","awb":"%s","weightGrams":0}]}"""
                        .formatted(first, second, first, "C".repeat(61), "A".repeat(41)))
                .when().post("/v1/bulk/labels")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("parcels[0].awb", "parcels[1].courier", "parcels[1].awb",
                                "parcels[2].invoiceId", "parcels[2].courier", "parcels[2].awb", "parcels[2].weightGrams"),
                        "errors.find { it.field == 'parcels[0].awb' }.message", containsString("AWB number is required"),
                        "errors.find { it.field == 'parcels[1].awb' }.message", containsString("Code 128"),
                        "errors.find { it.field == 'parcels[2].awb' }.message", containsString("at most 40"),
                        "errors.find { it.field == 'parcels[2].courier' }.message", containsString("at most 60"));

        // Ids alone are refused when their parcels have no courier and AWB: such a label could only fail.
        asKey(shop.staff()).body("{\"invoiceIds\":[" + first + "]}").when().post("/v1/bulk/labels")
                .then().statusCode(400).body("errors[0].field", equalTo("invoiceIds[0]"),
                        "errors[0].message", containsString("no courier and AWB"));
        asKey(shop.staff()).body("{\"invoiceIds\":[" + first + "],\"parcels\":[{\"invoiceId\":" + first
                        + ",\"courier\":\"DTDC\",\"awb\":\"D1\"}]}").when().post("/v1/bulk/labels")
                .then().statusCode(400).body("errors[0].field", equalTo("parcels[0]"),
                        "errors[0].message", containsString("already in invoiceIds[0]"));

        assertThat(Queues.drain("render")).isEmpty();
        assertThat(Sql.ofApp().<Long>value("select count(*) from bulk_operation where shop_id = ?", shop.id()))
                .isEqualTo(operationsBefore);
        assertThat(Sql.ofApp().<Long>value("select count(*) from shipment where shop_id = ?", shop.id())).isZero();
    }

    @Test
    void bulkStatusRecordsTheChangeForTheCsvWorkerAfterCheckingTheIds() {
        long id = asKey(shop.staff()).body(IN1001).when().post("/v1/invoices").then().extract().jsonPath().getLong("id");
        long op = asKey(shop.staff()).body("{\"ids\":[" + id + "],\"status\":\"paid\"}").when().post("/v1/bulk/status")
                .then().statusCode(202).body("type", equalTo("STATUS"), "total", equalTo(1),
                        "parameters.status", equalTo("PAID"), "parameters.entity", equalTo("INVOICE"))
                .extract().jsonPath().getLong("id");
        assertThat(LambdaInvokeStandIn.INVOCATIONS).anySatisfy(i -> {
            assertThat(i.function()).isEqualTo("gst-comms-csv-job");
            assertThat(i.invocationType()).isEqualTo("Event");
            assertThat(i.payload()).contains("\"shopId\":" + shop.id(), "\"bulkOperationId\":" + op);
        });
        var other = TestShops.create();
        asKey(other.staff()).body("{\"ids\":[" + id + "],\"status\":\"PAID\"}").when().post("/v1/bulk/status")
                .then().statusCode(400);
        asKey(shop.staff()).body("{\"ids\":[" + id + "],\"status\":\"SHREDDED\"}").when().post("/v1/bulk/status")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
    }

    @Test
    void importsGiveAPresignedUploadForTheKeyTheCsvFunctionWatches() throws Exception {
        var started = asKey(shop.staff()).body("{\"type\":\"customers\",\"fileName\":\"customers.csv\"}")
                .when().post("/v1/imports")
                .then().statusCode(201).body("importId", notNullValue(), "uploadMethod", equalTo("PUT"),
                        "uploadHeaders.content-type", equalTo("text/csv"))
                .extract().jsonPath();
        long opId = started.getLong("bulkOperationId");
        assertThat(started.getLong("importId")).isEqualTo(opId);
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(started.getString("uploadUrl")))
                .header("Content-Type", "text/csv").PUT(HttpRequest.BodyPublishers.ofString("Customer ID,Email\r\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(store.head("imports/" + shop.id() + "/" + opId + "/source.csv")).isPresent();
        asKey(shop.viewer()).when().get("/v1/bulk-operations/" + opId)
                .then().statusCode(200).body("type", equalTo("IMPORT_CUSTOMERS"), "status", equalTo("PENDING"), "percent", equalTo(0));
        asKey(shop.staff()).body("{\"type\":\"SPREADSHEETS\"}").when().post("/v1/imports").then().statusCode(400);
        asKey(TestShops.create().viewer()).when().get("/v1/bulk-operations/" + opId).then().statusCode(404);
    }

    @Test
    void exportsCreateAPendingOperationWithCheckedFiltersAndLinkTheFileOnceWritten() {
        long op = asKey(shop.staff()).body("{\"type\":\"INVOICES\",\"filters\":{\"status\":\"PAID\",\"from\":\"2026-04-01\"}}")
                .when().post("/v1/exports")
                .then().statusCode(202).body("type", equalTo("EXPORT_INVOICES"), "status", equalTo("PENDING"),
                        "parameters.filters.status", equalTo("PAID"))
                .extract().jsonPath().getLong("id");
        assertThat(LambdaInvokeStandIn.INVOCATIONS).anySatisfy(i -> {
            assertThat(i.invocationType()).isEqualTo("Event");
            assertThat(i.payload()).contains("\"bulkOperationId\":" + op);
        });
        asKey(shop.viewer()).when().get("/v1/bulk-operations/" + op).then().body("outputUrl", nullValue());
        store.put("exports/" + shop.id() + "/" + op + ".csv", "number\r\n".getBytes(), "text/csv");
        asKey(shop.viewer()).when().get("/v1/bulk-operations/" + op).then().body("outputUrl", notNullValue());
        asKey(shop.viewer()).queryParam("type", "export_invoices").when().get("/v1/bulk-operations")
                .then().body("items", hasSize(1));
        asKey(shop.staff()).body("{\"type\":\"INVOICES\",\"filters\":{\"colour\":\"red\",\"from\":\"yesterday\"}}")
                .when().post("/v1/exports")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("filters.colour", "filters.from"));
        LocalServers.s3();
    }
}
