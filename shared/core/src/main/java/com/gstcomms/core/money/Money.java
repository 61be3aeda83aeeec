package com.gstcomms.core.money;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An exact amount of Indian rupees, held as a whole number of paise.
 *
 * <p>Why paise in a {@code long}: GST figures on a tax invoice (CGST Rule 46) must add up to the
 * paisa, and binary floating point cannot represent 0.10 exactly. A {@code long} of paise covers
 * ±9.2 × 10<sup>16</sup> rupees, far beyond any invoice, and makes addition exact and cheap.
 * Every operation that can produce a fraction of a paisa (multiplying by a fractional quantity,
 * taking a percentage) takes an explicit {@link RoundingMode}, so the rounding rule is always
 * visible at the call site.
 *
 * <p>The text form, used in JSON and CSV, is a plain decimal string with exactly two places:
 * {@code "1234.50"}, {@code "-0.05"}. Amounts may be negative (round-off, credit notes).
 */
public record Money(long paise) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** Optional minus, digits, optional '.' with one or two digits. No grouping, no exponent. */
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d{1,2})?");
    /** Longer text cannot be an amount a long of paise holds (19 digits, sign, point, two places). */
    private static final int MAX_TEXT = 24;

    public static Money ofPaise(long paise) {
        return new Money(paise);
    }

    public static Money ofRupees(long rupees) {
        return new Money(Math.multiplyExact(rupees, 100L));
    }

    /**
     * An amount from a {@link BigDecimal} with at most two decimal places.
     *
     * @throws ArithmeticException if the value has a non-zero third decimal place; use
     *                             {@link #of(BigDecimal, RoundingMode)} to round on purpose
     */
    public static Money of(BigDecimal rupees) {
        return of(rupees, RoundingMode.UNNECESSARY);
    }

    /** An amount from a {@link BigDecimal}, rounded to paise with the given mode. */
    public static Money of(BigDecimal rupees, RoundingMode rounding) {
        Objects.requireNonNull(rupees, "rupees");
        Objects.requireNonNull(rounding, "rounding");
        return new Money(rupees.movePointRight(2).setScale(0, rounding).longValueExact());
    }

    /**
     * Parses a decimal string such as {@code "1234.50"}, {@code "1234.5"}, {@code "1234"} or
     * {@code "-12.00"} (surrounding whitespace is ignored).
     *
     * @throws IllegalArgumentException naming the text when it is not such a string: grouping
     *                                  commas, currency symbols, exponents and more than two
     *                                  decimal places are rejected rather than guessed at
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Money parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("amount is missing");
        }
        String trimmed = text.strip();
        // Length first: the pattern and BigDecimal would read a thousand digits, and longValueExact would
        // then throw ArithmeticException (not an input error) for more paise than a long holds.
        if (trimmed.length() > MAX_TEXT || !DECIMAL.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("amount '" + (trimmed.length() > MAX_TEXT
                    ? trimmed.substring(0, MAX_TEXT) + "…" : text)
                    + "' is not a decimal number with at most two places, like 1234.50");
        }
        try {
            return of(new BigDecimal(trimmed));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount '" + text + "' is too large", e);
        }
    }

    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(paise, 2);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(paise, other.paise));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(paise, other.paise));
    }

    public Money negate() {
        return new Money(Math.negateExact(paise));
    }

    /** This amount times a whole quantity; exact. */
    public Money times(long quantity) {
        return new Money(Math.multiplyExact(paise, quantity));
    }

    /** This amount times a possibly fractional quantity (1.5 kg), rounded to paise. */
    public Money times(BigDecimal quantity, RoundingMode rounding) {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(rounding, "rounding");
        return new Money(BigDecimal.valueOf(paise).multiply(quantity).setScale(0, rounding).longValueExact());
    }

    /** {@code percent}% of this amount, rounded to paise: {@code 1000.00.percent(18) = 180.00}. */
    public Money percent(BigDecimal percent, RoundingMode rounding) {
        Objects.requireNonNull(percent, "percent");
        Objects.requireNonNull(rounding, "rounding");
        return new Money(BigDecimal.valueOf(paise).multiply(percent)
                .divide(HUNDRED, 0, rounding).longValueExact());
    }

    /** {@code rate} of this amount, rounded to paise. */
    public Money percent(Rate rate, RoundingMode rounding) {
        return percent(rate.percent(), rounding);
    }

    /** This amount rounded to whole rupees, e.g. with HALF_UP per CGST Act s.170. */
    public Money roundToRupees(RoundingMode rounding) {
        return new Money(BigDecimal.valueOf(paise).divide(HUNDRED, 0, rounding).longValueExact() * 100L);
    }

    public static Money sum(Iterable<Money> amounts) {
        Money total = ZERO;
        for (Money amount : amounts) {
            total = total.plus(amount);
        }
        return total;
    }

    public boolean isZero() {
        return paise == 0;
    }

    public boolean isNegative() {
        return paise < 0;
    }

    public int signum() {
        return Long.signum(paise);
    }

    public Money abs() {
        return paise < 0 ? negate() : this;
    }

    /** Whole rupees, truncated toward zero. */
    public long rupeesPart() {
        return paise / 100;
    }

    /** Paise beyond whole rupees, 0–99, same sign as the amount. */
    public int paisePart() {
        return (int) (paise % 100);
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(paise, other.paise);
    }

    /** The decimal string with two places, e.g. {@code "1234.50"}. */
    @JsonValue
    @Override
    public String toString() {
        return toBigDecimal().toPlainString();
    }
}
