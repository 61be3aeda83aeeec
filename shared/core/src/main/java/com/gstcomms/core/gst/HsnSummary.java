package com.gstcomms.core.gst;

import com.gstcomms.core.money.Money;
import com.gstcomms.core.money.Rate;

/**
 * Totals of the lines with one HSN/SAC code at one GST rate: the HSN-wise summary printed on
 * invoices and reported in GSTR-1 Table 12. Quantities are not summed here because lines with
 * the same code may use different units.
 */
public record HsnSummary(String hsnSac, Rate rate, Money taxableValue, Money cgst, Money sgst, Money igst,
                         Money cess) {

    public Money totalTax() {
        return cgst.plus(sgst).plus(igst).plus(cess);
    }
}
