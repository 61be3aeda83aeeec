package com.gstcomms.email;

import java.time.Duration;

/** What a provider did with a message, as the delivery needs to know it. */
sealed interface SendOutcome {

    /** Accepted: recorded as SENT with the provider's message id. */
    record Sent(String provider, String messageId) implements SendOutcome {
    }

    /** Try again later (429, transient SMTP failure): the claim is released and the command retried. */
    record Retry(String code, String reason, Duration atLeast) implements SendOutcome {
    }

    /** Will never work as it is (bad key, refused message): FAILED with a reason that names no secret. */
    record Failed(String code, String reason) implements SendOutcome {
    }

    /** This provider cannot take it now (5xx, timeout, not configured): try the next one (SMTP). */
    record Unavailable(String code, String reason) implements SendOutcome {
    }
}
