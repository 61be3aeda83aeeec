package com.gstcomms.core.time;

import java.time.ZoneId;

/**
 * India's time zone, the one place it is written: merchants read times, pick days and are messaged in
 * India time (IST, UTC+05:30, no daylight saving), so every "day" the product shows or filters on is an
 * India day — in Java through {@link #ZONE}, in SQL ({@code at time zone '...'}) through {@link #ZONE_NAME}.
 */
public final class India {

    /** The IANA name, as PostgreSQL's {@code at time zone} and the API's reports spell it. */
    public static final String ZONE_NAME = "Asia/Kolkata";

    public static final ZoneId ZONE = ZoneId.of(ZONE_NAME);

    private India() {
    }
}
