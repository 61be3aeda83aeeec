package com.gstcomms.documents;

import com.gstcomms.core.money.Money;

import java.util.Objects;

/**
 * What a courier's 4×6 inch label shows: the courier, the AWB (air waybill) number as a Code 128
 * barcode, where the parcel goes and where it returns, the order number, the weight, and whether the
 * courier collects cash on delivery (with the amount) or the order is prepaid.
 *
 * @param codAmount   cash to collect on delivery; zero or null for a prepaid order
 * @param weightGrams the parcel's weight, or null when not weighed
 * @param invoiceNo   the tax invoice travelling with the goods, or null
 */
public record ShippingLabel(String courier, String awb, String orderRef, LabelAddress from, LabelAddress to,
                            Money codAmount, Integer weightGrams, String invoiceNo) {

    public ShippingLabel {
        courier = Fields.required(courier, "courier", "the courier's name");
        awb = Fields.required(awb, "awb", "the AWB number");
        orderRef = Fields.required(orderRef, "orderRef", "the order number");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        codAmount = codAmount == null ? Money.ZERO : codAmount;
        if (codAmount.isNegative()) {
            throw new DocumentDataException("codAmount", "order " + orderRef + " has a negative COD amount " + codAmount);
        }
        if (weightGrams != null && weightGrams <= 0) {
            throw new DocumentDataException("weightGrams", "order " + orderRef + " has a weight of " + weightGrams
                    + " g; it must be positive or left out");
        }
        Barcodes.code128(awb, "awb"); // refuses an AWB the barcode cannot carry, before anything is drawn
        invoiceNo = Fields.optional(invoiceNo);
    }

    public boolean isCashOnDelivery() {
        return codAmount.signum() > 0;
    }
}
