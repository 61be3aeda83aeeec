package com.gstcomms.core.invoice;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.LocalDate;
import java.time.Month;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Indian financial year, 1 April to 31 March: the period within which invoice numbers must
 * be unique (CGST Rule 46(b)). Identified by the calendar year it starts in.
 *
 * <p>Labels: {@link #label()} {@code "2026-27"} (JSON form, and the {@code {fy}} in S3 keys),
 * {@link #shortLabel()} {@code "2627"} (inside invoice numbers, where characters are scarce).
 *
 * @param startYear the calendar year of 1 April, e.g. 2026 for 2026-27
 */
public record FinancialYear(int startYear) implements Comparable<FinancialYear> {

    private static final Pattern LABEL = Pattern.compile("(\\d{4})-(\\d{2})");

    public FinancialYear {
        if (startYear < 1000 || startYear > 9998) {
            throw new IllegalArgumentException("financial year must start in a four-digit year, found " + startYear);
        }
    }

    /** The financial year a date falls in: 2027-03-31 is in 2026-27, 2027-04-01 in 2027-28. */
    public static FinancialYear of(LocalDate date) {
        Objects.requireNonNull(date, "date");
        return new FinancialYear(date.getMonthValue() >= Month.APRIL.getValue() ? date.getYear() : date.getYear() - 1);
    }

    /** Parses a label such as {@code "2026-27"}; the second part must be the next year. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static FinancialYear parse(String label) {
        Matcher m = label == null ? null : LABEL.matcher(label.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("financial year '" + label + "' is not like 2026-27");
        }
        FinancialYear fy = new FinancialYear(Integer.parseInt(m.group(1)));
        if (!fy.label().equals(label.strip())) {
            throw new IllegalArgumentException("financial year '" + label + "' should be " + fy.label());
        }
        return fy;
    }

    public LocalDate start() {
        return LocalDate.of(startYear, Month.APRIL, 1);
    }

    public LocalDate end() {
        return LocalDate.of(startYear + 1, Month.MARCH, 31);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(start()) && !date.isAfter(end());
    }

    public FinancialYear next() {
        return new FinancialYear(startYear + 1);
    }

    public FinancialYear previous() {
        return new FinancialYear(startYear - 1);
    }

    /** {@code "2026-27"}. */
    @JsonValue
    public String label() {
        return String.format("%d-%02d", startYear, (startYear + 1) % 100);
    }

    /** {@code "2627"}. */
    public String shortLabel() {
        return String.format("%02d%02d", startYear % 100, (startYear + 1) % 100);
    }

    @Override
    public int compareTo(FinancialYear other) {
        return Integer.compare(startYear, other.startYear);
    }

    @Override
    public String toString() {
        return label();
    }
}
