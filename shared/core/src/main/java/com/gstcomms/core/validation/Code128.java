package com.gstcomms.core.validation;

import java.util.Optional;

/**
 * What a Code 128 barcode can carry — the symbology couriers print AWB numbers in: printable ASCII only
 * (space to '~'). The one rule for the label renderer (shared/documents) and for the API that takes AWB
 * numbers, so a number the API accepts is always one the label can print.
 */
public final class Code128 {

    private Code128() {
    }

    /** Why {@code text} cannot be a Code 128 barcode ("has 'é' at position 4; …"), or empty when it can. */
    public static Optional<String> problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 32 || c > 126) {
                return Optional.of("has '" + c + "' at position " + (i + 1)
                        + "; a Code 128 barcode carries only printable ASCII (letters, digits, spaces, punctuation)");
            }
        }
        return Optional.empty();
    }
}
