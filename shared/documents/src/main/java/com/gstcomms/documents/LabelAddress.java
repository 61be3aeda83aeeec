package com.gstcomms.documents;

import com.gstcomms.core.validation.PinCode;
import com.gstcomms.core.validation.Validated;

import java.util.List;

/**
 * An address on a shipping label.
 *
 * @param lines the street, area and city, one printed line each (the PIN is printed on its own, large)
 * @param pin   the six-digit Indian PIN code (couriers sort by it)
 * @param phone or null
 */
public record LabelAddress(String name, List<String> lines, String pin, String phone) {

    /**
     * @param role "to" or "from", used in error messages and field names
     */
    public static LabelAddress of(String role, String name, List<String> lines, String pin, String phone) {
        String n = Fields.required(name, role + ".name", "the " + role + " name");
        List<String> l = Fields.lines(lines);
        if (l.isEmpty()) {
            throw new DocumentDataException(role + ".address", "the " + role + " address is missing");
        }
        Validated<String> checkedPin = PinCode.validate(pin);
        if (checkedPin instanceof Validated.Invalid<String> bad) {
            throw new DocumentDataException(role + ".pin", "the " + role + " address's " + bad.reason());
        }
        return new LabelAddress(n, l, checkedPin.orElseThrow(), Fields.optional(phone));
    }

    public LabelAddress {
        lines = List.copyOf(lines);
    }
}
