package com.gstcomms.core.validation;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The dates a document or a schedule may carry: GST documents not before the day GST began
 * (1 July 2017, the appointed day of the CGST Act), and nothing more than {@code maxDaysAhead} days after
 * today (a typo such as 2999 would otherwise be accepted, numbered into a financial year that does not
 * exist yet, and scheduled for ever).
 *
 * @param earliest     first allowed date, or null for none (a schedule only looks ahead)
 * @param maxDaysAhead days after today still allowed
 */
public record DateWindow(LocalDate earliest, int maxDaysAhead) {

    /** CGST Act s.1(3) and Notification 9/2017-Central Tax: GST applies to supplies from 1 July 2017. */
    public static final LocalDate GST_START = LocalDate.of(2017, 7, 1);

    public DateWindow {
        if (maxDaysAhead < 0) {
            throw new IllegalArgumentException("maxDaysAhead must not be negative");
        }
    }

    /** Invoice and due dates: from 1 July 2017 to {@code maxDaysAhead} days after today. */
    public static DateWindow gstDocuments(int maxDaysAhead) {
        return new DateWindow(GST_START, maxDaysAhead);
    }

    /** Times something is scheduled for: any past time (it means "now"), at most {@code maxDaysAhead} ahead. */
    public static DateWindow schedule(int maxDaysAhead) {
        return new DateWindow(null, maxDaysAhead);
    }

    public Validated<LocalDate> check(String field, LocalDate date, LocalDate today) {
        if (date == null) {
            return Validated.invalid(field, field + " is required");
        }
        if (earliest != null && date.isBefore(earliest)) {
            return Validated.invalid(field, field + " is " + date + "; GST documents are dated from " + earliest);
        }
        LocalDate latest = today.plusDays(maxDaysAhead);
        if (date.isAfter(latest)) {
            return Validated.invalid(field, field + " is " + date + "; at most " + maxDaysAhead
                    + " days ahead (" + latest + ") is allowed");
        }
        return Validated.valid(date);
    }

    public Validated<OffsetDateTime> check(String field, OffsetDateTime time, OffsetDateTime now) {
        if (time == null) {
            return Validated.invalid(field, field + " is required");
        }
        if (earliest != null && time.toLocalDate().isBefore(earliest)) {
            return Validated.invalid(field, field + " is " + time + "; the earliest allowed day is " + earliest);
        }
        OffsetDateTime latest = now.plusDays(maxDaysAhead);
        if (time.isAfter(latest)) {
            return Validated.invalid(field, field + " is " + time + "; at most " + maxDaysAhead
                    + " days ahead is allowed");
        }
        return Validated.valid(time);
    }
}
