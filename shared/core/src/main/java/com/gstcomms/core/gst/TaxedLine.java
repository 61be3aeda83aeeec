package com.gstcomms.core.gst;

import com.gstcomms.core.money.Money;
import com.gstcomms.core.money.Rate;

/**
 * One invoice line with its tax worked out by {@link GstCalculator}; every amount in paise.
 * For an intra-state supply the IGST rate and amount are zero; for inter-state, CGST and SGST.
 *
 * @param gross        quantity × unit price, rounded half-up to paise (on the invoice's price basis)
 * @param discount     the line's discount (on the invoice's price basis)
 * @param taxableValue the value tax is charged on (CGST Act s.15)
 * @param total        taxable value plus every tax of the line
 */
public record TaxedLine(InvoiceLine line,
                        Money gross, Money discount, Money taxableValue,
                        Rate cgstRate, Money cgst,
                        Rate sgstRate, Money sgst,
                        Rate igstRate, Money igst,
                        Rate cessRate, Money cess,
                        Money total) {

    /** CGST + SGST + IGST + cess. */
    public Money totalTax() {
        return cgst.plus(sgst).plus(igst).plus(cess);
    }
}
