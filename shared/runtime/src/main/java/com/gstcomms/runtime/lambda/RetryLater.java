package com.gstcomms.runtime.lambda;

import java.time.Duration;

/**
 * Thrown by a record handler when the work should be tried again later (provider 429/5xx, timeout,
 * transient S3 failure): {@link SqsBatch} hides the message for {@link #delay()} and reports it failed,
 * so SQS redelivers it then — exponential backoff through the visibility timeout. After the queue's
 * maxReceiveCount it goes to the dead-letter queue.
 */
public class RetryLater extends RuntimeException {
    private final Duration delay;

    public RetryLater(String reason, Duration delay) {
        super(reason);
        this.delay = delay;
    }

    public Duration delay() {
        return delay;
    }

    /**
     * Exponential backoff by delivery attempt: base × 2^(attempt−1), capped, with up to 20% random
     * jitter so retries of a burst do not arrive together. SQS visibility is at most 12 hours.
     */
    public static Duration backoff(int receiveCount, Duration base, Duration max) {
        int exponent = Math.max(0, Math.min(receiveCount - 1, 20));
        long millis = Math.min(max.toMillis(), base.toMillis() << exponent);
        long jitter = (long) (java.util.concurrent.ThreadLocalRandom.current().nextLong(millis / 5 + 1));
        return Duration.ofMillis(Math.min(millis + jitter, Duration.ofHours(12).toMillis()));
    }
}
