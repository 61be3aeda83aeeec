package com.gstcomms.core.validation;

/**
 * HSN (goods) and SAC (services) codes as printed on a tax invoice (CGST Rule 46(g);
 * Notification 78/2020-Central Tax: 4 digits below ₹5 crore turnover, 6 above, 8 for exports
 * and e-invoices).
 *
 * <p>Accepted: 4, 6 or 8 digits. Spaces and dots used in tariff books ("7323 93 10",
 * "7323.93") are removed. A code starting with 99 is a SAC (services, chapter 99 of the scheme
 * of classification); SACs have at most 6 digits, so an 8-digit code starting with 99 is
 * rejected. Goods chapters run 01–98, so chapter 00 is rejected.
 */
public final class HsnSac {

    static final String FIELD = "hsnSac";

    private HsnSac() {
    }

    public static Validated<String> validate(String input) {
        if (input == null || input.isBlank()) {
            return invalid("HSN/SAC code is missing");
        }
        String code = input.strip().replace(" ", "").replace(".", "");
        if (!code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return invalid("HSN/SAC code '" + input.strip() + "' must contain only digits");
        }
        if (code.length() != 4 && code.length() != 6 && code.length() != 8) {
            return invalid("HSN/SAC code '" + code + "' must have 4, 6 or 8 digits, found " + code.length());
        }
        if (code.startsWith("00")) {
            return invalid("HSN/SAC code '" + code + "' has chapter 00, which does not exist");
        }
        if (isService(code) && code.length() == 8) {
            return invalid("SAC code '" + code + "' has 8 digits; service codes (starting 99) have 4 or 6");
        }
        return Validated.valid(code);
    }

    /** Whether a (valid) code is a SAC, i.e. a service: it starts with 99. */
    public static boolean isService(String code) {
        return code != null && code.startsWith("99");
    }

    private static Validated<String> invalid(String reason) {
        return Validated.invalid(FIELD, reason);
    }
}
