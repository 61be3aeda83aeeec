package com.gstcomms.imports;

import java.util.Locale;

/** Column names as a merchant sees them in a spreadsheet, and the matching of headings. */
public final class Columns {

    private Columns() {
    }

    /** 0 → A, 25 → Z, 26 → AA. */
    public static String letter(int index) {
        StringBuilder letters = new StringBuilder();
        int n = index + 1;
        while (n > 0) {
            int rem = (n - 1) % 26;
            letters.insert(0, (char) ('A' + rem));
            n = (n - 1) / 26;
        }
        return letters.toString();
    }

    /**
     * The form headings are compared in: case and spacing ignored, and the punctuation people vary
     * ("HSN/SAC", "hsn_sac", "HSN SAC" are one heading), i.e. only letters and digits, lower case.
     */
    public static String normalise(String heading) {
        StringBuilder key = new StringBuilder(heading.length());
        heading.strip().toLowerCase(Locale.ROOT).codePoints()
                .filter(Character::isLetterOrDigit)
                .forEach(key::appendCodePoint);
        return key.toString();
    }
}
