package com.gstcomms.core.gst;

import com.gstcomms.core.money.Money;
import com.gstcomms.core.money.Rate;
import com.gstcomms.core.state.IndianState;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The GST arithmetic of invoice lines and of a whole invoice. Plain Java, no state.
 *
 * <h2>The rounding rule (one rule, everywhere)</h2>
 * <ol>
 *   <li><b>Gross</b> = quantity × unit price, rounded half-up to paise (quantities may be
 *       fractional).</li>
 *   <li><b>Exclusive prices:</b> taxable value = gross − discount (already in paise). Each tax is
 *       computed on the line's taxable value and rounded half-up to paise, per line:
 *       IGST at the rate; CGST and SGST each at rate / 2, so they are always equal; cess at
 *       the cess rate.</li>
 *   <li><b>Inclusive prices:</b> with A = gross − discount (the tax-inclusive amount),
 *       taxable value = round-half-up(A × 100 / (100 + rate + cess rate)). Cess is computed on
 *       the taxable value as above; GST is <em>the rest</em>, A − taxable − cess, so that
 *       taxable + taxes = A exactly. Intra-state, that GST is split into equal CGST and SGST halves
 *       and <b>an odd paisa goes to the taxable value</b> (2877.98 + 259.01 + 259.01), so CGST = SGST
 *       on every line; cess stays as worked out on the taxable value before that paisa. With a GST
 *       rate of 0 the rest goes to cess instead.</li>
 *   <li><b>Invoice totals</b> are sums of the line figures, never recomputed from totals, so
 *       the printed table adds up to the paisa.</li>
 *   <li><b>Round-off:</b> the grand total is the total rounded to the nearest rupee, 50 paise
 *       and up rounding up (CGST Act s.170: tax rounded off to the nearest rupee), and the
 *       difference is shown as its own signed round-off amount.</li>
 * </ol>
 * Per-line rounding reproduces the total tax Shopify charges for Indian stores; Shopify gives the odd
 * paisa to CGST (order #IN1001 in the sample export: 4 × 849.00 at 18% inclusive → CGST 259.02,
 * SGST 259.01), we give it to the taxable value (2877.98, 259.01, 259.01): the tax of a line is then
 * the same or a paisa less, never more, and the two halves of the GST are equal.
 *
 * <h2>Shipping charges</h2>
 * Delivery charged by the supplier of goods is part of a composite supply whose principal
 * supply is the goods (CGST Act s.2(30), s.8(a)): it is taxed at the principal supply's rate,
 * not at the 18% of SAC 996812 (courier services). {@link #shippingLine} turns a charge into an
 * extra line taking the <b>highest GST rate</b> on the invoice (and that line's cess rate) —
 * the prudent choice when goods of several rates travel together, since under-charging tax is
 * the merchant's liability. The line also takes that principal line's <b>HSN</b>, not a SAC,
 * so the HSN summary (GSTR-1 Table 12) reports the shipping under the HSN of the goods it belongs to
 * (a row of its own: its unit is OTH, and Table 12 groups by HSN, UQC and rate).
 * Shopify does not tax shipping on Indian stores in our sample export (#IN1003), so our totals
 * are higher there by design.
 */
public final class GstCalculator {

    /** Half-up to paise, everywhere. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;
    public static final String SHIPPING_DESCRIPTION = "Shipping charges";
    public static final String SHIPPING_UNIT = "OTH";

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private GstCalculator() {
    }

    /** Works out the tax of one line. */
    public static TaxedLine taxLine(InvoiceLine line, SupplyType supplyType, PriceBasis basis) {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(supplyType, "supplyType");
        Objects.requireNonNull(basis, "basis");
        Money gross = line.unitPrice().times(line.quantity(), ROUNDING);
        Money afterDiscount = gross.minus(line.discount());
        if (afterDiscount.isNegative()) {
            throw new IllegalArgumentException("discount " + line.discount() + " is more than the line value "
                    + gross + " on '" + line.description() + "'");
        }
        Rate rate = line.rate();
        Rate cessRate = line.cessRate();

        Money taxable;
        Money cess;
        Money gst;
        if (basis == PriceBasis.EXCLUSIVE_OF_TAX) {
            taxable = afterDiscount;
            cess = taxable.percent(cessRate, ROUNDING);
            gst = null; // computed per component below, so CGST == SGST
        } else {
            BigDecimal divisor = HUNDRED.add(rate.percent()).add(cessRate.percent());
            taxable = Money.ofPaise(BigDecimal.valueOf(afterDiscount.paise()).multiply(HUNDRED)
                    .divide(divisor, 0, ROUNDING).longValueExact());
            cess = taxable.percent(cessRate, ROUNDING);
            gst = afterDiscount.minus(taxable).minus(cess);
            if (rate.isZero()) {
                cess = cess.plus(gst);
                gst = Money.ZERO;
            } else if (gst.isNegative()) {
                // Only with a tiny GST rate beside a large cess on a few paise: keep taxes non-negative.
                cess = cess.plus(gst);
                gst = Money.ZERO;
            }
        }

        Money cgst = Money.ZERO;
        Money sgst = Money.ZERO;
        Money igst = Money.ZERO;
        Rate cgstRate = Rate.ZERO;
        Rate sgstRate = Rate.ZERO;
        Rate igstRate = Rate.ZERO;
        if (supplyType == SupplyType.INTRA_STATE) {
            cgstRate = rate.half();
            sgstRate = rate.half();
            if (gst == null) {
                cgst = taxable.percent(cgstRate, ROUNDING);
                sgst = taxable.percent(sgstRate, ROUNDING);
            } else {
                // CGST = SGST to the paisa: an odd paisa of the inclusive amount goes to the taxable value.
                sgst = Money.ofPaise(gst.paise() / 2);
                cgst = sgst;
                taxable = taxable.plus(gst.minus(cgst).minus(sgst));
            }
        } else {
            igstRate = rate;
            igst = gst == null ? taxable.percent(rate, ROUNDING) : gst;
        }
        Money total = taxable.plus(cgst).plus(sgst).plus(igst).plus(cess);
        return new TaxedLine(line, gross, line.discount(), taxable,
                cgstRate, cgst, sgstRate, sgst, igstRate, igst, cessRate, cess, total);
    }

    /** Works out every line and the invoice totals, with the supply type from the two states. */
    public static TaxedInvoice calculate(List<InvoiceLine> lines, IndianState supplierState,
                                         IndianState placeOfSupply, PriceBasis basis) {
        return calculate(lines, SupplyType.of(supplierState, placeOfSupply), basis);
    }

    /** Works out every line and the invoice totals. */
    public static TaxedInvoice calculate(List<InvoiceLine> lines, SupplyType supplyType, PriceBasis basis) {
        Objects.requireNonNull(lines, "lines");
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an invoice needs at least one line");
        }
        List<TaxedLine> taxed = lines.stream().map(l -> taxLine(l, supplyType, basis)).toList();

        Money beforeRoundOff = TaxedInvoice.totalOf(taxed);
        Money roundOff = beforeRoundOff.roundToRupees(ROUNDING).minus(beforeRoundOff);
        return TaxedInvoice.ofLines(supplyType, basis, taxed, roundOff);
    }

    /**
     * The shipping charge as an extra invoice line, taxed as part of the composite supply (see
     * the class comment): description {@value #SHIPPING_DESCRIPTION}, quantity 1, unit
     * {@value #SHIPPING_UNIT}, and the HSN, GST rate and cess rate of the principal line — the
     * line with the highest GST rate, the larger value (quantity × price − discount) breaking
     * ties. The charge is on the same price basis as the goods.
     *
     * @throws IllegalArgumentException if the charge is not positive or there are no goods lines
     */
    public static InvoiceLine shippingLine(Money charge, List<InvoiceLine> goods) {
        Objects.requireNonNull(charge, "charge");
        if (charge.signum() <= 0) {
            throw new IllegalArgumentException("shipping charge must be positive, found " + charge);
        }
        if (goods == null || goods.isEmpty()) {
            throw new IllegalArgumentException("shipping needs at least one goods line to follow");
        }
        InvoiceLine principal = goods.stream()
                .max(Comparator.comparing(InvoiceLine::rate)
                        .thenComparing(l -> l.unitPrice().times(l.quantity(), ROUNDING).minus(l.discount())))
                .orElseThrow();
        return new InvoiceLine(SHIPPING_DESCRIPTION, principal.hsnSac(), BigDecimal.ONE, SHIPPING_UNIT,
                charge, Money.ZERO, principal.rate(), principal.cessRate());
    }

    /** The goods lines followed by a shipping line, or the goods alone when the charge is zero. */
    public static List<InvoiceLine> withShipping(List<InvoiceLine> goods, Money charge) {
        if (charge == null || charge.isZero()) {
            return List.copyOf(goods);
        }
        List<InvoiceLine> all = new ArrayList<>(goods);
        all.add(shippingLine(charge, goods));
        return List.copyOf(all);
    }
}
