package com.gstcomms.documents;

import com.gstcomms.core.gstin.Gstin;
import com.gstcomms.core.gstin.GstinValidator;
import com.gstcomms.core.state.IndianState;
import com.gstcomms.core.validation.Validated;

import java.util.List;

/**
 * The supplier printed at the top of a tax invoice (CGST Rule 46(a): name, address and GSTIN).
 *
 * @param legalName    the registered legal name
 * @param tradeName    the trade name when it differs, or null
 * @param addressLines the address, one printed line each (PIN included where the shop keeps it)
 * @param state        the supplier's state, printed with its GST code
 * @param gstin        the supplier's GSTIN; its state code must be {@code state}'s
 * @param phone        or null
 * @param email        or null
 * @param upiId        the shop's UPI ID (VPA, e.g. {@code shop@okaxis}) for the payment QR code, or null
 * @param logo         the shop's logo, checked and decoded once ({@link ShopLogo}), or null
 */
public record Supplier(String legalName, String tradeName, List<String> addressLines, IndianState state,
                       String gstin, String phone, String email, String upiId, ShopLogo logo) {

    public Supplier {
        legalName = Fields.required(legalName, "supplier.legalName", "the supplier's legal name");
        tradeName = Fields.optional(tradeName);
        addressLines = Fields.lines(addressLines);
        if (addressLines.isEmpty()) {
            throw new DocumentDataException("supplier.address", "the supplier's address is missing (CGST Rule 46(a))");
        }
        if (state == null) {
            throw new DocumentDataException("supplier.state", "the supplier's state is missing (CGST Rule 46(a))");
        }
        Validated<Gstin> checked = GstinValidator.validate(gstin);
        if (checked instanceof Validated.Invalid<Gstin> bad) {
            throw new DocumentDataException("supplier.gstin", "supplier " + bad.reason());
        }
        Gstin parsed = checked.orElseThrow();
        if (parsed.state() != state) {
            throw new DocumentDataException("supplier.gstin", "supplier GSTIN " + parsed.value()
                    + " is registered in " + parsed.state().withCode() + ", not in the supplier's state "
                    + state.withCode());
        }
        gstin = parsed.value();
        phone = Fields.optional(phone);
        email = Fields.optional(email);
        upiId = Fields.optional(upiId);
    }

    /** The name to show a payer: the trade name when there is one, else the legal name. */
    public String displayName() {
        return tradeName != null ? tradeName : legalName;
    }
}
