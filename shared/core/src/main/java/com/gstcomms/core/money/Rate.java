package com.gstcomms.core.money;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A tax rate in percent: GST 0, 0.25, 3, 5, 18, 40, a cess of 12.5 or 290 …
 *
 * <p>Rates are data, never a fixed list in code: the GST Council changes the slabs (the 2025
 * reform added 40%), and cess rates vary widely. The only rule enforced is that a rate is not
 * negative. The value is kept normalised (no trailing zeros, never in exponent form), so
 * {@code Rate.of("18.00").equals(Rate.of("18"))} and it prints as {@code "18"}.
 */
public record Rate(BigDecimal percent) implements Comparable<Rate> {

    public static final Rate ZERO = new Rate(BigDecimal.ZERO);

    public Rate {
        Objects.requireNonNull(percent, "percent");
        if (percent.signum() < 0) {
            throw new IllegalArgumentException("rate " + percent.toPlainString() + "% is negative");
        }
        percent = normalise(percent);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Rate of(BigDecimal percent) {
        return new Rate(percent);
    }

    /** Parses {@code "18"}, {@code "2.5"}, {@code "0.25"}; a trailing {@code '%'} is allowed. */
    public static Rate of(String percent) {
        if (percent == null || percent.isBlank()) {
            throw new IllegalArgumentException("rate is missing");
        }
        String text = percent.strip();
        if (text.endsWith("%")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        try {
            return new Rate(new BigDecimal(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rate '" + percent + "' is not a number", e);
        }
    }

    public static Rate of(long percent) {
        return new Rate(BigDecimal.valueOf(percent));
    }

    /** Half this rate, exactly: the CGST and SGST share of a GST rate (18 → 9, 0.25 → 0.125). */
    public Rate half() {
        return new Rate(percent.divide(BigDecimal.TWO));
    }

    public Rate plus(Rate other) {
        return new Rate(percent.add(other.percent));
    }

    public boolean isZero() {
        return percent.signum() == 0;
    }

    @Override
    public int compareTo(Rate other) {
        return percent.compareTo(other.percent);
    }

    /** Serialised as a JSON number, e.g. {@code 18} or {@code 2.5}. */
    @JsonValue
    public BigDecimal percent() {
        return percent;
    }

    @Override
    public String toString() {
        return percent.toPlainString();
    }

    private static BigDecimal normalise(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
