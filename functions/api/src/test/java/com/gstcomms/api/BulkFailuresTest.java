package com.gstcomms.api;

import com.gstcomms.core.message.RenderInvoice;
import com.gstcomms.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static com.gstcomms.api.Api.asKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/** Issue 15 §7: a bulk run whose item fails for a reason that is not the order's still finishes every other item. */
@QuarkusTest
class BulkFailuresTest {

    @jakarta.inject.Inject
    com.gstcomms.runtime.storage.ObjectStore store;

    TestShops.TestShop shop;

    @BeforeEach
    void setUp() {
        shop = TestShops.create();
        TestShops.product(shop.id(), "TIFFIN-3", "Steel Tiffin Box", "7323", "18");
        Queues.drain("render");
    }

    static String order(String ref) {
        return """
                {"orderRef":"%s","issueDate":"2026-10-05",
                 "recipient":{"name":"Aarav Nair","billingAddress":"Pune","stateCode":"MH"},
                 "lines":[{"sku":"TIFFIN-3","quantity":1,"unitPrice":"849.00"}]}""".formatted(ref);
    }

    @Test
    void anUnexpectedFailureOfOneOrderMidRunIsRecordedAndTheIssuedInvoicesAreStillRendered() throws Exception {
        // The database refuses the second order's invoice row: not a validation problem of the request, but an
        // exception from deep inside (as an outage or a bug would raise), after the first invoice is committed.
        Sql db = Sql.ofApp();
        String marker = "#BOOM-" + shop.id();
        db.update("""
                create or replace function refuse_boom() returns trigger language plpgsql as $$
                begin
                  if new.order_ref like '#BOOM-%' then raise exception 'simulated failure'; end if;
                  return new;
                end $$""");
        db.update("create trigger refuse_boom before insert on invoice for each row execute function refuse_boom()");
        try {
            var op = asKey(shop.staff())
                    .body("{\"orders\":[" + order("#OK1") + "," + order(marker) + "," + order("#OK2") + "]}")
                    .when().post("/v1/bulk/invoices")
                    .then().statusCode(202)
                    .body("total", equalTo(3), "failed", equalTo(1), "processed", equalTo(1),
                            "parameters.invoiceIds", hasSize(2))
                    .extract().jsonPath();
            List<?> rendered = Queues.drain("render");
            assertThat(rendered).hasSize(2).allSatisfy(c -> assertThat(c).isInstanceOf(RenderInvoice.class));
            String report = asKey(shop.viewer()).when().get("/v1/bulk-operations/" + op.getLong("id"))
                    .then().statusCode(200).body("errorReportUrl", notNullValue())
                    .extract().jsonPath().getString("errorReportUrl");
            String csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(report)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(csv).contains("orders[1]," + marker + ",,\"could not be invoiced because of an internal error")
                    .doesNotContain("simulated failure");
        } finally {
            db.update("drop trigger if exists refuse_boom on invoice");
        }
    }

    @Test
    void theFailedRowsPageReadsAHugeErrorReportAsAStreamAndShowsOnlyBoundedCells() {
        // 20,000 rows, one of them with an 8 MB cell: the page shows 500 rows, counts them all, and its answer
        // stays small (before, the whole file became one String and the 8 MB cell went into the HTML).
        String key = "imports/" + shop.id() + "/88/errors.csv";
        StringBuilder csv = new StringBuilder("Row,Column,Value,Reason\r\n");
        csv.append("2,Email,\"").append("x".repeat(8 * 1024 * 1024)).append("\",Email is not an address\r\n");
        for (int row = 3; row < 20_002; row++) {
            csv.append(row).append(",Phone,+91 12,Phone is too short\r\n");
        }
        store.put(key, csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv");
        com.gstcomms.runtime.data.BulkOperation op = new com.gstcomms.runtime.data.BulkOperation();
        op.shopId = shop.id();
        op.type = "IMPORT_CUSTOMERS";
        op.status = com.gstcomms.runtime.data.BulkOperation.Status.COMPLETED_WITH_ERRORS;
        op.total = 20_000;
        op.processed = 20_000;
        op.failed = 20_000;
        op.errorReportKey = key;
        com.gstcomms.runtime.work.Transactions.inTransaction(op::persist);

        String table = Browser.signIn(shop.viewer()).request().when().get("/ui/bulk/operations/" + op.id + "/errors")
                .then().statusCode(200).extract().asString();
        assertThat(table).contains("Failed rows (20000)", "The first 500 of 20000 rows are shown", "Phone is too short");
        assertThat(table.length()).isLessThan(1_000_000);
    }
}
