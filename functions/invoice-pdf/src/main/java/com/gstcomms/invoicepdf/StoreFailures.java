package com.gstcomms.invoicepdf;

import com.gstcomms.runtime.lambda.RetryLater;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

import java.time.Duration;
import java.util.Optional;

/**
 * Which object-store failures are worth retrying: S3 throttling and server errors (503 SlowDown,
 * 500 InternalError; AWS, "Error responses" and "Retry behavior") and failures to reach S3 at all. The
 * SDK has already retried those a few times by the time they reach us; we retry the message later,
 * through the visibility timeout, with exponential backoff.
 */
final class StoreFailures {

    private StoreFailures() {
    }

    static Optional<RetryLater> transientFailure(RuntimeException e, int receiveCount, String what) {
        if (e instanceof SdkClientException
                || (e instanceof SdkServiceException s && (s.statusCode() >= 500 || s.statusCode() == 429 || s.isThrottlingException()))) {
            return Optional.of(new RetryLater(what + " failed for now: " + summary(e),
                    RetryLater.backoff(receiveCount, Duration.ofSeconds(10), Duration.ofMinutes(15))));
        }
        return Optional.empty();
    }

    private static String summary(RuntimeException e) {
        String message = e instanceof SdkException && e.getMessage() != null ? e.getMessage() : e.toString();
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
}
