package com.gstcomms.api;

import com.gstcomms.core.message.RenderLabels;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.storage.ObjectStore;
import com.gstcomms.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;

import static com.gstcomms.api.Api.asKey;
import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** The Bulk Operations Center pages, through the Lambda HTTP path as a browser uses them. */
@QuarkusTest
class BulkPagesTest {

    @Inject
    ObjectStore store;

    TestShops.TestShop shop;

    @BeforeEach
    void setUp() {
        shop = TestShops.create();
        TestShops.product(shop.id(), "TIFFIN-3", "Steel Tiffin Box", "7323", "18");
    }

    long invoice() {
        return asKey(shop.staff()).body(InvoicesTest.IN1001).when().post("/v1/invoices").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    long operations() {
        return inSession(() -> BulkOperation.count("shopId", shop.id()));
    }

    BulkOperation operation(String type, String status, Integer total, int processed, int succeeded, int failed,
                            String errorReportKey) {
        BulkOperation op = new BulkOperation();
        op.shopId = shop.id();
        op.type = type;
        op.status = BulkOperation.Status.valueOf(status);
        op.total = total;
        op.processed = processed;
        op.succeeded = succeeded;
        op.failed = failed;
        op.startedAt = OffsetDateTime.now().minusSeconds(3);
        op.errorReportKey = errorReportKey;
        inTransaction(op::persist);
        return op;
    }

    @Test
    void aViewerSeesEveryTabButEveryStartButtonIsDisabledAndTheServerRefusesToo() {
        long invoiceId = invoice();
        Browser viewer = Browser.signIn(shop.viewer());
        long before = operations();

        viewer.open("/ui/bulk/invoices").then().statusCode(200)
                .body(containsString("#IN1001"), containsString("id=\"role-note\""),
                        containsString("id=\"generate-invoices\" type=\"submit\" class=\"primary\" disabled"));
        viewer.open("/ui/bulk/import-export").then().statusCode(200)
                .body(containsString("id=\"import-file\" name=\"file\" type=\"file\" accept=\".csv,text/csv\" disabled"),
                        containsString("data-can-send=\"false\""));
        viewer.open("/ui/bulk/labels").then().statusCode(200).body(containsString("id=\"print-labels\" type=\"submit\" class=\"primary\" disabled"));
        viewer.open("/ui/bulk/status").then().statusCode(200).body(containsString("id=\"change-invoice-status\" type=\"submit\" class=\"primary\" disabled"));

        viewer.htmx().formParam("invoiceId", invoiceId).when().post("/ui/bulk/invoices").then().statusCode(403)
                .body(containsString("STAFF"));
        viewer.htmx().formParam("invoiceId", invoiceId).when().post("/ui/bulk/labels").then().statusCode(403);
        viewer.htmx().formParam("type", "CUSTOMERS").formParam("fileName", "c.csv").when().post("/ui/bulk/imports")
                .then().statusCode(403);
        viewer.htmx().formParam("type", "CUSTOMERS").when().post("/ui/bulk/exports").then().statusCode(403);
        viewer.htmx().formParam("entity", "INVOICE").formParam("invoiceId", invoiceId).formParam("invoiceStatus", "PAID")
                .when().post("/ui/bulk/status").then().statusCode(403);
        assertThat(operations()).isEqualTo(before);
    }

    @Test
    void staffGeneratesTheSelectedInvoicesWithTheBulkServiceAndGetsItsLivePanel() {
        long invoiceId = invoice();
        Browser staff = Browser.signIn(shop.staff());
        staff.open("/ui/bulk/invoices").then().statusCode(200)
                .body(containsString("value=\"" + invoiceId + "\""), not(containsString("id=\"role-note\"")));

        String panel = staff.htmx().formParam("invoiceId", invoiceId).formParam("deliverVia", "EMAIL")
                .when().post("/ui/bulk/invoices").then().statusCode(200).extract().asString();

        BulkOperation op = inSession(() -> BulkOperation.<BulkOperation>find("shopId = ?1 and type = 'INVOICES'", shop.id())
                .firstResult());
        assertThat(op.total).isEqualTo(1);
        assertThat(op.parameters).contains("EMAIL").contains("\"invoiceIds\":[" + invoiceId + "]");
        assertThat(panel).contains("id=\"operation-" + op.id + "\"", "Invoice PDFs", "0 of 1 processed",
                "hx-get=\"/ui/bulk/operations/" + op.id + "\" hx-trigger=\"every 1s\"");
    }

    @Test
    void theLabelsFormPostsEachRowsCourierAndAwbAndTheNextVisitShowsThem() {
        long first = InvoicesTest.invoiceToShip(shop);
        long second = InvoicesTest.invoiceToShip(shop);
        Browser staff = Browser.signIn(shop.staff());
        staff.open("/ui/bulk/labels").then().statusCode(200)
                .body(containsString("<label for=\"label-courier-" + first + "\">Courier<span class=\"sr-only\"> for ASH/"),
                        containsString("id=\"label-awb-" + second + "\" name=\"awb-" + second + "\" value=\"\""),
                        containsString("id=\"batch-courier\" name=\"batchCourier\""));

        String panel = staff.htmx().formParam("invoiceId", first).formParam("invoiceId", second)
                .formParam("batchCourier", "Blue Dart")
                .formParam("courier-" + first, "Delhivery").formParam("awb-" + first, "DL123456789IN")
                .formParam("weight-" + first, "750")
                .formParam("courier-" + second, "").formParam("awb-" + second, "BD55501")
                .when().post("/ui/bulk/labels").then().statusCode(200).extract().asString();

        BulkOperation op = inSession(() -> BulkOperation.<BulkOperation>find("shopId = ?1 and type = 'LABELS'", shop.id())
                .firstResult());
        assertThat(op.total).isEqualTo(2);
        assertThat(panel).contains("id=\"operation-" + op.id + "\"", "Shipping labels", "0 of 2 processed");
        assertThat(Queues.drain("render")).anySatisfy(c -> assertThat(c).isInstanceOfSatisfying(RenderLabels.class,
                labels -> assertThat(labels.bulkOperationId()).isEqualTo(op.id)));
        assertThat(InvoicesTest.shipmentOf(first)).containsEntry("courier", "Delhivery").containsEntry("awb", "DL123456789IN")
                .containsEntry("weight_grams", 750);
        assertThat(InvoicesTest.shipmentOf(second)).as("the batch's courier fills the empty row")
                .containsEntry("courier", "Blue Dart").containsEntry("awb", "BD55501").containsEntry("weight_grams", null);
        staff.open("/ui/bulk/labels").then().statusCode(200)
                .body(containsString("name=\"awb-" + first + "\" value=\"DL123456789IN\""),
                        containsString("name=\"courier-" + second + "\" value=\"Blue Dart\""));
    }

    @Test
    void aRowWithoutAwbIsRefusedWithTheErrorNextToItAndNothingStarts() {
        long first = InvoicesTest.invoiceToShip(shop);
        long second = InvoicesTest.invoiceToShip(shop);
        Browser staff = Browser.signIn(shop.staff());
        staff.open("/ui/bulk/labels");
        long before = operations();

        String answer = staff.htmx().formParam("invoiceId", first).formParam("invoiceId", second)
                .formParam("courier-" + first, "Delhivery").formParam("awb-" + first, "DL1")
                .formParam("courier-" + second, "Delhivery").formParam("awb-" + second, "")
                .formParam("weight-" + second, "half a kilo")
                .when().post("/ui/bulk/labels").then().statusCode(400).extract().asString();

        assertThat(answer).contains("id=\"problem\"", "parcels[1].weightGrams",
                "<p id=\"label-error-" + second + "\" class=\"row-error\" hx-swap-oob=\"true\">the weight &#39;half a kilo&#39; is not whole grams")
                .doesNotContain("id=\"label-error-" + first + "\"");
        String missingAwb = staff.htmx().formParam("invoiceId", first).formParam("invoiceId", second)
                .formParam("courier-" + first, "Delhivery").formParam("awb-" + first, "DL1")
                .formParam("courier-" + second, "Delhivery")
                .when().post("/ui/bulk/labels").then().statusCode(400).extract().asString();
        assertThat(missingAwb).contains("<code>parcels[1].awb</code>",
                "<p id=\"label-error-" + second + "\" class=\"row-error\" hx-swap-oob=\"true\">the AWB number is required");
        assertThat(operations()).isEqualTo(before);
        assertThat(Sql.ofApp().<Long>value("select count(*) from shipment where shop_id = ?", shop.id())).isZero();
    }

    @Test
    void nothingSelectedIsAClearErrorNamingTheField() {
        Browser staff = Browser.signIn(shop.staff());
        staff.open("/ui/bulk/labels");
        staff.htmx().when().post("/ui/bulk/labels").then().statusCode(400)
                .body(containsString("invoiceId"), containsString("select at least one invoice"));
    }

    @Test
    void theProgressPanelShowsPercentCountsAndDurationAndStopsPollingWhenFinished() {
        BulkOperation running = operation("IMPORT_CUSTOMERS", "RUNNING", 40, 10, 8, 2, null);
        Browser viewer = Browser.signIn(shop.viewer());
        viewer.open("/ui/bulk/import-export");

        viewer.request().when().get("/ui/bulk/operations/" + running.id).then().statusCode(200)
                .body(containsString("Customers import"), containsString("value=\"25\""), containsString(">25%<"),
                        containsString("10 of 40 processed"), containsString("8 succeeded"), containsString("2 failed"),
                        containsString(" s</span>"), containsString("hx-trigger=\"every 1s\""));

        // Just finished with failures: it keeps asking until the error report (written right after) is there.
        inTransaction(() -> BulkOperation.update("status = ?1, processed = 40, succeeded = 37, failed = 3, finishedAt = ?2 "
                + "where id = ?3", BulkOperation.Status.COMPLETED_WITH_ERRORS, OffsetDateTime.now(), running.id));
        viewer.request().when().get("/ui/bulk/operations/" + running.id).then().statusCode(200)
                .body(containsString("Completed with errors"), containsString("hx-trigger=\"every 1s\""),
                        not(containsString("-error-report")));
        String key = "imports/" + shop.id() + "/" + running.id + "/errors.csv";
        store.put(key, "Row,Column,Value,Reason\r\n".getBytes(StandardCharsets.UTF_8), "text/csv");
        inTransaction(() -> BulkOperation.update("errorReportKey = ?1 where id = ?2", key, running.id));
        viewer.request().when().get("/ui/bulk/operations/" + running.id).then().statusCode(200)
                .body(containsString("value=\"100\""), containsString(">100%<"), containsString("Completed with errors"),
                        containsString("3 failed"), containsString("id=\"operation-" + running.id + "-error-report\""),
                        not(containsString("hx-trigger")));
        // A report that never comes is waited for 30 s at most.
        inTransaction(() -> BulkOperation.update("errorReportKey = null, finishedAt = ?1 where id = ?2",
                OffsetDateTime.now().minusMinutes(1), running.id));
        viewer.request().when().get("/ui/bulk/operations/" + running.id).then().statusCode(200)
                .body(not(containsString("hx-trigger")));
        // The recent list of its tab shows it too.
        viewer.open("/ui/bulk/import-export").then().body(containsString("id=\"operation-" + running.id + "\""));
    }

    @Test
    void failedRowsOfTheErrorReportAreShownAsATable() {
        String key = "imports/" + shop.id() + "/77/errors.csv";
        store.put(key, ("\uFEFFRow,Column,Value,Reason\r\n"
                + "4,Email,not-an-email,\"Email is not an address, expected name@domain\"\r\n"
                + "9,Phone,+91 12,\"Phone \"\"+91 12\"\" is too short\"\r\n"
                + "12,First Name,,नाम खाली है\r\n").getBytes(StandardCharsets.UTF_8), "text/csv");
        BulkOperation op = operation("IMPORT_CUSTOMERS", "COMPLETED_WITH_ERRORS", 20, 20, 17, 3, key);
        Browser viewer = Browser.signIn(shop.viewer());
        viewer.open("/ui/bulk/import-export");

        viewer.request().when().get("/ui/bulk/operations/" + op.id).then().statusCode(200)
                .body(containsString("id=\"operation-" + op.id + "-error-report\""),
                        containsString("hx-get=\"/ui/bulk/operations/" + op.id + "/errors\""));
        String table = viewer.request().when().get("/ui/bulk/operations/" + op.id + "/errors").then().statusCode(200)
                .extract().asString();

        assertThat(table).contains("Failed rows (3)", "<th scope=\"col\">Reason</th>",
                "<td>Email is not an address, expected name@domain</td>",
                "<td>Phone &quot;+91 12&quot; is too short</td>", "<td>नाम खाली है</td>")
                .doesNotContain("\uFEFF");
    }

    @Test
    void anotherShopsOperationIsNotFoundAndItsInvoicesAreNotListed() {
        long ours = invoice();
        BulkOperation op = operation("STATUS", "RUNNING", 5, 1, 1, 0, "bulk/x/errors.csv");
        TestShops.TestShop other = TestShops.create();
        Browser stranger = Browser.signIn(other.owner());

        stranger.open("/ui/bulk/status").then().statusCode(200).body(not(containsString("value=\"" + ours + "\"")),
                not(containsString("id=\"operation-" + op.id + "\"")));
        stranger.request().when().get("/ui/bulk/operations/" + op.id).then().statusCode(404);
        stranger.request().when().get("/ui/bulk/operations/" + op.id + "/errors").then().statusCode(404);
        stranger.htmx().formParam("entity", "INVOICE").formParam("invoiceId", ours).formParam("invoiceStatus", "PAID")
                .when().post("/ui/bulk/status").then().statusCode(400).body(containsString("not this shop"));
    }

    @Test
    void anImportGetsAPresignedUploadThatS3AcceptsAndAnExportIsHandedToTheCsvJob() throws Exception {
        Browser staff = Browser.signIn(shop.staff());
        staff.open("/ui/bulk/import-export");

        JsonPath started = staff.htmx().formParam("type", "CUSTOMERS").formParam("fileName", "customers.csv")
                .when().post("/ui/bulk/imports").then().statusCode(201).extract().jsonPath();
        long importId = started.getLong("operationId");
        assertThat(started.getString("panelUrl")).isEqualTo("/ui/bulk/operations/" + importId);
        Map<String, String> headers = started.getMap("uploadHeaders");
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(started.getString("uploadUrl")))
                .PUT(HttpRequest.BodyPublishers.ofString("First Name,Email\r\nAsha,asha@example.in\r\n"));
        headers.forEach(put::header);
        assertThat(HttpClient.newHttpClient().send(put.build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        assertThat(store.head("imports/" + shop.id() + "/" + importId + "/source.csv")).isPresent();

        LambdaInvokeStandIn.INVOCATIONS.clear();
        String panel = staff.htmx().formParam("type", "INVOICES").when().post("/ui/bulk/exports").then().statusCode(200)
                .extract().asString();
        BulkOperation export = inSession(() -> BulkOperation.<BulkOperation>find("shopId = ?1 and type = 'EXPORT_INVOICES'",
                shop.id()).firstResult());
        assertThat(panel).contains("Invoices export", "id=\"operation-" + export.id + "\"");
        assertThat(LambdaInvokeStandIn.INVOCATIONS).singleElement().satisfies(i -> {
            assertThat(i.invocationType()).isEqualTo("Event");
            assertThat(i.payload()).contains("\"bulkOperationId\":" + export.id);
        });
    }
}
