package com.gstcomms.testing;

import java.time.Duration;

/** One line per started server, so a slow test run shows where its seconds went. */
final class StartupLog {

    private StartupLog() {
    }

    static void started(String what, long nanos) {
        System.out.printf("[local-servers] %s started in %d ms%n", what, Duration.ofNanos(nanos).toMillis());
    }

    static void info(String message) {
        System.out.println("[local-servers] " + message);
    }
}
