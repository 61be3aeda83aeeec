package com.gstcomms.core.gst;

import com.gstcomms.core.money.Money;
import com.gstcomms.core.money.Rate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CGST = SGST to the paisa on every intra-state line, and taxable value + taxes = the line amount
 * exactly, over many amounts, quantities, discounts, GST rates and cess rates. The old rule (CGST takes
 * the odd paisa of a tax-inclusive split) fails this on about half of the inclusive lines.
 */
class EqualHalvesTest {

    private static final List<String> RATES = List.of("0", "0.25", "3", "5", "12", "18", "28", "40");
    private static final List<String> CESS_RATES = List.of("0", "0", "1", "3", "12", "15", "22");

    @ParameterizedTest
    @EnumSource(PriceBasis.class)
    void cgstEqualsSgstAndTheFiguresAddUpOnEveryIntraStateLine(PriceBasis basis) {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 20_000; i++) {
            long pricePaise = switch (i % 4) {
                case 0 -> 1 + random.nextLong(1_000);            // a few rupees, where a paisa is most of the tax
                case 1 -> 1 + random.nextLong(100_000);
                case 2 -> 1 + random.nextLong(10_000_000);
                default -> 1 + random.nextLong(1_000_000_000L);
            };
            BigDecimal quantity = i % 5 == 0 ? BigDecimal.valueOf(1 + random.nextInt(3_000), 3)
                    : BigDecimal.valueOf(1 + random.nextInt(12));
            Money price = Money.ofPaise(pricePaise);
            Money gross = price.times(quantity, GstCalculator.ROUNDING);
            Money discount = i % 3 == 0 ? Money.ofPaise(random.nextLong(Math.min(gross.paise(), 1_000_000_000L) + 1)) : Money.ZERO;
            Rate rate = Rate.of(RATES.get(random.nextInt(RATES.size())));
            Rate cess = Rate.of(CESS_RATES.get(random.nextInt(CESS_RATES.size())));
            InvoiceLine line = new InvoiceLine("item " + i, "7323", quantity, "NOS", price, discount, rate, cess);

            TaxedLine taxed = GstCalculator.taxLine(line, SupplyType.INTRA_STATE, basis);

            String what = basis + " " + quantity.toPlainString() + " × " + price + " − " + discount + " at " + rate
                    + "% + cess " + cess + "%";
            assertThat(taxed.cgst()).as(what).isEqualTo(taxed.sgst());
            assertThat(taxed.igst()).as(what).isEqualTo(Money.ZERO);
            assertThat(taxed.taxableValue().plus(taxed.cgst()).plus(taxed.sgst()).plus(taxed.cess()))
                    .as(what).isEqualTo(taxed.total());
            assertThat(taxed.taxableValue().isNegative() || taxed.cgst().isNegative() || taxed.cess().isNegative())
                    .as(what).isFalse();
            if (basis == PriceBasis.INCLUSIVE_OF_TAX) {
                Money amount = gross.minus(discount);
                assertThat(taxed.total()).as(what).isEqualTo(amount);
                // the odd paisa moves the taxable value by at most one paisa from its exact share
                BigDecimal exact = BigDecimal.valueOf(amount.paise()).multiply(BigDecimal.valueOf(100))
                        .divide(BigDecimal.valueOf(100).add(rate.percent()).add(cess.percent()), 4,
                                GstCalculator.ROUNDING);
                assertThat(BigDecimal.valueOf(taxed.taxableValue().paise()).subtract(exact).abs())
                        .as(what).isLessThanOrEqualTo(new BigDecimal("1.5"));
            }
        }
    }
}
