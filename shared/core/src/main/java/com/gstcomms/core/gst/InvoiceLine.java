package com.gstcomms.core.gst;

import com.gstcomms.core.money.Money;
import com.gstcomms.core.money.Rate;
import com.gstcomms.core.validation.Bounded;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of a tax invoice as the merchant entered it, before tax is worked out: the
 * Rule 46 fields description, HSN/SAC, quantity, unit, value and discount, plus the GST rate and
 * an optional compensation cess rate.
 *
 * @param description what was supplied
 * @param hsnSac      HSN (goods) or SAC (services) code; checked by
 *                    {@link com.gstcomms.core.validation.HsnSac}, not here
 * @param quantity    positive, may be fractional (1.5 KGS)
 * @param unit        unit quantity code, e.g. NOS, KGS, MTR, OTH
 * @param unitPrice   price of one unit, inclusive or exclusive of tax as the invoice's
 *                    {@link PriceBasis} says
 * @param discount    discount on the whole line (not per unit), on the same basis as the price;
 *                    an invoice-level discount must be apportioned to lines by the caller
 * @param rate        the GST rate (IGST rate; CGST and SGST are half each)
 * @param cessRate    compensation cess rate, {@link Rate#ZERO} when there is none
 */
public record InvoiceLine(String description, String hsnSac, BigDecimal quantity, String unit,
                          Money unitPrice, Money discount, Rate rate, Rate cessRate) {

    public InvoiceLine {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(hsnSac, "hsnSac");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(rate, "rate");
        discount = discount == null ? Money.ZERO : discount;
        cessRate = cessRate == null ? Rate.ZERO : cessRate;
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("quantity must be positive, found " + quantity.toPlainString());
        }
        if (unitPrice.isNegative()) {
            throw new IllegalArgumentException("unit price must not be negative, found " + unitPrice);
        }
        if (discount.isNegative()) {
            throw new IllegalArgumentException("discount must not be negative, found " + discount);
        }
        // The one bounded-number rule, before any arithmetic: 1E+999999999 units would hang the calculator.
        Bounded.QUANTITY.check(quantity).orElseThrow();
        Bounded.UNIT_PRICE.check("unit price", unitPrice).orElseThrow();
        Bounded.DISCOUNT.check("discount", discount).orElseThrow();
        Bounded.GST_RATE.check("GST rate", rate.percent()).orElseThrow();
        Bounded.CESS_RATE.check("cess rate", cessRate.percent()).orElseThrow();
    }

    /** A line without discount or cess. */
    public static InvoiceLine of(String description, String hsnSac, BigDecimal quantity, String unit,
                                 Money unitPrice, Rate rate) {
        return new InvoiceLine(description, hsnSac, quantity, unit, unitPrice, Money.ZERO, rate, Rate.ZERO);
    }

    public InvoiceLine withDiscount(Money discount) {
        return new InvoiceLine(description, hsnSac, quantity, unit, unitPrice, discount, rate, cessRate);
    }

    public InvoiceLine withCessRate(Rate cessRate) {
        return new InvoiceLine(description, hsnSac, quantity, unit, unitPrice, discount, rate, cessRate);
    }
}
