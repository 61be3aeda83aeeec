package com.gstcomms.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test can stop at a moment of its choosing: the real time until {@link #set}, again after
 * {@link #reset}. A module's tests provide it as their {@code Clock} bean (a producer in the test sources
 * wins over shared/runtime's {@code @DefaultBean} system clock), so the code under test and the test agree
 * on "now" without moving test data into the future.
 */
public final class SettableClock extends Clock {

    private final ZoneId zone;
    private final SettableClock source;
    private volatile Instant fixed;

    public SettableClock() {
        this(ZoneOffset.UTC, null);
    }

    private SettableClock(ZoneId zone, SettableClock source) {
        this.zone = zone;
        this.source = source;
    }

    /** Stops the clock at {@code at} (for this clock and every {@link #withZone} view of it). */
    public void set(Instant at) {
        root().fixed = at;
    }

    /** Back to the real time. */
    public void reset() {
        root().fixed = null;
    }

    private SettableClock root() {
        return source == null ? this : source;
    }

    @Override
    public Instant instant() {
        Instant at = root().fixed;
        return at != null ? at : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new SettableClock(zone, root());
    }
}
