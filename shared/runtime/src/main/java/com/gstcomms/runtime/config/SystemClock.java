package com.gstcomms.runtime.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The one clock: every bean that decides by the time (due, expired, inside a window, scheduled for later)
 * injects this {@link Clock} instead of calling {@code now()}, and plain classes take it as an argument,
 * so a test can run any of them at a fixed moment by providing another {@code Clock} bean (this one is a
 * {@link DefaultBean}). Durations for logs and metrics use {@code System.nanoTime}; leases between Lambda
 * instances use the database's {@code now()} (see docs/ARCHITECTURE.md).
 */
@Singleton
public class SystemClock {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
