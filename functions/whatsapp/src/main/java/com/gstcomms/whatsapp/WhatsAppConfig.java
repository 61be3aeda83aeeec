package com.gstcomms.whatsapp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the WhatsApp function sends: throughput cap, media limits, retries (README "Configuration"). */
@ConfigMapping(prefix = "gstcomms.whatsapp")
public interface WhatsAppConfig {

    /**
     * Messages per second per WhatsApp sender, across all Lambda instances. Twilio's default for a
     * WhatsApp sender is 80 MPS; a shop whose sender was raised sets {@code messagesPerSecond} in its
     * Twilio settings.
     */
    @WithDefault("80")
    int messagesPerSecond();

    /**
     * How many messages may go at once after an idle spell (the bucket's capacity). Kept at 1 so that no
     * one-second window ever holds more than the cap (a capacity of C allows C + rate in a second).
     */
    @WithDefault("1")
    int burst();

    /**
     * The longest a worker waits for its turn at the sender before giving the message back to the
     * queue. Turns are reserved, so with N workers the wait is about N / rate seconds.
     */
    @WithDefault("5S")
    Duration maxRateWait();

    /**
     * How late a worker may be for its turn and still send (SenderTokenBucket): later, the turn is given
     * up and another taken, so held-up workers do not arrive at Twilio in a bunch. A 1-second window can
     * hold the sends of (1 s + this) worth of turns: at 20 ms a cap of 20/s was seen arriving as 22 in a
     * second on an idle 2-core machine (SenderThroughputTest); 5 ms held it.
     */
    @WithDefault("5MS")
    Duration lateTurnTolerance();

    /** How long the presigned link to a document stays valid; Twilio fetches it when it sends. */
    @WithDefault("10M")
    Duration mediaLinkTtl();

    /** Twilio's media limit for WhatsApp is 16 MB; bigger documents are refused before sending. */
    @WithDefault("16777216")
    long maxMediaBytes();

    /** How long a claimed notification stays this worker's (NotificationClaims lease). */
    @WithDefault("2M")
    Duration claimLease();

    /** Backoff of retryable Twilio errors: base × 2^(receive − 1), capped, with jitter (RetryLater.backoff). */
    @WithDefault("10S")
    Duration retryBase();

    @WithDefault("15M")
    Duration retryMax();

    /**
     * Delivery attempts before a retryable error becomes a permanent failure (kept equal to the
     * queues' maxReceiveCount, so the row is FAILED — and the email fallback runs — instead of sitting
     * QUEUED while its command goes to the dead-letter queue).
     */
    @WithDefault("5")
    int maxAttempts();

    /**
     * Safety margin at the end of Meta's 24-hour customer service window: a message this close to the
     * end goes as the approved template, since it may reach WhatsApp after the window closed.
     */
    @WithDefault("10M")
    Duration windowMargin();

    /** How long opened Twilio credentials of a shop are kept in memory (a KMS call is saved per message). */
    @WithDefault("60S")
    Duration credentialCacheTtl();
}
