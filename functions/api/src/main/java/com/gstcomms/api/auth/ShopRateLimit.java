package com.gstcomms.api.auth;

import com.gstcomms.api.ApiConfig;
import com.gstcomms.api.http.Problem;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Per-shop request limit: a fixed-window counter in PostgreSQL.
 *
 * <p>Why the database: every concurrent Lambda invocation runs in its own execution environment, and
 * API Gateway spreads a shop's requests over as many as it needs, so a counter in memory would let
 * each instance allow the full limit (N instances → N × the limit). One row per shop and window, bumped
 * with an atomic upsert, is shared by all instances; it costs one indexed statement per request. A fixed
 * window can let up to twice the limit through around a window boundary, which is acceptable for
 * protecting the providers and the database (API Gateway's own throttling sits in front for floods).
 */
@ApplicationScoped
public class ShopRateLimit {

    private static final String BUMP = """
            insert into api_rate_window (shop_id, window_start, requests) values ($1, $2, 1)
            on conflict (shop_id, window_start) do update set requests = api_rate_window.requests + 1
            returning requests""";
    /** The same bump inside the API-key lookup: {@code k} is the key row, $2 the window start. */
    static final String BUMP_FROM_KEY = """
                insert into api_rate_window (shop_id, window_start, requests) select shop_id, $2, 1 from k
                on conflict (shop_id, window_start) do update set requests = api_rate_window.requests + 1
                returning requests""";
    private static final String FORGET_OLD = "delete from api_rate_window where window_start < $1";

    private final Pool pool;
    private final ApiConfig config;
    private final Clock clock = Clock.systemUTC();

    public ShopRateLimit(Pool pool, ApiConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /**
     * Counts one request of the shop; throws 429 with Retry-After (seconds to the next window) when the
     * shop is over its limit. {@code shopLimit} overrides the configured limit (a shop's plan).
     */
    public void admit(long shopId, Integer shopLimit) {
        Row row = pool.preparedQuery(BUMP)
                .execute(Tuple.of(shopId, currentWindow()))
                .await().atMost(Duration.ofSeconds(10))
                .iterator().next();
        check(row.getInteger("requests"), shopLimit);
    }

    /** The start of the current window (windows are aligned to the epoch, the same on every instance). */
    public OffsetDateTime currentWindow() {
        long windowMillis = config.rateLimit().window().toMillis();
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(clock.millis() / windowMillis * windowMillis), ZoneOffset.UTC);
    }

    /** Throws 429 when {@code used} (this request included) is over the shop's limit. */
    public void check(int used, Integer shopLimit) {
        int limit = shopLimit != null && shopLimit > 0 ? shopLimit : config.rateLimit().requests();
        Duration window = config.rateLimit().window();
        long windowMillis = window.toMillis();
        Instant now = clock.instant();
        Instant start = Instant.ofEpochMilli(now.toEpochMilli() / windowMillis * windowMillis);
        if (ThreadLocalRandom.current().nextInt(1000) == 0) {
            // Old windows are worthless; sweeping now and then keeps the table at a few rows per shop.
            pool.preparedQuery(FORGET_OLD)
                    .execute(Tuple.of(OffsetDateTime.ofInstant(start.minus(window.multipliedBy(2)), ZoneOffset.UTC)))
                    .subscribe().with(ok -> { }, failure -> { });
        }
        if (used > limit) {
            long retryAfter = Math.max(1, (start.toEpochMilli() + windowMillis - now.toEpochMilli() + 999) / 1000);
            throw Problem.tooManyRequests(retryAfter, limit);
        }
    }
}
