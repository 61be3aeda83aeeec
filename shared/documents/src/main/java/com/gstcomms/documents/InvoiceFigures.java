package com.gstcomms.documents;

import com.gstcomms.core.gst.GstCalculator;
import com.gstcomms.core.gst.InvoiceLine;
import com.gstcomms.core.gst.PriceBasis;
import com.gstcomms.core.gst.SupplyType;
import com.gstcomms.core.gst.TaxedInvoice;
import com.gstcomms.core.gst.TaxedLine;
import com.gstcomms.core.money.Money;
import com.gstcomms.core.money.Rate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The figures of an invoice that was already issued, as they were recorded (in the database).
 *
 * <p>An issued invoice is a legal document: a reprint must show the figures it was issued with, not
 * figures worked out again (a later change to the rounding rule must not change old invoices). So
 * this takes the recorded line figures as they are and only checks that they add up the way
 * {@link GstCalculator} guarantees for new invoices — each line's taxable value plus its taxes is
 * its total, the header totals are the sums of the lines, the round-off makes the grand total, the
 * tax columns match the supply type, and CGST and SGST are the two halves of one tax (equal, or CGST a
 * paisa more on invoices issued before the odd paisa went to the taxable value). Figures that do not add up are refused with the line and
 * amount at fault: printing them would give the buyer a tax invoice that contradicts itself.
 */
public final class InvoiceFigures {

    private InvoiceFigures() {
    }

    /** One recorded line: what was entered and the tax recorded for it. */
    public record RecordedLine(InvoiceLine line, Money taxableValue, Money cgst, Money sgst, Money igst, Money cess,
                               Money total) {
        public RecordedLine {
            Objects.requireNonNull(line, "line");
            Objects.requireNonNull(taxableValue, "taxableValue");
            cgst = cgst == null ? Money.ZERO : cgst;
            sgst = sgst == null ? Money.ZERO : sgst;
            igst = igst == null ? Money.ZERO : igst;
            cess = cess == null ? Money.ZERO : cess;
            Objects.requireNonNull(total, "total");
        }
    }

    /** The recorded header totals. */
    public record RecordedTotals(Money taxableValue, Money cgst, Money sgst, Money igst, Money cess, Money roundOff,
                                 Money grandTotal) {
    }

    /**
     * @throws DocumentDataException naming the line and amount when the figures do not add up
     */
    public static TaxedInvoice recorded(SupplyType supplyType, PriceBasis basis, List<RecordedLine> lines,
                                        RecordedTotals totals) {
        Objects.requireNonNull(supplyType, "supplyType");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(totals, "totals");
        if (lines == null || lines.isEmpty()) {
            throw new DocumentDataException("lines", "the invoice has no lines");
        }
        List<TaxedLine> taxed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            taxed.add(line(i + 1, lines.get(i), supplyType));
        }
        Money roundOff = totals.roundOff() == null ? Money.ZERO : totals.roundOff();
        TaxedInvoice invoice = TaxedInvoice.ofLines(supplyType, basis, taxed, roundOff);
        agree("taxableTotal", "taxable value", totals.taxableValue(), invoice.taxableTotal());
        agree("cgst", "CGST", totals.cgst(), invoice.cgst());
        agree("sgst", "SGST", totals.sgst(), invoice.sgst());
        agree("igst", "IGST", totals.igst(), invoice.igst());
        agree("cess", "cess", totals.cess(), invoice.cess());
        if (totals.grandTotal() == null || !invoice.grandTotal().equals(totals.grandTotal())) {
            throw new DocumentDataException("grandTotal", "the grand total " + totals.grandTotal()
                    + " is not the lines' total " + invoice.totalBeforeRoundOff() + " with the round-off " + roundOff);
        }
        return invoice;
    }

    private static TaxedLine line(int no, RecordedLine r, SupplyType supplyType) {
        String where = "line " + no + " (" + r.line().description() + ")";
        Money gross = r.line().unitPrice().times(r.line().quantity(), GstCalculator.ROUNDING);
        Money sum = r.taxableValue().plus(r.cgst()).plus(r.sgst()).plus(r.igst()).plus(r.cess());
        if (!sum.equals(r.total())) {
            throw new DocumentDataException("lines[" + no + "].total", where + ": taxable value " + r.taxableValue()
                    + " plus taxes is " + sum + ", but the recorded line total is " + r.total());
        }
        Rate rate = r.line().rate();
        if (supplyType == SupplyType.INTRA_STATE) {
            if (!r.igst().isZero()) {
                throw new DocumentDataException("lines[" + no + "].igst", where + " carries IGST " + r.igst()
                        + " on an intra-state invoice, which is taxed with CGST and SGST");
            }
            // CGST = SGST is the rule; invoices issued before it may carry CGST a paisa above SGST (it took
            // the odd paisa of a tax-inclusive split) and print as issued. Any other gap is not a split.
            long gap = r.cgst().minus(r.sgst()).paise();
            if (gap < 0 || gap > 1) {
                throw new DocumentDataException("lines[" + no + "].sgst", where + ": CGST " + r.cgst() + " and SGST "
                        + r.sgst() + " are not the two halves of one tax");
            }
            return new TaxedLine(r.line(), gross, r.line().discount(), r.taxableValue(), rate.half(), r.cgst(),
                    rate.half(), r.sgst(), Rate.ZERO, Money.ZERO, r.line().cessRate(), r.cess(), r.total());
        }
        if (!r.cgst().isZero() || !r.sgst().isZero()) {
            throw new DocumentDataException("lines[" + no + "].cgst", where + " carries CGST/SGST on an "
                    + "inter-state invoice, which is taxed with IGST");
        }
        return new TaxedLine(r.line(), gross, r.line().discount(), r.taxableValue(), Rate.ZERO, Money.ZERO,
                Rate.ZERO, Money.ZERO, rate, r.igst(), r.line().cessRate(), r.cess(), r.total());
    }

    private static void agree(String field, String what, Money recorded, Money lines) {
        if (recorded == null || !recorded.equals(lines)) {
            throw new DocumentDataException(field, "the invoice's " + what + " " + recorded
                    + " is not the sum of its lines, " + lines);
        }
    }
}
