package com.gstcomms.core.gst;

import com.gstcomms.core.money.Money;
import com.gstcomms.core.money.Rate;
import com.gstcomms.core.state.IndianState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static com.gstcomms.core.gst.PriceBasis.EXCLUSIVE_OF_TAX;
import static com.gstcomms.core.gst.PriceBasis.INCLUSIVE_OF_TAX;
import static com.gstcomms.core.gst.SupplyType.INTER_STATE;
import static com.gstcomms.core.gst.SupplyType.INTRA_STATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GstCalculatorTest {

    @ParameterizedTest(name = "{0}: {1} {2} x {3} - {4} at {5}% + cess {6}%")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                   | basis            | supply      | qty | price   | disc   | rate | cess | gross   | taxable | cgst    | sgst    | igst   | cess   | total
            exclusive intra-state                    | EXCLUSIVE_OF_TAX | INTRA_STATE | 2   | 500.00  | 0.00   | 18   | 0    | 1000.00 | 1000.00 | 90.00   | 90.00   | 0.00   | 0.00   | 1180.00
            exclusive inter-state                    | EXCLUSIVE_OF_TAX | INTER_STATE | 2   | 500.00  | 0.00   | 18   | 0    | 1000.00 | 1000.00 | 0.00    | 0.00    | 180.00 | 0.00   | 1180.00
            halves rounded apart (0.2525 each)       | EXCLUSIVE_OF_TAX | INTRA_STATE | 1   | 10.10   | 0.00   | 5    | 0    | 10.10   | 10.10   | 0.25    | 0.25    | 0.00   | 0.00   | 10.60
            whole rate rounded once (0.505)          | EXCLUSIVE_OF_TAX | INTER_STATE | 1   | 10.10   | 0.00   | 5    | 0    | 10.10   | 10.10   | 0.00    | 0.00    | 0.51   | 0.00   | 10.61
            fractional quantity                      | EXCLUSIVE_OF_TAX | INTRA_STATE | 1.5 | 120.33  | 0.00   | 5    | 0    | 180.50  | 180.50  | 4.51    | 4.51    | 0.00   | 0.00   | 189.52
            discount                                 | EXCLUSIVE_OF_TAX | INTER_STATE | 3   | 1299.00 | 100.00 | 5    | 0    | 3897.00 | 3797.00 | 0.00    | 0.00    | 189.85 | 0.00   | 3986.85
            cess                                     | EXCLUSIVE_OF_TAX | INTRA_STATE | 1   | 10000.00| 0.00   | 28   | 12   | 10000.00| 10000.00| 1400.00 | 1400.00 | 0.00   | 1200.00| 14000.00
            quarter percent rate                     | EXCLUSIVE_OF_TAX | INTRA_STATE | 1   | 1000.00 | 0.00   | 0.25 | 0    | 1000.00 | 1000.00 | 1.25    | 1.25    | 0.00   | 0.00   | 1002.50
            forty percent rate                       | EXCLUSIVE_OF_TAX | INTER_STATE | 1   | 250.50  | 0.00   | 40   | 0    | 250.50  | 250.50  | 0.00    | 0.00    | 100.20 | 0.00   | 350.70
            three percent on a tiny amount           | EXCLUSIVE_OF_TAX | INTRA_STATE | 1   | 0.50    | 0.00   | 3    | 0    | 0.50    | 0.50    | 0.01    | 0.01    | 0.00   | 0.00   | 0.52
            nil rated                                | EXCLUSIVE_OF_TAX | INTRA_STATE | 2   | 725.00  | 0.00   | 0    | 0    | 1450.00 | 1450.00 | 0.00    | 0.00    | 0.00   | 0.00   | 1450.00
            Shopify #IN1001: taxable gets odd paisa  | INCLUSIVE_OF_TAX | INTRA_STATE | 4   | 849.00  | 0.00   | 18   | 0    | 3396.00 | 2877.98 | 259.01  | 259.01  | 0.00   | 0.00   | 3396.00
            inclusive inter-state                    | INCLUSIVE_OF_TAX | INTER_STATE | 3   | 849.00  | 0.00   | 18   | 0    | 2547.00 | 2158.47 | 0.00    | 0.00    | 388.53 | 0.00   | 2547.00
            inclusive even split                     | INCLUSIVE_OF_TAX | INTRA_STATE | 1   | 1299.00 | 0.00   | 5    | 0    | 1299.00 | 1237.14 | 30.93   | 30.93   | 0.00   | 0.00   | 1299.00
            inclusive with discount                  | INCLUSIVE_OF_TAX | INTRA_STATE | 2   | 849.00  | 98.00  | 18   | 0    | 1698.00 | 1355.94 | 122.03  | 122.03  | 0.00   | 0.00   | 1600.00
            inclusive with cess, exact               | INCLUSIVE_OF_TAX | INTER_STATE | 1   | 1400.00 | 0.00   | 28   | 12   | 1400.00 | 1000.00 | 0.00    | 0.00    | 280.00 | 120.00 | 1400.00
            inclusive with cess, rounded             | INCLUSIVE_OF_TAX | INTRA_STATE | 1   | 999.00  | 0.00   | 28   | 12   | 999.00  | 713.57  | 99.90   | 99.90   | 0.00   | 85.63  | 999.00
            inclusive nil rated                      | INCLUSIVE_OF_TAX | INTRA_STATE | 1   | 725.00  | 0.00   | 0    | 0    | 725.00  | 725.00  | 0.00    | 0.00    | 0.00   | 0.00   | 725.00
            inclusive cess only: cess takes the rest | INCLUSIVE_OF_TAX | INTER_STATE | 1   | 100.00  | 0.00   | 0    | 5    | 100.00  | 95.24   | 0.00    | 0.00    | 0.00   | 4.76   | 100.00
            inclusive fractional quantity            | INCLUSIVE_OF_TAX | INTRA_STATE | 1.5 | 99.99   | 0.00   | 12   | 0    | 149.99  | 133.93  | 8.03    | 8.03    | 0.00   | 0.00   | 149.99
            inclusive 100.01 at 18%: even, no move   | INCLUSIVE_OF_TAX | INTRA_STATE | 1   | 100.01  | 0.00   | 18   | 0    | 100.01  | 84.75   | 7.63    | 7.63    | 0.00   | 0.00   | 100.01
            inclusive 1.00 at 5%: 95+5 → 96+2+2      | INCLUSIVE_OF_TAX | INTRA_STATE | 1   | 1.00    | 0.00   | 5    | 0    | 1.00    | 0.96    | 0.02    | 0.02    | 0.00   | 0.00   | 1.00
            inclusive 1.00 at 5% inter: IGST 0.05    | INCLUSIVE_OF_TAX | INTER_STATE | 1   | 1.00    | 0.00   | 5    | 0    | 1.00    | 0.95    | 0.00    | 0.00    | 0.05   | 0.00   | 1.00
            inclusive 999.99 at 12% + 1% cess        | INCLUSIVE_OF_TAX | INTRA_STATE | 1   | 999.99  | 0.00   | 12   | 1    | 999.99  | 884.96  | 53.09   | 53.09   | 0.00   | 8.85   | 999.99
            inclusive 999.99 at 12% + 12% cess: even | INCLUSIVE_OF_TAX | INTRA_STATE | 1   | 999.99  | 0.00   | 12   | 12   | 999.99  | 806.44  | 48.39   | 48.39   | 0.00   | 96.77   | 999.99
            exclusive 100.01 at 18%                  | EXCLUSIVE_OF_TAX | INTRA_STATE | 1   | 100.01  | 0.00   | 18   | 0    | 100.01  | 100.01  | 9.00    | 9.00    | 0.00   | 0.00   | 118.01
            """)
    void taxesOneLineByTheDocumentedRoundingRule(String description, PriceBasis basis, SupplyType supply, BigDecimal quantity, String price,
                      String discount, String rate, String cessRate, String gross, String taxable, String cgst,
                      String sgst, String igst, String cess, String total) {
        InvoiceLine line = new InvoiceLine(description, "7323", quantity, "NOS", Money.parse(price),
                Money.parse(discount), Rate.of(rate), Rate.of(cessRate));

        TaxedLine taxed = GstCalculator.taxLine(line, supply, basis);

        assertThat(taxed.gross()).isEqualTo(Money.parse(gross));
        assertThat(taxed.discount()).isEqualTo(Money.parse(discount));
        assertThat(taxed.taxableValue()).isEqualTo(Money.parse(taxable));
        assertThat(taxed.cgst()).isEqualTo(Money.parse(cgst));
        assertThat(taxed.sgst()).isEqualTo(Money.parse(sgst));
        assertThat(taxed.igst()).isEqualTo(Money.parse(igst));
        assertThat(taxed.cess()).isEqualTo(Money.parse(cess));
        assertThat(taxed.total()).isEqualTo(Money.parse(total));
        assertThat(taxed.taxableValue().plus(taxed.totalTax())).isEqualTo(taxed.total());
        if (basis == INCLUSIVE_OF_TAX) {
            assertThat(taxed.total()).as("inclusive: taxes fill the amount exactly")
                    .isEqualTo(taxed.gross().minus(taxed.discount()));
        }
    }

    @Test
    void splitsTaxIntoCgstAndSgstWithinOneState() {
        TaxedInvoice invoice = GstCalculator.calculate(
                List.of(line("Steel Tiffin Box", "7323", "2", "1000.00", "18")),
                IndianState.MAHARASHTRA, IndianState.MAHARASHTRA, EXCLUSIVE_OF_TAX);

        assertThat(invoice.supplyType()).isEqualTo(INTRA_STATE);
        TaxedLine taxed = invoice.lines().getFirst();
        assertThat(taxed.cgstRate()).isEqualTo(Rate.of("9"));
        assertThat(taxed.sgstRate()).isEqualTo(Rate.of("9"));
        assertThat(taxed.igstRate()).isEqualTo(Rate.ZERO);
        assertThat(invoice.cgst()).isEqualTo(Money.parse("180.00"));
        assertThat(invoice.sgst()).isEqualTo(Money.parse("180.00"));
        assertThat(invoice.igst()).isEqualTo(Money.ZERO);
        assertThat(invoice.grandTotal()).isEqualTo(Money.parse("2360.00"));
    }

    @ParameterizedTest(name = "MH -> {0}")
    @CsvSource({"KARNATAKA", "TELANGANA", "FOREIGN_COUNTRY", "OTHER_TERRITORY"})
    void chargesIgstWhenThePlaceOfSupplyIsAnotherStateOrAbroad(IndianState placeOfSupply) {
        TaxedInvoice invoice = GstCalculator.calculate(
                List.of(line("Steel Tiffin Box", "7323", "2", "1000.00", "18")),
                IndianState.MAHARASHTRA, placeOfSupply, EXCLUSIVE_OF_TAX);

        assertThat(invoice.supplyType()).isEqualTo(INTER_STATE);
        assertThat(invoice.lines().getFirst().igstRate()).isEqualTo(Rate.of("18"));
        assertThat(invoice.igst()).isEqualTo(Money.parse("360.00"));
        assertThat(invoice.cgst()).isEqualTo(Money.ZERO);
        assertThat(invoice.sgst()).isEqualTo(Money.ZERO);
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "MAHARASHTRA, MAHARASHTRA, INTRA_STATE",
            "CHANDIGARH,  CHANDIGARH,  INTRA_STATE",
            "MAHARASHTRA, KARNATAKA,   INTER_STATE",
            "MAHARASHTRA, FOREIGN_COUNTRY, INTER_STATE"
    })
    void decidesTheSupplyTypeFromSupplierStateAndPlaceOfSupply(IndianState supplier, IndianState place,
                                                               SupplyType expected) {
        assertThat(SupplyType.of(supplier, place)).isEqualTo(expected);
    }

    @Test
    void refusesASupplierOutsideIndia() {
        assertThatThrownBy(() -> SupplyType.of(IndianState.FOREIGN_COUNTRY, IndianState.MAHARASHTRA))
                .hasMessageContaining("supplier state must be in India");
    }

    /** Lines as "hsn:qty:price:discount:rate:cess" separated by spaces. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                       | basis            | supply      | lines                                                                  | taxable  | cgst   | sgst   | igst    | cess   | roundOff | grand
            several rates, exclusive     | EXCLUSIVE_OF_TAX | INTRA_STATE | 6211:3:1299.00:0:5:0 7323:2:849.00:0:18:0 3401:4:120.00:0:18:0 1006:1:725.00:0:0:0 | 6800.00  | 293.45 | 293.45 | 0.00    | 0.00   | 0.10     | 7387.00
            several rates, inclusive     | INCLUSIVE_OF_TAX | INTER_STATE | 7323:4:849.00:0:18:0 8518:4:2499.00:0:18:0 6211:4:1299.00:0:5:0       | 16297.73 | 0.00   | 0.00   | 2290.27 | 0.00   | 0.00     | 18588.00
            discounts and cess           | EXCLUSIVE_OF_TAX | INTER_STATE | 8703:1:650000.00:15000.00:28:22 7323:2:849.99:100.00:18:0              | 636599.98| 0.00   | 0.00   | 178088.00 | 139700.00 | 0.02 | 954388.00
            round-off up at 50 paise     | EXCLUSIVE_OF_TAX | INTRA_STATE | 9983:1:100.50:0:0:0                                                    | 100.50   | 0.00   | 0.00   | 0.00    | 0.00   | 0.50     | 101.00
            round-off down at 49 paise   | EXCLUSIVE_OF_TAX | INTRA_STATE | 9983:1:100.49:0:0:0                                                    | 100.49   | 0.00   | 0.00   | 0.00    | 0.00   | -0.49    | 100.00
            no round-off on whole rupees | EXCLUSIVE_OF_TAX | INTRA_STATE | 9983:1:100.00:0:18:0                                                   | 100.00   | 9.00   | 9.00   | 0.00    | 0.00   | 0.00     | 118.00
            round-off up at 1 paisa short| EXCLUSIVE_OF_TAX | INTRA_STATE | 9983:1:99.99:0:0:0                                                     | 99.99    | 0.00   | 0.00   | 0.00    | 0.00   | 0.01     | 100.00
            """)
    void totalsAnInvoiceSoThatItAddsUpToThePaisa(String description, PriceBasis basis, SupplyType supply,
                                                 String lines, String taxable, String cgst, String sgst, String igst,
                                                 String cess, String roundOff, String grandTotal) {
        TaxedInvoice invoice = GstCalculator.calculate(parseLines(lines), supply, basis);

        assertThat(invoice.taxableTotal()).isEqualTo(Money.parse(taxable));
        assertThat(invoice.cgst()).isEqualTo(Money.parse(cgst));
        assertThat(invoice.sgst()).isEqualTo(Money.parse(sgst));
        assertThat(invoice.igst()).isEqualTo(Money.parse(igst));
        assertThat(invoice.cess()).isEqualTo(Money.parse(cess));
        assertThat(invoice.roundOff()).isEqualTo(Money.parse(roundOff));
        assertThat(invoice.grandTotal()).isEqualTo(Money.parse(grandTotal));
        assertAddsUp(invoice);
    }

    @Test
    void summarisesTaxPerRateAndPerHsnAndRate() {
        List<InvoiceLine> lines = parseLines(
                "7323:2:849.00:0:18:0 6211:3:1299.00:0:5:0 7323:1:500.00:0:18:0 7323:1:100.00:0:12:0 6211:1:999.00:0:5:0");

        TaxedInvoice invoice = GstCalculator.calculate(lines, INTER_STATE, EXCLUSIVE_OF_TAX);

        assertThat(invoice.byRate()).extracting(r -> r.rate().toString(), r -> r.taxableValue().toString(),
                        r -> r.igst().toString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("5", "4896.00", "244.80"),
                        org.assertj.core.groups.Tuple.tuple("12", "100.00", "12.00"),
                        org.assertj.core.groups.Tuple.tuple("18", "2198.00", "395.64"));
        assertThat(invoice.byHsnAndRate()).extracting(HsnSummary::hsnSac, h -> h.rate().toString(),
                        h -> h.taxableValue().toString(), h -> h.igst().toString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("6211", "5", "4896.00", "244.80"),
                        org.assertj.core.groups.Tuple.tuple("7323", "12", "100.00", "12.00"),
                        org.assertj.core.groups.Tuple.tuple("7323", "18", "2198.00", "395.64"));
        assertAddsUp(invoice);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                         | goods                                          | expected hsn | rate | cess
            highest rate wins              | 6211:3:1299.00:0:5:0 7323:1:849.00:0:18:0      | 7323         | 18   | 0
            highest rate wins even if small| 6211:10:1299.00:0:5:0 3401:1:12.00:0:18:0      | 3401         | 18   | 0
            same rate: larger value wins   | 6211:1:1299.00:0:5:0 5007:1:4999.00:0:5:0      | 5007         | 5    | 0
            discount counts in the value   | 6211:1:1299.00:0:5:0 5007:1:1300.00:500.00:5:0 | 6211         | 5    | 0
            cess follows the principal     | 8703:1:650000.00:0:28:22 7323:1:849.00:0:18:0  | 8703         | 28   | 22
            """)
    void taxesShippingAtTheHighestRateWithThePrincipalSupplysHsn(String description, String goods, String hsn,
                                                                  String rate, String cess) {
        InvoiceLine shipping = GstCalculator.shippingLine(Money.parse("99.00"), parseLines(goods));

        assertThat(shipping.description()).isEqualTo("Shipping charges");
        assertThat(shipping.hsnSac()).isEqualTo(hsn);
        assertThat(shipping.rate()).isEqualTo(Rate.of(rate));
        assertThat(shipping.cessRate()).isEqualTo(Rate.of(cess));
        assertThat(shipping.quantity()).isEqualByComparingTo("1");
        assertThat(shipping.unit()).isEqualTo("OTH");
        assertThat(shipping.unitPrice()).isEqualTo(Money.parse("99.00"));
    }

    @Test
    void addsShippingAsAnExtraLineOnlyWhenThereIsACharge() {
        List<InvoiceLine> goods = parseLines("6211:3:1299.00:0:5:0 7323:1:849.00:0:18:0");
        assertThat(GstCalculator.withShipping(goods, Money.ZERO)).isEqualTo(goods);
        List<InvoiceLine> withShipping = GstCalculator.withShipping(goods, Money.parse("99.00"));
        assertThat(withShipping).hasSize(3);
        TaxedLine shipping = GstCalculator.taxLine(withShipping.get(2), INTER_STATE, INCLUSIVE_OF_TAX);
        assertThat(shipping.taxableValue()).isEqualTo(Money.parse("83.90"));
        assertThat(shipping.igst()).isEqualTo(Money.parse("15.10"));
    }

    @ParameterizedTest(name = "shipping {0}")
    @CsvSource({"0.00", "-1.00"})
    void refusesAShippingLineForANonPositiveCharge(String charge) {
        assertThatThrownBy(() -> GstCalculator.shippingLine(Money.parse(charge), parseLines("6211:1:1.00:0:5:0")))
                .hasMessageContaining("shipping charge must be positive");
    }

    @Test
    void refusesShippingWithoutGoods() {
        assertThatThrownBy(() -> GstCalculator.shippingLine(Money.parse("99.00"), List.of()))
                .hasMessageContaining("at least one goods line");
    }

    @Test
    void refusesADiscountLargerThanTheLine() {
        InvoiceLine line = line("Kurta", "6211", "1", "100.00", "5").withDiscount(Money.parse("100.01"));
        assertThatThrownBy(() -> GstCalculator.taxLine(line, INTRA_STATE, EXCLUSIVE_OF_TAX))
                .hasMessageContaining("discount 100.01 is more than the line value 100.00");
    }

    @Test
    void refusesAnInvoiceWithoutLines() {
        assertThatThrownBy(() -> GstCalculator.calculate(List.of(), INTRA_STATE, EXCLUSIVE_OF_TAX))
                .hasMessageContaining("at least one line");
    }

    @ParameterizedTest(name = "quantity {0}")
    @CsvSource({"0", "-1"})
    void refusesANonPositiveQuantity(BigDecimal quantity) {
        assertThatThrownBy(() -> InvoiceLine.of("Kurta", "6211", quantity, "NOS", Money.parse("1.00"), Rate.of(5)))
                .hasMessageContaining("quantity must be positive");
    }

    static void assertAddsUp(TaxedInvoice invoice) {
        List<TaxedLine> lines = invoice.lines();
        assertThat(Money.sum(lines.stream().map(TaxedLine::taxableValue).toList())).isEqualTo(invoice.taxableTotal());
        assertThat(Money.sum(lines.stream().map(TaxedLine::cgst).toList())).isEqualTo(invoice.cgst());
        assertThat(Money.sum(lines.stream().map(TaxedLine::sgst).toList())).isEqualTo(invoice.sgst());
        assertThat(Money.sum(lines.stream().map(TaxedLine::igst).toList())).isEqualTo(invoice.igst());
        assertThat(Money.sum(lines.stream().map(TaxedLine::cess).toList())).isEqualTo(invoice.cess());
        assertThat(Money.sum(lines.stream().map(TaxedLine::total).toList())).isEqualTo(invoice.totalBeforeRoundOff());
        assertThat(invoice.taxableTotal().plus(invoice.cgst()).plus(invoice.sgst()).plus(invoice.igst())
                .plus(invoice.cess()).plus(invoice.roundOff())).isEqualTo(invoice.grandTotal());
        assertThat(invoice.grandTotal().paise() % 100).isZero();
        assertThat(invoice.roundOff().paise()).isBetween(-49L, 50L);
        // one state: CGST = SGST on every line, so also in total
        assertThat(invoice.cgst()).isEqualTo(invoice.sgst());
        for (List<Money> column : List.of(
                invoice.byRate().stream().map(RateSummary::taxableValue).toList(),
                invoice.byHsnAndRate().stream().map(HsnSummary::taxableValue).toList())) {
            assertThat(Money.sum(column)).isEqualTo(invoice.taxableTotal());
        }
        assertThat(Money.sum(invoice.byRate().stream().map(RateSummary::totalTax).toList())).isEqualTo(invoice.totalTax());
        assertThat(Money.sum(invoice.byHsnAndRate().stream().map(HsnSummary::totalTax).toList())).isEqualTo(invoice.totalTax());
    }

    static InvoiceLine line(String description, String hsn, String quantity, String price, String rate) {
        return InvoiceLine.of(description, hsn, new BigDecimal(quantity), "NOS", Money.parse(price), Rate.of(rate));
    }

    /** "hsn:qty:price:discount:rate:cess hsn:qty:…" */
    static List<InvoiceLine> parseLines(String lines) {
        List<InvoiceLine> result = new ArrayList<>();
        for (String spec : lines.trim().split("\\s+")) {
            List<String> f = Arrays.asList(spec.split(":"));
            result.add(new InvoiceLine("item " + f.getFirst(), f.get(0), new BigDecimal(f.get(1)), "NOS",
                    Money.parse(f.get(2)), Money.parse(f.get(3)), Rate.of(f.get(4)), Rate.of(f.get(5))));
        }
        return result;
    }
}
