package com.gstcomms.api.auth;

import com.gstcomms.api.ApiConfig;
import com.gstcomms.api.http.Problem;
import com.gstcomms.runtime.data.ApiKey.Role;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static com.gstcomms.runtime.work.NativeSql.rows;
import static com.gstcomms.runtime.work.NativeSql.update;
import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inSessionLater;

/**
 * Request limits per shop and per caller: fixed-window counters in PostgreSQL.
 *
 * <p>Why the database: every concurrent Lambda invocation runs in its own execution environment, and
 * API Gateway spreads a shop's requests over as many as it needs, so a counter in memory would let
 * each instance allow the full limit (N instances → N × the limit). One row per shop and window, bumped
 * with an atomic upsert, is shared by all instances; it costs one indexed statement per request. A fixed
 * window can let up to twice the limit through around a window boundary, which is acceptable for
 * protecting the providers and the database (API Gateway's own throttling sits in front for floods).
 *
 * <p>Why per caller too: with one budget per shop, a VIEWER key reading in a loop used up the shop's
 * whole limit and locked the owner out (issue 15). Now each caller (an API key, a Shopify user) has a
 * row of its own and may use {@code per-caller-percent} of the shop's limit (50 %: 600 of 1200 a minute);
 * only its requests within that share count against the shop, so a caller that keeps going past its own
 * 429s uses up nothing more. And STAFF and VIEWER callers together stop at the shop's limit less
 * {@code owner-reserve-percent} (10 %: 1080 of 1200): the rest is the owner's, who can always act, for
 * example revoke the key that floods.
 */
@ApplicationScoped
public class ShopRateLimit {

    /**
     * Counts one request: expects a CTE {@code budget(shop_id, caller, shop_cap, caller_cap, role_cap)} of
     * at most one row and ?2 = the window start. {@code mine} is the caller's count (always bumped);
     * {@code shop} the shop's, bumped only while the caller is within its share and the shop is below the
     * cap for the caller's role. No row from {@code shop}: the shop is at that cap (or the caller over its
     * share), and the request is refused without being counted against the shop.
     */
    static final String COUNT_FROM_BUDGET = """
            mine as (
                insert into api_rate_window as w (shop_id, caller, window_start, requests)
                select shop_id, caller, ?2, 1 from budget
                on conflict (shop_id, caller, window_start) do update set requests = w.requests + 1
                returning requests),
            shop as (
                insert into api_rate_window as w (shop_id, caller, window_start, requests)
                select shop_id, '', ?2, 1 from budget where (select requests from mine) <= caller_cap
                on conflict (shop_id, caller, window_start) do update set requests = w.requests + 1
                 where w.requests < (select role_cap from budget)
                returning requests)""";
    /** The caps of {@code budget} from its {@code shop_cap} and {@code role}; ?4 per-caller %, ?5 owner reserve %. */
    static final String CAPS = """
            greatest(1, shop_cap * ?4 / 100) as caller_cap,
            case when role = 'OWNER' then shop_cap else greatest(1, shop_cap - shop_cap * ?5 / 100) end as role_cap""";
    /** What the count answers, after {@code select} ({@link Counts#of}: four columns in this order). */
    static final String COUNTS = """
            (select requests from mine) as caller_requests, (select requests from shop) as shop_requests,
            (select shop_cap from budget) as shop_cap, (select caller_cap from budget) as caller_cap""";
    /** A session's count: ?1 shop id, ?3 the shop's limit, ?6 the caller, ?7 its role. */
    private static final String BUMP = """
            with given as (select cast(?1 as bigint) as shop_id, cast(?6 as varchar) as caller,
                                  cast(?7 as varchar) as role, cast(?3 as int) as shop_cap),
            budget as (select shop_id, caller, shop_cap, %s from given),
            %s
            select %s""".formatted(CAPS, COUNT_FROM_BUDGET, COUNTS);
    private static final String FORGET_OLD = "delete from api_rate_window where window_start < ?1";
    private static final int MAX_CALLER_LENGTH = 80;
    static final Duration DB_WAIT = Duration.ofSeconds(10);

    private final ApiConfig config;
    private final Clock clock;

    public ShopRateLimit(ApiConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** A row of {@link #COUNTS}: the caller's and the shop's requests in this window and their caps. */
    public record Counts(Integer callerRequests, Integer shopRequests, int shopCap, int callerCap) {
        /** The four columns of {@link #COUNTS} starting at column {@code from} of a native row. */
        static Counts of(Object[] row, int from) {
            return new Counts(integer(row[from]), integer(row[from + 1]), integer(row[from + 2]), integer(row[from + 3]));
        }

        private static Integer integer(Object value) {
            return value == null ? null : ((Number) value).intValue();
        }
    }

    /** The rate-limit row of one caller of a shop: {@code key:17}, {@code user:42}. */
    public static String callerOf(String kind, Object id) {
        String caller = kind + ":" + id;
        return caller.length() > MAX_CALLER_LENGTH ? caller.substring(0, MAX_CALLER_LENGTH) : caller;
    }

    /**
     * Counts one request of {@code caller} (role {@code role}) of the shop; throws 429 with Retry-After
     * (seconds to the next window) when the caller is over its share or the shop over its limit.
     * {@code shopLimit} overrides the configured limit (a shop's plan).
     */
    public void admit(long shopId, Integer shopLimit, String caller, Role role) {
        // In a session of its own, not the caller's transaction: the count stands whatever the request does.
        Object[] row = inSession(() -> rows(BUMP, shopId, currentWindow(), limitOf(shopLimit),
                config.rateLimit().perCallerPercent(), config.rateLimit().ownerReservePercent(), caller, role.name())
                .ifNoItem().after(DB_WAIT).fail()).getFirst();
        check(Counts.of(row, 0), role);
    }

    /** The parameters ?3..?5 of a statement that counts with {@link #COUNT_FROM_BUDGET} (after ?1, ?2). */
    List<Object> limits() {
        return List.<Object>of(config.rateLimit().requests(), config.rateLimit().perCallerPercent(),
                config.rateLimit().ownerReservePercent());
    }

    /** The start of the current window (windows are aligned to the epoch, the same on every instance). */
    public OffsetDateTime currentWindow() {
        long windowMillis = config.rateLimit().window().toMillis();
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(clock.millis() / windowMillis * windowMillis), ZoneOffset.UTC);
    }

    private int limitOf(Integer shopLimit) {
        return shopLimit != null && shopLimit > 0 ? shopLimit : config.rateLimit().requests();
    }

    /** Throws 429 when the row of a count ({@link #COUNTS}) says the caller or the shop is over. */
    public void check(Counts counted, Role role) {
        Duration window = config.rateLimit().window();
        long windowMillis = window.toMillis();
        Instant now = clock.instant();
        Instant start = Instant.ofEpochMilli(now.toEpochMilli() / windowMillis * windowMillis);
        if (ThreadLocalRandom.current().nextInt(1000) == 0) {
            // Old windows are worthless; sweeping now and then keeps the table at a few rows per caller.
            OffsetDateTime old = OffsetDateTime.ofInstant(start.minus(window.multipliedBy(2)), ZoneOffset.UTC);
            inSessionLater(() -> update(FORGET_OLD, old));
        }
        long retryAfter = Math.max(1, (start.toEpochMilli() + windowMillis - now.toEpochMilli() + 999) / 1000);
        int shopCap = counted.shopCap();
        int callerCap = counted.callerCap();
        if (counted.callerRequests() > callerCap) {
            throw Problem.tooManyRequests(retryAfter, "This caller made more than " + callerCap
                    + " requests in the current window (its share of the shop's " + shopCap + ")");
        }
        if (counted.shopRequests() == null) {
            throw Problem.tooManyRequests(retryAfter, role == Role.OWNER
                    ? "This shop made more than " + shopCap + " requests in the current window"
                    : "This shop used its requests for STAFF and VIEWER callers in the current window (the last "
                    + config.rateLimit().ownerReservePercent() + " % of its " + shopCap + " are kept for the owner)");
        }
    }
}
