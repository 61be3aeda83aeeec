package com.gstcomms.core.validation;

import com.gstcomms.core.money.Money;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The range and decimal places a number may have, checked <em>before</em> any arithmetic.
 *
 * <p>Why before: a {@link BigDecimal} holds {@code 1E+999999999} in a few bytes, but multiplying it,
 * {@code setScale} or {@code toPlainString} builds the billion-digit number (a request that hung a
 * function), and {@code 1E+30} paise overflow a {@code long} (a 500). Comparing with {@code compareTo}
 * looks at the exponent first, and {@code stripTrailingZeros} works on the unscaled digits (at most the
 * JSON parser's number length), so this check costs nothing however large the exponent.
 *
 * <p>The limits are where GST documents and the tables end: a quantity is {@code numeric(14, 3)} and a
 * rate {@code numeric(5, 2)} in PostgreSQL; amounts are kept so that 500 lines with the highest rates
 * (GST 100 % + cess 400 %) still add up inside a {@code long} of paise. Every request field and every CSV
 * cell of the same kind uses the same constant here, so the API and the imports cannot disagree.
 *
 * @param name        the field's name in messages, e.g. {@code quantity}
 * @param min         lowest value
 * @param minIncluded whether {@code min} itself is allowed (a quantity must be more than 0)
 * @param max         highest value (included)
 * @param maxScale    most decimal places, after trailing zeros (18.000 is 18)
 */
public record Bounded(String name, BigDecimal min, boolean minIncluded, BigDecimal max, int maxScale) {

    /** Units of one line: more than 0, at most 10 lakh, 3 decimals (1.250 KGS); invoice_line.quantity. */
    public static final Bounded QUANTITY = new Bounded("quantity", BigDecimal.ZERO, false, new BigDecimal("1000000"), 3);
    /** ₹1 crore per unit at most, in paise. */
    public static final Bounded UNIT_PRICE = new Bounded("unitPrice", BigDecimal.ZERO, true, new BigDecimal("10000000"), 2);
    /** A line's or an order's discount: not more than a unit price may be. */
    public static final Bounded DISCOUNT = new Bounded("discount", BigDecimal.ZERO, true, new BigDecimal("10000000"), 2);
    public static final Bounded SHIPPING_CHARGE = new Bounded("shippingCharge", BigDecimal.ZERO, true, new BigDecimal("10000000"), 2);
    /** An order total as a CSV states it (checked against our figures): at most what 500 lines can reach. */
    public static final Bounded ORDER_TOTAL = new Bounded("total", BigDecimal.ZERO, true, new BigDecimal("1000000000000000"), 2);
    /** GST rate in percent: 0 to 100, two decimals (numeric(5, 2); a 3-decimal rate would be stored rounded). */
    public static final Bounded GST_RATE = new Bounded("gstRate", BigDecimal.ZERO, true, BigDecimal.valueOf(100), 2);
    /** Compensation cess in percent: 0 to 400 (the highest schedule rate is 290 %), two decimals. */
    public static final Bounded CESS_RATE = new Bounded("cessRate", BigDecimal.ZERO, true, BigDecimal.valueOf(400), 2);
    /** A parcel's weight in whole grams: more than 0, at most a tonne. */
    public static final Bounded WEIGHT_GRAMS = new Bounded("weightGrams", BigDecimal.ZERO, false, BigDecimal.valueOf(1_000_000), 0);

    /**
     * Outside every bound above: what the JSON reader refuses for any {@code BigDecimal} field at all
     * ({@link JsonNumbers}), so a field that forgets its own bound still never sees {@code 1E+999999999}.
     */
    public static final Bounded ANY_NUMBER = new Bounded("number", new BigDecimal("-1E+18"), true, new BigDecimal("1E+18"), 10);

    /** Longer text is not a number of ours; refused before {@code new BigDecimal} reads it. */
    static final int MAX_TEXT = 40;

    public Bounded {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
    }

    /** The value under this rule's own name. */
    public Validated<BigDecimal> check(BigDecimal value) {
        return check(name, value);
    }

    /**
     * The value, normalised (no trailing zeros, never in exponent form), or why not, naming {@code field}.
     * A missing value is the caller's to judge (required or defaulted): here it is invalid.
     */
    public Validated<BigDecimal> check(String field, BigDecimal value) {
        if (value == null) {
            return Validated.invalid(field, field + " is required");
        }
        boolean low = minIncluded ? value.compareTo(min) < 0 : value.compareTo(min) <= 0;
        if (low || value.compareTo(max) > 0) {
            return Validated.invalid(field, field + " must be " + range() + ", found " + shown(value));
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > maxScale) {
            return Validated.invalid(field, field + " must have " + places() + ", found " + shown(value));
        }
        return Validated.valid(stripped.scale() < 0 ? stripped.setScale(0) : stripped);
    }

    /** A plain decimal as text ("1.5", "18"), as CSV cells and query strings carry numbers. */
    public Validated<BigDecimal> parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return Validated.invalid(field, field + " is required");
        }
        String trimmed = text.strip();
        if (trimmed.length() > MAX_TEXT) {
            return Validated.invalid(field, field + " must be " + range() + ", found a number of " + trimmed.length()
                    + " characters");
        }
        try {
            return check(field, new BigDecimal(trimmed));
        } catch (NumberFormatException e) {
            return Validated.invalid(field, field + " must be a number, found '" + trimmed + "'");
        }
    }

    /** An amount such as "849.00" (see {@link Money#parse}), within this rule's range. */
    public Validated<Money> money(String field, String text) {
        Money money;
        try {
            money = Money.parse(text);
        } catch (IllegalArgumentException e) {
            return Validated.invalid(field, field + ": " + e.getMessage());
        }
        return check(field, money.toBigDecimal()).map(v -> money);
    }

    /** An amount already read as {@link Money}. */
    public Validated<Money> check(String field, Money money) {
        return check(field, money == null ? null : money.toBigDecimal()).map(v -> money);
    }

    /** The range in words, e.g. "more than 0 and at most 1000000, with at most 3 decimal places". */
    public String range() {
        return (minIncluded ? "from " + min.toPlainString() + " to " : "more than " + min.toPlainString() + " and at most ")
                + max.toPlainString() + ", with " + places();
    }

    private String places() {
        return maxScale == 0 ? "no decimal places" : "at most " + maxScale + " decimal place" + (maxScale == 1 ? "" : "s");
    }

    /** The value as given, shortened: toString never expands an exponent (1E+999999999 stays so). */
    private static String shown(BigDecimal value) {
        String text = value.toString();
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text;
    }
}
