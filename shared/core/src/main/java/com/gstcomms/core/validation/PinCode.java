package com.gstcomms.core.validation;

/**
 * Indian postal index numbers: six digits, the first 1–9 (1–8 are postal regions, 9 the Army
 * Postal Service). A space after the third digit, as sometimes written ("411 001"), is removed.
 */
public final class PinCode {

    static final String FIELD = "pinCode";

    private PinCode() {
    }

    public static Validated<String> validate(String input) {
        if (input == null || input.isBlank()) {
            return invalid("PIN code is missing");
        }
        String pin = input.strip().replace(" ", "");
        if (!pin.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return invalid("PIN code '" + input.strip() + "' must contain only digits");
        }
        if (pin.length() != 6) {
            return invalid("PIN code '" + pin + "' must be 6 digits, found " + pin.length());
        }
        if (pin.charAt(0) == '0') {
            return invalid("PIN code '" + pin + "' must not start with 0");
        }
        return Validated.valid(pin);
    }

    private static Validated<String> invalid(String reason) {
        return Validated.invalid(FIELD, reason);
    }
}
