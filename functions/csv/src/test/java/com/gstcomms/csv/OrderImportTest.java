package com.gstcomms.csv;

import com.gstcomms.core.message.Commands;
import com.gstcomms.core.message.RenderInvoice;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.data.Product;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static com.gstcomms.runtime.work.Transactions.inSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;

/**
 * The catalogue, then Shopify's order export, through the csv-chunk entry point: orders become GST
 * invoices numbered from the shop's series whose totals are the orders' totals.
 */
@QuarkusTest
@TestProfile(ChunkHandlerProfile.class)
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "only", value = "postgres,sqs,s3"))
class OrderImportTest {

    @Inject
    Imports imports;

    private BulkOperation importFile(Shop shop, String type, String parameters, byte[] file) {
        BulkOperation op = imports.operation(shop, type, parameters);
        SplitOutcome split = imports.split(op, imports.upload(op, file));
        assertThat(split.status()).as(split.message()).isEqualTo("SPLIT");
        imports.deliverChunks(imports.chunkCommands(split.chunks()), 1)
                .forEach(r -> r.body("batchItemFailures", empty()));
        return imports.reload(op);
    }

    private Shop shopWithCatalogue() {
        Shop shop = imports.shop("27", true);
        BulkOperation catalogue = importFile(shop, "IMPORT_PRODUCTS", "{}", Imports.resource("catalogue.csv"));
        assertThat(catalogue.status).isEqualTo(BulkOperation.Status.COMPLETED_WITH_ERRORS);
        assertThat(catalogue.succeeded).isEqualTo(6);
        assertThat(catalogue.failed).isEqualTo(2);
        return shop;
    }

    private static List<Invoice> invoices(Shop shop) {
        return inSession(() -> Invoice.<Invoice>list("shopId = ?1 order by number", shop.id));
    }

    @Test
    void importsTheCatalogueAndReportsItsDuplicateAndBadRows() {
        Shop shop = shopWithCatalogue();

        List<Product> products = inSession(() -> Product.<Product>list("shopId = ?1 order by sku", shop.id));
        assertThat(products).extracting(p -> p.sku).containsExactly("KURTA-01", "RICE-5", "SAREE-7", "SOAP-2",
                "SPK-9", "TIFFIN-3");
        Product soap = products.stream().filter(p -> p.sku.equals("SOAP-2")).findFirst().orElseThrow();
        assertThat(soap.gstRate).isEqualByComparingTo(new BigDecimal("18"));
        assertThat(soap.hsnSac).isEqualTo("3401");
        BulkOperation op = inSession(() -> BulkOperation.<BulkOperation>find("shopId", shop.id).firstResult());
        assertThat(imports.csv(op.errorReportKey)).containsExactly(
                List.of("Row", "Column", "Value", "Reason"),
                List.of("8", "SKU", "SOAP-2", "Duplicate of row 7 (the same SKU); only the first is imported."),
                List.of("9", "HSN/SAC", "12", "HSN/SAC code '12' must have 4, 6 or 8 digits, found 2."));
    }

    @ParameterizedTest(name = "{0} -> {1} lines, total {2}")
    @CsvSource({
            "#IN1001, 1, 339600,  27, PAID",
            "#IN1002, 3, 716900,  33, ISSUED",
            "#IN1003, 4, 666300,  36, ISSUED",
            "#IN1004, 3, 347700,  27, PAID",
            "#IN1005, 4, 1215500, 07, PAID",
            "#IN1006, 2, 1889400, 19, ISSUED",
            "#IN1007, 4, 1868700, 29, PAID",
            "#IN1008, 3, 2034400, 36, ISSUED"
    })
    void anOrderExportBecomesInvoicesWhoseTotalsEqualTheOrderTotals(String order, int lines, long totalPaise,
                                                                   String placeOfSupply, String status) {
        Shop shop = shopWithCatalogue();
        BulkOperation op = importFile(shop, "IMPORT_ORDERS", "{}", Imports.resource("shopify-orders-sample.csv"));

        assertThat(op.status).isEqualTo(BulkOperation.Status.COMPLETED);
        assertThat(op.succeeded).isEqualTo(21);
        List<Invoice> invoices = invoices(shop);
        assertThat(invoices).hasSize(8);
        Invoice invoice = invoices.stream().filter(i -> i.orderRef.equals(order)).findFirst().orElseThrow();
        assertThat(invoice.grandTotalPaise).isEqualTo(totalPaise);
        assertThat(invoice.taxablePaise + invoice.cgstPaise + invoice.sgstPaise + invoice.igstPaise + invoice.cessPaise
                + invoice.roundOffPaise).isEqualTo(totalPaise);
        assertThat(invoice.placeOfSupply).isEqualTo(placeOfSupply);
        assertThat(invoice.supplierState).isEqualTo("27");
        assertThat(invoice.status.name()).isEqualTo(status);
        assertThat(invoice.amountInWords).startsWith("Rupees ");
        long lineCount = inSession(() -> com.gstcomms.runtime.data.InvoiceLine.count("invoice.id", invoice.id));
        assertThat(lineCount).isEqualTo(lines);
    }

    @Test
    void numbersInvoicesFromTheShopsSeriesAndSplitsIntraStateTaxIntoEqualHalves() {
        Shop shop = shopWithCatalogue();
        importFile(shop, "IMPORT_ORDERS", "{}", Imports.resource("shopify-orders-sample.csv"));

        List<Invoice> invoices = invoices(shop);
        assertThat(invoices).extracting(i -> i.number).containsExactly("INV/2627/000001", "INV/2627/000002",
                "INV/2627/000003", "INV/2627/000004", "INV/2627/000005", "INV/2627/000006", "INV/2627/000007",
                "INV/2627/000008");
        Invoice first = invoices.stream().filter(i -> i.orderRef.equals("#IN1001")).findFirst().orElseThrow();
        assertThat(first.taxablePaise).isEqualTo(287798);
        assertThat(first.cgstPaise).isEqualTo(25901);
        assertThat(first.sgstPaise).isEqualTo(25901);
        assertThat(first.amountPaidPaise).isEqualTo(339600);
        assertThat(first.recipientName).isEqualTo("Aarav Nair");
        assertThat(first.shippingAddress).isEqualTo("84 Station Road, Pune 411001, Maharashtra");
    }

    @Test
    void importingTheSameOrdersAgainIssuesNoNewInvoice() {
        Shop shop = shopWithCatalogue();
        importFile(shop, "IMPORT_ORDERS", "{}", Imports.resource("shopify-orders-sample.csv"));

        BulkOperation again = importFile(shop, "IMPORT_ORDERS", "{}", Imports.resource("shopify-orders-sample.csv"));

        assertThat(again.status).isEqualTo(BulkOperation.Status.COMPLETED);
        assertThat(invoices(shop)).hasSize(8);
    }

    @Test
    void rejectsAnOrderWithAnUnknownSkuWholeAndReportsEachOfItsRows() {
        Shop shop = shopWithCatalogue();
        String csv = new String(Imports.resource("shopify-orders-sample.csv"), StandardCharsets.UTF_8)
                .replaceFirst("3,Cotton Kurta,1299.00,,KURTA-01", "3,Cotton Kurta,1299.00,,KURTA-99");

        BulkOperation op = importFile(shop, "IMPORT_ORDERS", "{}", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(op.status).isEqualTo(BulkOperation.Status.COMPLETED_WITH_ERRORS);
        assertThat(op.failed).isEqualTo(3);
        assertThat(invoices(shop)).extracting(i -> i.orderRef).doesNotContain("#IN1002").hasSize(7);
        assertThat(imports.csv(op.errorReportKey)).containsExactly(
                List.of("Row", "Column", "Value", "Reason"),
                List.of("3", "Name", "#IN1002", "Not imported: order #IN1002 has a problem in row 4."),
                List.of("4", "Lineitem sku", "KURTA-99", "SKU 'KURTA-99' is not in the shop's product catalogue, "
                        + "which gives its HSN/SAC and GST rate; import the catalogue first."),
                List.of("5", "Name", "#IN1002", "Not imported: order #IN1002 has a problem in row 4."));
    }

    @Test
    void queuesNewInvoicesForRenderingWhenTheImportAsksForIt() {
        Shop shop = shopWithCatalogue();

        importFile(shop, "IMPORT_ORDERS", "{\"render\": true, \"deliverVia\": [\"EMAIL\"]}",
                Imports.resource("shopify-orders-sample.csv"));

        List<RenderInvoice> renders = imports.receive(imports.renderQueue(), 8).stream()
                .map(m -> Commands.fromJson(m.body(), RenderInvoice.class)).toList();
        assertThat(renders).hasSize(8);
        assertThat(renders).extracting(RenderInvoice::invoiceId)
                .containsExactlyInAnyOrderElementsOf(invoices(shop).stream().map(i -> i.id).toList());
        assertThat(renders).allSatisfy(r -> assertThat(r.deliverVia()).containsExactly(
                com.gstcomms.core.message.Channel.EMAIL));
    }
}
