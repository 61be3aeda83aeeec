package com.gstcomms.core.gst;

import com.gstcomms.core.money.Money;

import java.util.List;

/**
 * The tax figures of a whole invoice, from {@link GstCalculator#calculate}. Every total is the
 * sum of the line figures, so the printed table adds up to the paisa:
 * {@code taxableTotal + cgst + sgst + igst + cess = totalBeforeRoundOff} and
 * {@code totalBeforeRoundOff + roundOff = grandTotal}.
 *
 * @param byRate       one entry per GST rate, lowest rate first
 * @param byHsnAndRate one entry per HSN/SAC and rate, ordered by code then rate
 * @param roundOff     signed adjustment to the nearest rupee (CGST Act s.170), between −0.49 and +0.50
 * @param grandTotal   the amount payable, a whole number of rupees
 */
public record TaxedInvoice(SupplyType supplyType, PriceBasis priceBasis,
                           List<TaxedLine> lines, List<RateSummary> byRate, List<HsnSummary> byHsnAndRate,
                           Money taxableTotal, Money cgst, Money sgst, Money igst, Money cess,
                           Money totalBeforeRoundOff, Money roundOff, Money grandTotal) {

    public TaxedInvoice {
        lines = List.copyOf(lines);
        byRate = List.copyOf(byRate);
        byHsnAndRate = List.copyOf(byHsnAndRate);
    }

    /** CGST + SGST + IGST + cess. */
    public Money totalTax() {
        return cgst.plus(sgst).plus(igst).plus(cess);
    }
}
