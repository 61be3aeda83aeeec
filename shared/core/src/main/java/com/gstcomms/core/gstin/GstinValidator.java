package com.gstcomms.core.gstin;

import com.gstcomms.core.state.IndianState;
import com.gstcomms.core.validation.Validated;

import java.util.Locale;
import java.util.Optional;

/**
 * Checks a GSTIN of the normal taxpayer format and says exactly what is wrong with it.
 *
 * <p>Format (positions 1-based):
 * <pre>
 *   1–2   state code         01–38 or 97, see {@link IndianState}
 *   3–12  PAN of the holder  5 letters, 4 digits, 1 letter
 *   13    entity code        1–9 or A–Z: the nth registration of this PAN in the state
 *   14    'Z'                by default
 *   15    check character    Luhn mod 36 over positions 1–14, alphabet 0–9A–Z
 * </pre>
 *
 * <p>Input is normalised first: surrounding whitespace removed, letters upper-cased.
 * Checks run in the order above, and the first failure is reported, e.g.
 * {@code "GSTIN must be 15 characters, found 14"}, {@code "GSTIN state code 39 does not exist"},
 * {@code "GSTIN check character is wrong: expected V, found X"}.
 *
 * <p>Not supported, and rejected by the state-code or PAN check: the special formats of
 * non-resident OIDAR providers (state code 99, e.g. {@code 9917USA…}), UN bodies and embassies
 * (Unique Identity Numbers with {@code UN} in place of part of the PAN), and TDS/TCS
 * registrations built on a TAN. Legacy code 25 (Daman and Diu, merged into 26) is accepted
 * because GSTINs issued with it remain on old records; code 96 (Foreign Country) is not, since
 * no GSTIN is issued abroad.
 */
public final class GstinValidator {

    static final String FIELD = "gstin";
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final int LENGTH = 15;

    private GstinValidator() {
    }

    /** Validates and normalises a GSTIN. */
    public static Validated<Gstin> validate(String input) {
        if (input == null || input.isBlank()) {
            return invalid("GSTIN is missing");
        }
        String gstin = input.strip().toUpperCase(Locale.ROOT);
        if (gstin.length() != LENGTH) {
            return invalid("GSTIN must be 15 characters, found " + gstin.length());
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = gstin.charAt(i);
            if (ALPHABET.indexOf(c) < 0) {
                return invalid("GSTIN has an invalid character '" + c + "' at position " + (i + 1)
                        + "; only digits and letters A-Z are allowed");
            }
        }
        String stateCode = gstin.substring(0, 2);
        if (!isDigit(stateCode.charAt(0)) || !isDigit(stateCode.charAt(1))) {
            return invalid("GSTIN must start with a 2-digit state code, found '" + stateCode + "'");
        }
        Optional<String> stateProblem = stateCodeProblem(stateCode);
        if (stateProblem.isPresent()) {
            return invalid(stateProblem.get());
        }
        for (int i = 2; i < 12; i++) {
            char c = gstin.charAt(i);
            boolean wantDigit = i >= 7 && i <= 10;
            if (wantDigit ? !isDigit(c) : !isLetter(c)) {
                return invalid("GSTIN PAN part (positions 3-12, 5 letters, 4 digits, 1 letter) is wrong at position "
                        + (i + 1) + ": expected a " + (wantDigit ? "digit" : "letter") + ", found '" + c + "'");
            }
        }
        char entity = gstin.charAt(12);
        if (entity == '0') {
            return invalid("GSTIN entity code at position 13 must be 1-9 or A-Z, found '0'");
        }
        char fourteenth = gstin.charAt(13);
        if (fourteenth != 'Z') {
            return invalid("GSTIN 14th character must be 'Z', found '" + fourteenth + "'");
        }
        char expected = checkCharacter(gstin.substring(0, 14));
        char found = gstin.charAt(14);
        if (expected != found) {
            return invalid("GSTIN check character is wrong: expected " + expected + ", found " + found);
        }
        return Validated.valid(new Gstin(gstin));
    }

    /**
     * The check character for the first 14 characters of a GSTIN: Luhn mod N with N = 36.
     * From the left, each character's value (0–9 → 0–9, A–Z → 10–35) is multiplied alternately
     * by 1 and 2; each product contributes its base-36 digit sum (product / 36 + product % 36);
     * the check value is (36 − sum mod 36) mod 36.
     *
     * @throws IllegalArgumentException if the input is not 14 characters of 0–9A–Z
     */
    public static char checkCharacter(String first14) {
        if (first14 == null || first14.length() != 14) {
            throw new IllegalArgumentException("need the first 14 characters of a GSTIN");
        }
        int sum = 0;
        for (int i = 0; i < 14; i++) {
            int value = ALPHABET.indexOf(first14.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("invalid GSTIN character '" + first14.charAt(i) + "'");
            }
            int product = value * (i % 2 == 0 ? 1 : 2);
            sum += product / 36 + product % 36;
        }
        return ALPHABET.charAt((36 - sum % 36) % 36);
    }

    private static Optional<String> stateCodeProblem(String code) {
        return switch (code) {
            case "96" -> Optional.of("GSTIN state code 96 (Foreign Country) is not used in GSTINs");
            case "99" -> Optional.of("GSTIN state code 99 (Centre Jurisdiction, non-resident OIDAR) is not supported");
            case "28" -> Optional.of("GSTIN state code 28 (Andhra Pradesh before 2014) is not used in GSTINs;"
                    + " Andhra Pradesh is 37");
            default -> IndianState.byCode(code).isPresent()
                    ? Optional.empty()
                    : Optional.of("GSTIN state code " + code + " does not exist");
        };
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static Validated<Gstin> invalid(String reason) {
        return Validated.invalid(FIELD, reason);
    }
}
