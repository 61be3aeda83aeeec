package com.gstcomms.csvjob;

import com.gstcomms.bulk.Sql;
import com.gstcomms.runtime.data.AuditLog;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.core.message.Channel;
import com.gstcomms.imports.ImportCheck;
import com.gstcomms.imports.ImportKind;
import com.gstcomms.imports.ImportLimits;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The csv-job Funqy function: exports and bulk status changes, invoked through the Lambda mock event server. */
@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "only", value = "postgres,sqs,s3"))
class CsvJobTest {

    private final Jobs jobs = new Jobs();

    private static ValidatableResponse run(BulkOperation op) {
        return Jobs.run(op);
    }

    private static Customer customer(Shop shop, String first, String email, String phone, boolean optIn, String... tags) {
        Customer c = new Customer();
        c.shopId = shop.id;
        c.firstName = first;
        c.lastName = "Sharma";
        c.email = email;
        c.phone = phone;
        c.stateCode = "27";
        c.pin = "411001";
        c.countryCode = "IN";
        c.emailOptIn = optIn;
        c.tags = tags;
        inTransaction(c::persist);
        return c;
    }

    @Test
    void exportsCustomersAsAnExcelSafeCsvWithAByteOrderMarkAndALink() throws Exception {
        Shop shop = jobs.shop("27", true);
        customer(shop, "=HYPERLINK(\"http://evil.example\",\"Click\")", "evil@example.in", "+919876543210", false);
        customer(shop, "सुनीता", "sunita@example.in", "+919876543211", true, "vip", "retail");
        BulkOperation op = jobs.operation(shop, "EXPORT_CUSTOMERS", "{}");

        String link = run(op).body("status", equalTo("COMPLETED")).body("total", equalTo(2))
                .extract().path("downloadUrl");

        BulkOperation done = jobs.reload(op);
        assertThat(done.outputKey).isEqualTo("exports/" + shop.id + "/" + op.id + ".csv");
        assertThat(done.succeeded).isEqualTo(2);
        assertThat(done.percent()).isEqualTo(100);
        byte[] file = jobs.object(done.outputKey);
        assertThat(file).startsWith(0xEF, 0xBB, 0xBF);
        List<List<String>> rows = jobs.csv(done.outputKey);
        assertThat(rows.getFirst()).isEqualTo(Exports.CUSTOMER_HEADINGS);
        assertThat(rows.get(1).subList(1, 5)).containsExactly("'=HYPERLINK(\"http://evil.example\",\"Click\")", "Sharma",
                "evil@example.in", "'+919876543210");
        assertThat(rows.get(2).subList(1, 2)).containsExactly("सुनीता");
        assertThat(rows.get(2).get(Exports.CUSTOMER_HEADINGS.indexOf("State"))).isEqualTo("MH");
        assertThat(rows.get(2).get(Exports.CUSTOMER_HEADINGS.indexOf("Tags"))).isEqualTo("vip, retail");

        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(file);
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                v -> assertThat(v).contains("customers-"));
    }

    @Test
    void exportsOnlyTheCustomersTheFiltersSelect() {
        Shop shop = jobs.shop("27", true);
        customer(shop, "Asha", "asha@example.in", null, true, "vip");
        customer(shop, "Ravi", "ravi@example.in", null, true);
        customer(shop, "Meera", "meera@example.in", null, false, "vip");
        BulkOperation op = jobs.operation(shop, "EXPORT_CUSTOMERS",
                "{\"filters\": {\"tag\": \"vip\", \"emailOptIn\": true}}");

        run(op).body("total", equalTo(1));

        assertThat(jobs.csv(jobs.reload(op).outputKey)).hasSize(2)
                .element(1).satisfies(row -> assertThat(row.get(1)).isEqualTo("Asha"));
    }

    /**
     * The export is the import's own customer template: every row passes the import's checks. (That
     * importing unchanged rows changes nothing is functions/csv's CustomerImportTest.)
     */
    @Test
    void aCustomerExportIsTheImportsTemplateWithEveryRowValid() throws IOException {
        Shop shop = jobs.shop("27", true);
        customer(shop, "Asha", "asha@example.in", "+919876543210", true, "vip");
        customer(shop, "सुनीता", "sunita@example.in", "+919876543211", false);
        BulkOperation export = jobs.operation(shop, "EXPORT_CUSTOMERS", "{}");
        run(export);

        ImportCheck.Report check = ImportCheck.check(new ByteArrayInputStream(jobs.object(jobs.reload(export).outputKey)),
                ImportKind.CUSTOMERS, Optional.empty(), ImportLimits.DEFAULTS, Optional.empty());
        assertThat(check.format().name()).isEqualTo("customers");
        assertThat(check.problems()).isEmpty();
        assertThat(check.goodRows()).isEqualTo(2);
    }

    @Test
    void streamsALargeExportToS3InParts() {
        Shop shop = jobs.shop("27", true);
        inTransaction(() -> Sql.execute("""
                insert into customer (id, shop_id, first_name, last_name, email, phone, address1, city, state_code, pin)
                select nextval('customer_seq'), :shopId, 'Customer ' || n, 'Family name of customer number ' || n,
                       'customer' || n || '@example.in', '+9198' || lpad(n::text, 8, '0'),
                       n || ', Long Road Name In A Big Indian City', 'Pune', '27', '411001'
                  from generate_series(1, 40000) n""", Map.of("shopId", shop.id)));
        BulkOperation op = jobs.operation(shop, "EXPORT_CUSTOMERS", "{}");

        run(op).body("status", equalTo("COMPLETED")).body("total", equalTo(40000));

        BulkOperation done = jobs.reload(op);
        assertThat(done.total).isEqualTo(40000);
        byte[] file = jobs.object(done.outputKey);
        assertThat(file.length).isGreaterThan(5 * 1024 * 1024);
        assertThat(new String(file, 0, 400, java.nio.charset.StandardCharsets.UTF_8).lines().count()).isGreaterThan(1);
        assertThat(new String(file, java.nio.charset.StandardCharsets.UTF_8).lines().count()).isEqualTo(40001);
    }

    private static Invoice invoice(Shop shop, String number, Invoice.Status status, long grandTotal, long roundOff) {
        Invoice i = new Invoice();
        i.shopId = shop.id;
        i.number = number;
        i.financialYear = "2026-27";
        i.orderRef = "#" + number;
        i.issueDate = LocalDate.of(2026, 6, 1);
        i.supplierState = "27";
        i.placeOfSupply = "29";
        i.pricesIncludeTax = true;
        i.recipientName = "+Buyer " + number;
        i.taxablePaise = grandTotal - roundOff;
        i.roundOffPaise = roundOff;
        i.grandTotalPaise = grandTotal;
        i.status = status;
        inTransaction(i::persist);
        return i;
    }

    @Test
    void exportsInvoicesFilteredByStatusWithAmountsAsNumbers() {
        Shop shop = jobs.shop("27", true);
        invoice(shop, "INV-1", Invoice.Status.PAID, 123400, -40);
        invoice(shop, "INV-2", Invoice.Status.ISSUED, 50000, 0);
        BulkOperation op = jobs.operation(shop, "EXPORT_INVOICES", "{\"filters\": {\"status\": \"PAID\"}}");

        run(op).body("total", equalTo(1));

        List<List<String>> rows = jobs.csv(jobs.reload(op).outputKey);
        assertThat(rows.getFirst()).isEqualTo(Exports.INVOICE_HEADINGS);
        assertThat(rows.get(1)).containsExactly("INV-1", "2026-06-01", "#INV-1", "'+Buyer INV-1", "", "Karnataka (29)",
                "1234.40", "0.00", "0.00", "0.00", "0.00", "-0.40", "1234.00", "0.00", "PAID", "");
    }

    @Test
    void exportsTheNotificationLogFilteredByChannel() {
        Shop shop = jobs.shop("27", true);
        for (Channel channel : List.of(Channel.EMAIL, Channel.WHATSAPP)) {
            Notification n = new Notification();
            n.shopId = shop.id;
            n.channel = channel;
            n.kind = "INVOICE_DELIVERY";
            n.recipient = channel == Channel.EMAIL ? "asha@example.in" : "whatsapp:+919876543210";
            n.idempotencyKey = UUID.randomUUID().toString();
            n.status = channel == Channel.EMAIL ? NotificationStatus.SENT : NotificationStatus.FAILED;
            n.errorCode = channel == Channel.EMAIL ? null : "63016";
            n.errorMessage = channel == Channel.EMAIL ? null : "Outside the 24-hour window; a template is required";
            inTransaction(n::persist);
        }
        BulkOperation op = jobs.operation(shop, "EXPORT_NOTIFICATIONS", "{\"filters\": {\"channel\": \"WHATSAPP\"}}");

        run(op).body("total", equalTo(1));

        List<List<String>> rows = jobs.csv(jobs.reload(op).outputKey);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).subList(1, 5)).containsExactly("WHATSAPP", "INVOICE_DELIVERY", "whatsapp:+919876543210",
                "FAILED");
        assertThat(rows.get(1).get(Exports.NOTIFICATION_HEADINGS.indexOf("Error Code"))).isEqualTo("63016");
    }

    @Test
    void marksInvoicesPaidInBulkWithAnAuditRowPerChangeAndReportsTheRest() throws IOException {
        Shop shop = jobs.shop("27", true);
        Shop other = jobs.shop("27", true);
        Invoice issued = invoice(shop, "B-1", Invoice.Status.ISSUED, 10000, 0);
        Invoice sent = invoice(shop, "B-2", Invoice.Status.SENT, 20000, 0);
        Invoice cancelled = invoice(shop, "B-3", Invoice.Status.CANCELLED, 30000, 0);
        Invoice paid = invoice(shop, "B-4", Invoice.Status.PAID, 40000, 0);
        Invoice othersInvoice = invoice(other, "B-5", Invoice.Status.ISSUED, 50000, 0);
        BulkOperation op = jobs.operation(shop, "STATUS", "{\"ids\": [%d, %d, %d, %d, %d, 999999999], \"status\": \"PAID\"}"
                .formatted(issued.id, sent.id, cancelled.id, paid.id, othersInvoice.id));

        run(op).body("status", equalTo("COMPLETED_WITH_ERRORS")).body("succeeded", equalTo(3)).body("failed", equalTo(3));

        assertThat(inSession(() -> Invoice.<Invoice>findById(issued.id))).satisfies(i -> {
            assertThat(i.status).isEqualTo(Invoice.Status.PAID);
            assertThat(i.amountPaidPaise).isEqualTo(10000);
        });
        assertThat(inSession(() -> Invoice.<Invoice>findById(sent.id)).status).isEqualTo(Invoice.Status.PAID);
        assertThat(inSession(() -> Invoice.<Invoice>findById(cancelled.id)).status).isEqualTo(Invoice.Status.CANCELLED);
        assertThat(inSession(() -> Invoice.<Invoice>findById(othersInvoice.id)).status).isEqualTo(Invoice.Status.ISSUED);
        List<AuditLog> audit = inSession(() -> AuditLog.<AuditLog>list("shopId = ?1 order by targetId", shop.id));
        assertThat(audit).extracting(a -> a.targetId).containsExactly(issued.id.toString(), sent.id.toString());
        assertThat(audit.getFirst().action).isEqualTo("invoice.status_changed");
        assertThat(audit.getFirst().actor).isEqualTo(op.createdBy);
        var details = new com.fasterxml.jackson.databind.ObjectMapper().readTree(audit.getFirst().details);
        assertThat(details.path("from").asText()).isEqualTo("ISSUED");
        assertThat(details.path("to").asText()).isEqualTo("PAID");
        assertThat(details.path("bulkOperationId").asLong()).isEqualTo(op.id);
        BulkOperation done = jobs.reload(op);
        assertThat(done.total).isEqualTo(6);
        assertThat(jobs.csv(done.errorReportKey)).containsExactly(
                List.of("Row", "Column", "Value", "Reason"),
                List.of("3", "id", cancelled.id.toString(), "Invoice " + cancelled.id + " is CANCELLED and cannot be marked PAID."),
                List.of("5", "id", othersInvoice.id.toString(), "Invoice " + othersInvoice.id + " does not exist in this shop."),
                List.of("6", "id", "999999999", "Invoice 999999999 does not exist in this shop."));

        run(op).body("status", equalTo("COMPLETED_WITH_ERRORS"));
        assertThat(inSession(() -> AuditLog.count("shopId", shop.id))).isEqualTo(2);
    }

    @Test
    void failsABulkStatusChangeThatAsksForAnUnknownStatus() {
        Shop shop = jobs.shop("27", true);
        BulkOperation op = jobs.operation(shop, "STATUS", "{\"ids\": [1], \"status\": \"SHIPPED\"}");

        run(op).body("status", equalTo("FAILED"));

        assertThat(jobs.reload(op).errorSummary).contains("'status' must be one of").contains("SHIPPED");
    }
}
