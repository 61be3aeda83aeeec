package com.gstcomms.reminders;

import com.gstcomms.testing.SettableClock;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The reminders function's {@code Clock} in tests: the one {@link SettableClock}, which tells the real time until a
 * test sets it. Tests inject it, {@code set} it in {@code @BeforeEach} and {@code reset} it in {@code @AfterEach}.
 */
@Singleton
class TestClock {

    @Produces
    @Singleton
    SettableClock clock() {
        return new SettableClock();
    }
}
