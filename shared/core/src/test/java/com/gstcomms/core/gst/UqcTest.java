package com.gstcomms.core.gst;

import com.gstcomms.core.money.Money;
import com.gstcomms.core.money.Rate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class UqcTest {

    @Test
    void isGstnsListOfFortyFiveCodes() {
        assertThat(Arrays.stream(Uqc.values()).map(Enum::name)).containsExactly(
                "BAG", "BAL", "BDL", "BKL", "BOU", "BOX", "BTL", "BUN", "CAN", "CBM", "CCM", "CMS", "CTN", "DOZ", "DRM",
                "GGK", "GMS", "GRS", "GYD", "KGS", "KLR", "KME", "LTR", "MLT", "MTR", "MTS", "NOS", "OTH", "PAC", "PCS",
                "PRS", "QTL", "ROL", "SET", "SQF", "SQM", "SQY", "TBS", "TGM", "THD", "TON", "TUB", "UGS", "UNT", "YDS");
    }

    @ParameterizedTest(name = "''{0}'' → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            NOS        | NOS
            nos        | NOS
            ' Kgs '    | KGS
            pcs        | PCS
            Piece      | PCS
            pieces     | PCS
            kg         | KGS
            Kilograms  | KGS
            g          | GMS
            gram       | GMS
            litre      | LTR
            Liters     | LTR
            ml         | MLT
            metre      | MTR
            mtrs       | MTR
            sq. ft     | SQF
            'sq  m'    | SQM
            dozen      | DOZ
            pair       | PRS
            packet     | PAC
            pkt        | PAC
            box        | BOX
            boxes      | BOX
            bottles    | BTL
            set        | SET
            tonne      | TON
            unit       | UNT
            BAG        | BAG
            OTH        | OTH
            box of 6   | OTH
            bunch of 5 | OTH
            XYZ        | OTH
            ''         | NOS
            """)
    void turnsWhatAMerchantWroteIntoAGstnCode(String written, Uqc code) {
        assertThat(Uqc.of(written)).isEqualTo(code);
    }

    @Test
    void knowsOnlyCodesAndTheirWords() {
        assertThat(Uqc.known("litres")).contains(Uqc.LTR);
        assertThat(Uqc.known("box of 6")).isEmpty();
        assertThat(Uqc.of(null)).isEqualTo(Uqc.NOS);
    }

    @Test
    void aServiceHasNoUnitInTheHsnSummary() {
        assertThat(Uqc.forSummary("998314", "NOS")).isEqualTo("NA");
        assertThat(Uqc.forSummary("6211", "pieces")).isEqualTo("PCS");
        assertThat(Uqc.forSummary("6211", "box of 6")).isEqualTo("OTH");
    }

    @Test
    void summarisesQuantityPerHsnUnitAndRateAsGstr1Table12Groups() {
        List<InvoiceLine> lines = List.of(
                InvoiceLine.of("Kurta", "6211", new BigDecimal("3"), "PCS", Money.parse("1299.00"), Rate.of(5)),
                InvoiceLine.of("Kurta, printed", "6211", new BigDecimal("2"), "pieces", Money.parse("999.00"), Rate.of(5)),
                InvoiceLine.of("Kurta fabric", "6211", new BigDecimal("1.5"), "MTR", Money.parse("400.00"), Rate.of(5)),
                InvoiceLine.of("Silk kurta", "6211", new BigDecimal("1"), "PCS", Money.parse("2500.00"), Rate.of(12)),
                InvoiceLine.of("Rice", "1006", new BigDecimal("2.5"), "kg", Money.parse("80.00"), Rate.of(5)),
                InvoiceLine.of("Rice", "1006", new BigDecimal("0.75"), "KGS", Money.parse("80.00"), Rate.of(5)),
                InvoiceLine.of("Stitching", "998821", new BigDecimal("2"), "NOS", Money.parse("150.00"), Rate.of(18)));

        TaxedInvoice invoice = GstCalculator.calculate(lines, SupplyType.INTER_STATE, PriceBasis.EXCLUSIVE_OF_TAX);

        assertThat(invoice.byHsnAndRate()).extracting(HsnSummary::hsnSac, HsnSummary::uqc,
                        s -> s.quantity().stripTrailingZeros().toPlainString(), s -> s.rate().toString(),
                        s -> s.taxableValue().toString(), s -> s.igst().toString())
                .containsExactly(
                        tuple("1006", "KGS", "3.25", "5", "260.00", "13.00"),
                        tuple("6211", "MTR", "1.5", "5", "600.00", "30.00"),
                        tuple("6211", "PCS", "5", "5", "5895.00", "294.75"),
                        tuple("6211", "PCS", "1", "12", "2500.00", "300.00"),
                        tuple("998821", "NA", "0", "18", "300.00", "54.00"));
        GstCalculatorTest.assertAddsUp(invoice);
    }
}
