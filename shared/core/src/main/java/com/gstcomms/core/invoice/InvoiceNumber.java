package com.gstcomms.core.invoice;

import com.gstcomms.core.validation.Validated;

import java.util.Objects;

/**
 * Tax invoice numbers as CGST Rule 46(b) requires them: "a consecutive serial number not
 * exceeding sixteen characters, in one or multiple series, containing alphabets or numerals or
 * special characters hyphen or dash and slash … unique for a financial year". Following the
 * e-invoice (IRP) schema, a number must also not start with '0', '-' or '/'.
 *
 * <p>Public API:
 * <ul>
 *   <li>{@link #validate(String)} → {@code Validated<String>}: the trimmed number, or why it is
 *       not acceptable (empty; longer than 16; a character other than A–Z, a–z, 0–9, '-', '/'
 *       with its position; starts with '0' or a symbol).</li>
 *   <li>{@link #format(String, FinancialYear, long)} → a number of one series:
 *       prefix + "/" + financial year short label + "/" + sequence zero-padded to
 *       {@value #DEFAULT_PADDING} digits, e.g. {@code INV/2627/000123}. If that would exceed 16
 *       characters the padding shrinks (down to the sequence's own digits:
 *       {@code SHOPNAME/2627/0123}); if it still does not fit it refuses with the reason.
 *       A prefix ending in '-' or '/' is used as is, without another '/'; an empty prefix gives
 *       {@code 2627/000123}.</li>
 * </ul>
 * Allocating the next sequence without gaps or duplicates under concurrency is the database's
 * job (shared/runtime), not this class's. Letters are kept in the case given; the IRP treats
 * numbers case-insensitively, so a shop should not rely on case to keep two numbers apart.
 */
public final class InvoiceNumber {

    public static final int MAX_LENGTH = 16;
    public static final int DEFAULT_PADDING = 6;
    static final String FIELD = "invoiceNumber";

    private InvoiceNumber() {
    }

    public static Validated<String> validate(String number) {
        if (number == null || number.isBlank()) {
            return invalid("invoice number is missing");
        }
        String n = number.strip();
        if (n.length() > MAX_LENGTH) {
            return invalid("invoice number '" + n + "' has " + n.length() + " characters; at most 16 are allowed");
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (!isAllowed(c)) {
                return invalid("invoice number '" + n + "' has '" + c + "' at position " + (i + 1)
                        + "; only letters, digits, '-' and '/' are allowed");
            }
        }
        char first = n.charAt(0);
        if (first == '0') {
            return invalid("invoice number '" + n + "' must not start with '0'");
        }
        if (first == '-' || first == '/') {
            return invalid("invoice number '" + n + "' must start with a letter or digit, not '" + first + "'");
        }
        return Validated.valid(n);
    }

    /**
     * The number with this sequence in the series of {@code prefix} for {@code fy}.
     *
     * @param prefix   the shop's series prefix, e.g. "INV"; may be empty; must itself be letters,
     *                 digits, '-' and '/', not starting with '0' or a symbol
     * @param sequence 1 or more
     * @throws IllegalArgumentException saying why, if the prefix is unusable or the number
     *                                  cannot fit in 16 characters
     */
    public static String format(String prefix, FinancialYear fy, long sequence) {
        Objects.requireNonNull(fy, "fy");
        if (sequence < 1) {
            throw new IllegalArgumentException("invoice sequence must be 1 or more, found " + sequence);
        }
        String p = prefix == null ? "" : prefix.strip();
        if (!p.isEmpty()) {
            Validated<String> prefixCheck = validate(p);
            if (prefixCheck instanceof Validated.Invalid<String> bad) {
                throw new IllegalArgumentException("invoice prefix is unusable: "
                        + bad.reason().replace("invoice number", "prefix"));
            }
        }
        String head = p.isEmpty() || p.endsWith("/") || p.endsWith("-")
                ? p + fy.shortLabel() + "/"
                : p + "/" + fy.shortLabel() + "/";
        String digits = Long.toString(sequence);
        int room = MAX_LENGTH - head.length();
        if (digits.length() > room) {
            int maxPrefix = p.length() - (digits.length() - room);
            throw new IllegalArgumentException("invoice number " + head + digits + " would have "
                    + (head.length() + digits.length()) + " characters; at most 16 are allowed (CGST Rule 46(b))"
                    + (maxPrefix > 0 ? "; shorten the prefix '" + p + "' to " + maxPrefix + " characters or fewer"
                                     : "; start a new series"));
        }
        int width = Math.min(DEFAULT_PADDING, room);
        return head + "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    private static boolean isAllowed(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '/';
    }

    private static Validated<String> invalid(String reason) {
        return Validated.invalid(FIELD, reason);
    }
}
