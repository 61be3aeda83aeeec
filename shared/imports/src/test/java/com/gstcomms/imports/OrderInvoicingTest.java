package com.gstcomms.imports;

import com.gstcomms.core.gst.PriceBasis;
import com.gstcomms.core.money.Money;
import com.gstcomms.core.money.Rate;
import com.gstcomms.core.state.IndianState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The orders of Shopify's sample export (a Maharashtra shop, prices include GST) as invoices. */
class OrderInvoicingTest {

    /** The shop's catalogue, as infra/local/samples/products.csv gives it. */
    static final Map<String, CatalogueItem> CATALOGUE = Map.of(
            "KURTA-01", item("KURTA-01", "6211", "5"),
            "TIFFIN-3", item("TIFFIN-3", "7323", "18"),
            "RICE-5", item("RICE-5", "1006", "5"),
            "SPK-9", item("SPK-9", "8518", "18"),
            "SAREE-7", item("SAREE-7", "5007", "5"),
            "SOAP-2", item("SOAP-2", "3401", "18"));

    private static CatalogueItem item(String sku, String hsn, String rate) {
        return new CatalogueItem(sku, sku, hsn, Rate.of(rate), Rate.ZERO, "NOS");
    }

    private static List<OrderRows.OrderRead> readOrders(InputStream in) throws IOException {
        try (var source = com.gstcomms.imports.CsvSource.open(in, ImportLimits.DEFAULTS)) {
            HeaderMatch match = CsvFormats.match(ImportKind.ORDERS, Optional.empty(), source.header());
            List<SourceRecord> records = new ArrayList<>();
            for (SourceRecord r; (r = source.next()) != null; ) {
                if (!r.isBlank()) {
                    records.add(r);
                }
            }
            matchHolder = match;
            return OrderRows.read(match, records);
        }
    }

    private static HeaderMatch matchHolder;

    private static InvoicePlan plan(String orderName) throws IOException {
        List<OrderRows.OrderRead> orders = readOrders(OrderInvoicingTest.class.getResourceAsStream("/shopify-orders-sample.csv"));
        OrderRecord order = orders.stream().map(o -> ((RowResult.Accepted<OrderRecord>) o.result()).value())
                .filter(o -> o.orderRef().equals(orderName)).findFirst().orElseThrow();
        RowResult<InvoicePlan> plan = OrderInvoicing.plan(matchHolder, order, CATALOGUE, IndianState.MAHARASHTRA,
                PriceBasis.INCLUSIVE_OF_TAX);
        assertThat(plan).isInstanceOf(RowResult.Accepted.class);
        return ((RowResult.Accepted<InvoicePlan>) plan).value();
    }

    @ParameterizedTest(name = "{0}: {1} lines, total {2}, {3}")
    @CsvSource({
            "#IN1001, 1, 3396,  27, 2026-10-05",
            "#IN1002, 3, 7169,  33, 2026-08-12",
            "#IN1003, 4, 6663,  36, 2026-05-12",
            "#IN1004, 3, 3477,  27, 2026-09-07",
            "#IN1005, 4, 12155, 07, 2026-04-23",
            "#IN1006, 2, 18894, 19, 2026-06-04",
            "#IN1007, 4, 18687, 29, 2026-07-11",
            "#IN1008, 3, 20344, 36, 2026-05-19"
    })
    void eachSampleOrderBecomesAnInvoiceWhoseTotalIsTheOrderTotal(String name, int lines, String total,
                                                                   String placeOfSupply, String date) throws IOException {
        InvoicePlan plan = plan(name);

        assertThat(plan.lines()).hasSize(lines);
        assertThat(plan.taxed().grandTotal()).isEqualTo(Money.parse(total));
        assertThat(plan.order().placeOfSupply().code()).isEqualTo(placeOfSupply);
        assertThat(plan.order().issueDate()).hasToString(date);
    }

    @Test
    void splitsTaxIntoEqualCgstAndSgstOnAnIntraStateOrder() throws IOException {
        InvoicePlan plan = plan("#IN1001");

        assertThat(plan.taxed().taxableTotal()).isEqualTo(Money.parse("2877.98"));
        assertThat(plan.taxed().cgst()).isEqualTo(Money.parse("259.01"));
        assertThat(plan.taxed().sgst()).isEqualTo(Money.parse("259.01"));
        assertThat(plan.order().paymentStatus()).isEqualTo("PAID");
        assertThat(plan.order().recipientName()).isEqualTo("Aarav Nair");
    }

    @Test
    void rejectsAnOrderWithASkuMissingFromTheCatalogueReportingEachOfItsRows() throws IOException {
        List<OrderRows.OrderRead> orders = readOrders(OrderInvoicingTest.class.getResourceAsStream("/shopify-orders-sample.csv"));
        OrderRecord order = orders.stream().map(o -> ((RowResult.Accepted<OrderRecord>) o.result()).value())
                .filter(o -> o.orderRef().equals("#IN1002")).findFirst().orElseThrow();
        Map<String, CatalogueItem> withoutKurta = new java.util.HashMap<>(CATALOGUE);
        withoutKurta.remove("KURTA-01");

        RowResult<InvoicePlan> plan = OrderInvoicing.plan(matchHolder, order, withoutKurta, IndianState.MAHARASHTRA,
                PriceBasis.INCLUSIVE_OF_TAX);

        assertThat(((RowResult.Rejected<InvoicePlan>) plan).problems())
                .extracting(RowProblem::row, RowProblem::column)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3, "Name"),
                        org.assertj.core.groups.Tuple.tuple(4, "Lineitem sku"),
                        org.assertj.core.groups.Tuple.tuple(5, "Name"));
    }

    @Test
    void refusesAnOrderWhoseInvoiceWouldNotAddUpToItsTotal() throws IOException {
        InvoicePlan good = plan("#IN1001");
        OrderRecord o = good.order();
        OrderRecord wrongTotal = new OrderRecord(o.rows(), o.orderRef(), o.issueDate(), o.email(), o.phone(),
                o.paymentStatus(), o.recipientName(), null, o.billingAddress(), o.shippingAddress(), o.placeOfSupply(),
                o.shipping(), o.orderDiscount(), Money.parse("3400"), o.lines());

        RowResult<InvoicePlan> plan = OrderInvoicing.plan(matchHolder, wrongTotal, CATALOGUE, IndianState.MAHARASHTRA,
                PriceBasis.INCLUSIVE_OF_TAX);

        assertThat(((RowResult.Rejected<InvoicePlan>) plan).problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("would total 3396.00").contains("order's total is 3400.00"));
    }

    @Test
    void spreadsAnOrderDiscountOverTheLinesToThePaisa() throws IOException {
        String csv = "Order,Date,Customer Name,State,SKU,Quantity,Unit Price\n"
                + "A1,2026-05-01,Walk-in,MH,KURTA-01,1,1000\nA1,,,,SOAP-2,2,100\n";
        List<OrderRows.OrderRead> orders = readOrders(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        OrderRecord o = ((RowResult.Accepted<OrderRecord>) orders.getFirst().result()).value();
        OrderRecord discounted = new OrderRecord(o.rows(), o.orderRef(), o.issueDate(), o.email(), o.phone(),
                o.paymentStatus(), "Walk-in", null, o.billingAddress(), null, o.placeOfSupply(), Money.ZERO,
                Money.parse("100.01"), null, o.lines());

        List<Money> discounts = OrderInvoicing.discounts(discounted, new ArrayList<>(), matchHolder);

        assertThat(discounts).containsExactly(Money.parse("83.34"), Money.parse("16.67"));
    }
}
