package com.gstcomms.core.gst;

import com.gstcomms.core.money.Money;
import com.gstcomms.core.money.Rate;
import com.gstcomms.core.state.IndianState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orders of the Shopify order export sample (test resources; also infra/local/samples): a
 * Maharashtra shop with tax-inclusive prices. HSN and rates come from the shop's catalogue as
 * given in the data README. Shopify's tax lines match our per-line rule to the paisa on the
 * goods, except that within one state Shopify gives an odd paisa to CGST and we give it to the
 * taxable value (CGST = SGST); Shopify does not tax shipping, we do (composite supply), so on
 * orders with shipping our tax is higher by the shipping's tax and the grand total is the same.
 */
class ShopifySampleOrdersTest {

    private static final Map<String, String[]> CATALOGUE = Map.of(
            "KURTA-01", new String[]{"6211", "5"},
            "TIFFIN-3", new String[]{"7323", "18"},
            "RICE-5", new String[]{"1006", "5"},
            "SPK-9", new String[]{"8518", "18"},
            "SAREE-7", new String[]{"5007", "5"},
            "SOAP-2", new String[]{"3401", "18"});

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({
            "#IN1001, MAHARASHTRA,   0.00",
            "#IN1002, TAMIL_NADU,    0.00",
            "#IN1003, TELANGANA,     15.10",
            "#IN1004, MAHARASHTRA,   0.00",
            "#IN1005, DELHI,         15.10",
            "#IN1006, WEST_BENGAL,   0.00",
            "#IN1007, KARNATAKA,     15.10",
            "#IN1008, TELANGANA,     0.00"
    })
    void reproducesShopifysTaxLinesAndTotalOnEachSampleOrder(String orderName, IndianState placeOfSupply,
                                                             String taxOnShipping) throws IOException {
        Order order = readOrders().get(orderName);
        assertThat(IndianState.byProvinceCode(order.provinceCode)).contains(placeOfSupply);

        TaxedInvoice goodsOnly = GstCalculator.calculate(order.lines, IndianState.MAHARASHTRA, placeOfSupply,
                PriceBasis.INCLUSIVE_OF_TAX);
        Map<String, Money> expected = withEqualHalves(order.shopifyTaxLines);
        assertThat(taxLinesAsShopifyNamesThem(goodsOnly)).isEqualTo(expected);
        Money oddPaise = Money.sum(order.shopifyTaxLines.values()).minus(Money.sum(expected.values()));
        assertThat(goodsOnly.totalTax()).isEqualTo(order.shopifyTaxes.minus(oddPaise));

        TaxedInvoice invoice = GstCalculator.calculate(GstCalculator.withShipping(order.lines, order.shipping),
                IndianState.MAHARASHTRA, placeOfSupply, PriceBasis.INCLUSIVE_OF_TAX);
        assertThat(invoice.totalTax()).isEqualTo(order.shopifyTaxes.minus(oddPaise).plus(Money.parse(taxOnShipping)));
        assertThat(invoice.grandTotal()).isEqualTo(order.shopifyTotal);
        assertThat(invoice.roundOff()).isEqualTo(Money.ZERO);
        GstCalculatorTest.assertAddsUp(invoice);
    }

    /**
     * Shopify's tax lines with CGST made equal to SGST: Shopify gives the odd paisa of a tax-inclusive
     * split to CGST, we give it to the taxable value, so our CGST is Shopify's SGST.
     */
    private static Map<String, Money> withEqualHalves(Map<String, Money> shopify) {
        Map<String, Money> taxes = new TreeMap<>(shopify);
        shopify.forEach((name, amount) -> {
            if (name.startsWith("CGST ")) {
                Money sgst = shopify.get("SGST " + name.substring("CGST ".length()));
                assertThat(amount.minus(sgst).paise()).as("Shopify's CGST is SGST or a few paise more").isNotNegative();
                taxes.put(name, sgst);
            }
        });
        return taxes;
    }

    private static Map<String, Money> taxLinesAsShopifyNamesThem(TaxedInvoice invoice) {
        Map<String, Money> taxes = new TreeMap<>();
        for (RateSummary r : invoice.byRate()) {
            if (invoice.supplyType() == SupplyType.INTRA_STATE) {
                taxes.put("CGST " + r.rate().half() + "%", r.cgst());
                taxes.put("SGST " + r.rate().half() + "%", r.sgst());
            } else {
                taxes.put("IGST " + r.rate() + "%", r.igst());
            }
        }
        return taxes;
    }

    private record Order(String provinceCode, Money shipping, Money shopifyTaxes, Money shopifyTotal,
                         Map<String, Money> shopifyTaxLines, List<InvoiceLine> lines) {
    }

    private static Map<String, Order> readOrders() throws IOException {
        List<List<String>> rows;
        try (InputStream in = ShopifySampleOrdersTest.class.getResourceAsStream("/shopify-orders-sample.csv")) {
            rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank()).map(ShopifySampleOrdersTest::splitCsv).toList();
        }
        List<String> header = rows.getFirst();
        Map<String, Order> orders = new HashMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            String name = field(header, row, "Name");
            String sku = field(header, row, "Lineitem sku");
            String[] product = CATALOGUE.get(sku);
            InvoiceLine line = InvoiceLine.of(field(header, row, "Lineitem name"), product[0],
                    new BigDecimal(field(header, row, "Lineitem quantity")), "NOS",
                    Money.parse(field(header, row, "Lineitem price")), Rate.of(product[1]));
            Order order = orders.get(name);
            if (order == null) {
                Map<String, Money> taxLines = new TreeMap<>();
                for (int i = 1; i <= 5; i++) {
                    String taxName = field(header, row, "Tax " + i + " Name");
                    if (!taxName.isEmpty()) {
                        taxLines.put(taxName, Money.parse(field(header, row, "Tax " + i + " Value")));
                    }
                }
                order = new Order(field(header, row, "Shipping Province"),
                        Money.parse(field(header, row, "Shipping")), Money.parse(field(header, row, "Taxes")),
                        Money.parse(field(header, row, "Total")), taxLines, new ArrayList<>());
                orders.put(name, order);
            }
            order.lines.add(line);
        }
        return orders;
    }

    private static String field(List<String> header, List<String> row, String column) {
        return row.get(header.indexOf(column)).strip();
    }

    /** Enough CSV for this file: commas, double-quoted fields with doubled quotes. */
    private static List<String> splitCsv(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields;
    }
}
