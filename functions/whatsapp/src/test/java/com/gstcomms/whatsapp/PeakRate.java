package com.gstcomms.whatsapp;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The most events in any one-second window (sliding, half-open [t, t + 1 s)), from sorted times. */
final class PeakRate {

    private PeakRate() {
    }

    static int perSecond(List<Instant> sortedTimes) {
        int peak = 0;
        int start = 0;
        for (int end = 0; end < sortedTimes.size(); end++) {
            while (Duration.between(sortedTimes.get(start), sortedTimes.get(end)).compareTo(Duration.ofSeconds(1)) >= 0) {
                start++;
            }
            peak = Math.max(peak, end - start + 1);
        }
        return peak;
    }
}
