package com.gstcomms.core.gst;

import com.gstcomms.core.money.Money;
import com.gstcomms.core.money.Rate;

import java.math.BigDecimal;

/**
 * Totals of the lines with one HSN/SAC code, one unit quantity code and one GST rate: the HSN-wise
 * summary printed on invoices and reported in GSTR-1 Table 12, which groups by HSN, UQC and rate.
 *
 * @param uqc      the GSTN unit code of the lines ({@link Uqc#forSummary}); {@value Uqc#SERVICE} for a SAC
 * @param quantity the lines' total quantity in that unit; zero for a service, which has none
 */
public record HsnSummary(String hsnSac, String uqc, BigDecimal quantity, Rate rate, Money taxableValue, Money cgst,
                         Money sgst, Money igst, Money cess) {

    public Money totalTax() {
        return cgst.plus(sgst).plus(igst).plus(cess);
    }
}
