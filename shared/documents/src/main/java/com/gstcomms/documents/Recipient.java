package com.gstcomms.documents;

import com.gstcomms.core.gstin.Gstin;
import com.gstcomms.core.gstin.GstinValidator;
import com.gstcomms.core.validation.Validated;

import java.util.List;

/**
 * The buyer on a tax invoice (CGST Rule 46(d)/(e)): name and billing address always, GSTIN when
 * registered, and the delivery address when it differs from the billing address.
 *
 * @param shippingAddress the delivery address, or empty; not printed when it equals the billing address
 */
public record Recipient(String name, String gstin, List<String> billingAddress, List<String> shippingAddress) {

    public Recipient {
        name = Fields.required(name, "recipient.name", "the recipient's name");
        gstin = Fields.optional(gstin);
        if (gstin != null) {
            Validated<Gstin> checked = GstinValidator.validate(gstin);
            if (checked instanceof Validated.Invalid<Gstin> bad) {
                throw new DocumentDataException("recipient.gstin", "recipient " + bad.reason());
            }
            gstin = checked.orElseThrow().value();
        }
        billingAddress = Fields.lines(billingAddress);
        shippingAddress = Fields.lines(shippingAddress);
    }

    public boolean isRegistered() {
        return gstin != null;
    }

    /** Whether a separate "Ship to" block is printed. */
    public boolean shipsElsewhere() {
        return !shippingAddress.isEmpty() && !Fields.sameText(shippingAddress, billingAddress);
    }
}
