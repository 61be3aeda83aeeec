package com.gstcomms.core.gst;

import com.gstcomms.core.money.Money;
import com.gstcomms.core.money.Rate;

/** Totals of the lines charged at one GST rate: the rate-wise tax table of an invoice. */
public record RateSummary(Rate rate, Money taxableValue, Money cgst, Money sgst, Money igst, Money cess) {

    public Money totalTax() {
        return cgst.plus(sgst).plus(igst).plus(cess);
    }
}
