package com.gstcomms.reminders;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** The time now; a bean so tests can run the scheduler at a fixed moment. */
@ApplicationScoped
public class SchedulerClock {
    public Instant now() {
        return Instant.now();
    }
}
