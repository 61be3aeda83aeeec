package com.gstcomms.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Settings of the HTTP API (template.yaml passes the production values). */
@ConfigMapping(prefix = "gstcomms.api")
public interface ApiConfig {

    /**
     * The public base URL of the API, e.g. {@code https://abc123.execute-api.ap-south-1.amazonaws.com}.
     * Twilio signs the exact URL it called, so the callback check rebuilds it from this. Absent: https://
     * and the request's Host (API Gateway's own domain name).
     */
    Optional<String> baseUrl();

    RateLimit rateLimit();

    /** How long a new or renewed API key is valid (the owner renews it before then). */
    @WithDefault("90D")
    Duration keyLifetime();

    /** How long a stored answer to a POST with an Idempotency-Key is replayed. */
    @WithDefault("24H")
    Duration idempotencyTtl();

    /** Most items one list page returns. */
    @WithDefault("200")
    int maxPageSize();

    /** Recipients a campaign fans out to inside the request; bigger audiences are left to the scheduler. */
    @WithDefault("5000")
    int campaignInlineLimit();

    /**
     * How many days after today a date of a request may lie: invoice and due dates (which also may not be
     * before 1 July 2017, when GST began), and the times messages and campaigns are scheduled for.
     */
    @WithDefault("366")
    int maxDaysAhead();

    interface RateLimit {
        /** Requests per shop and window, across every Lambda instance (a PostgreSQL counter). */
        @WithDefault("1200")
        int requests();

        @WithDefault("60S")
        Duration window();

        /**
         * The share (percent) of the shop's limit one caller (an API key, a Shopify user) may use, so one
         * caller cannot use up the whole shop's budget. Its requests past its share count against the shop
         * no more.
         */
        @WithDefault("50")
        int perCallerPercent();

        /**
         * The share (percent) of the shop's limit that only OWNER callers may use: STAFF and VIEWER callers
         * together are refused once the shop has used the rest, so however many keys read, the owner can
         * still act (and revoke them).
         */
        @WithDefault("10")
        int ownerReservePercent();
    }
}
