package com.gstcomms.reminders;

import com.gstcomms.core.time.India;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/**
 * Customers are messaged only between {@code from} and {@code to} India time (default 09:00–21:00):
 * a reminder prepared at another hour is scheduled for the start of the next window.
 */
public final class SendWindow {

    private SendWindow() {
    }

    /** {@code now} when it is inside the window, else the next opening of the window. */
    public static Instant nextSendTime(Instant now, LocalTime from, LocalTime to) {
        ZonedDateTime local = now.atZone(India.ZONE);
        LocalTime time = local.toLocalTime();
        if (!time.isBefore(from) && time.isBefore(to)) {
            return now;
        }
        ZonedDateTime opening = local.with(from).withSecond(0).withNano(0);
        return (time.isBefore(from) ? opening : opening.plusDays(1)).toInstant();
    }
}
