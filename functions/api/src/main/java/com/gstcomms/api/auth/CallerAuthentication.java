package com.gstcomms.api.auth;

import com.gstcomms.api.http.Problem;
import com.gstcomms.api.ui.UiPaths;
import com.gstcomms.api.ui.UiSessions;
import com.gstcomms.runtime.data.ApiKey.Role;
import com.gstcomms.runtime.data.Shop;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import static com.gstcomms.runtime.work.NativeSql.offsetDateTime;
import static com.gstcomms.runtime.work.NativeSql.rows;
import static com.gstcomms.runtime.work.NativeSql.update;
import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * Runs before every resource method (on its worker thread): finds the caller's shop from a Shopify
 * session token, an API key or a page session, checks the role the method needs ({@link Allowed}) and counts
 * the request against the caller's and the shop's rate limits ({@link ShopRateLimit}). Methods marked
 * {@link Unauthenticated} check their own proof.
 */
public class CallerAuthentication {

    private static final Logger LOG = Logger.getLogger(CallerAuthentication.class);
    private static final Duration DB_WAIT = Duration.ofSeconds(10);

    /** The key, its shop and the key's and shop's request counts in this window, in one round trip (the hot path). */
    private static final String KEY_LOOKUP = keyLookup("k.key_hash = ?1");
    /**
     * The same for a page session: ?1 is the hash of the cookie's token, and the session must be open
     * (not signed out, not past its 8 hours); its key is read as for an X-Api-Key (the cookie never holds it).
     */
    private static final String KEY_BY_PAGE_SESSION_LOOKUP = keyLookup("""
            k.id = (select api_key_id from ui_session
                     where token_hash = ?1 and revoked_at is null and expires_at > ?6)""");
    private static final String TOUCH_KEY = "update api_key set last_used_at = now() where id = ?1";
    private static final String SHOP_LOOKUP = """
            select id, (settings ->> 'apiRequestsPerMinute') as shop_limit, owner_user_id
              from shop where shop_domain = ?1""";

    /** The columns of {@code k} in a key lookup's row, before the counts: id, shop_id, role, key_prefix, expires_at,
     * expired, stale, shop_domain, shop_limit. */
    private static final int KEY_COLUMNS = 9;

    private final SessionTokens sessions;
    private final ShopRateLimit rateLimit;
    private final CurrentCaller current;

    private final UiSessions uiSessions;

    private final Clock clock;

    public CallerAuthentication(SessionTokens sessions, ShopRateLimit rateLimit, CurrentCaller current,
                                UiSessions uiSessions, Clock clock) {
        this.clock = clock;
        this.sessions = sessions;
        this.rateLimit = rateLimit;
        this.current = current;
        this.uiSessions = uiSessions;
    }

    /**
     * ?1 the key (by {@code condition}), ?2 the window start, ?3..?5 {@link ShopRateLimit#limits()}, ?6 now
     * (the injected clock: when a key or a page session has expired; {@code stale} is the database's, as the
     * {@code last_used_at} it compares). An
     * expired key is answered (to say so) but not counted. The shop's limit is its
     * {@code settings.apiRequestsPerMinute} when that is a positive number, else ?3. The row: the
     * {@link #KEY_COLUMNS} columns of {@code k} in their order, then {@link ShopRateLimit#COUNTS}.
     */
    private static String keyLookup(String condition) {
        return """
            with k as (
                select k.id, k.shop_id, k.role, k.key_prefix, k.expires_at, k.expires_at <= ?6 as expired,
                       k.last_used_at is null or k.last_used_at < now() - interval '1 minute' as stale,
                       s.shop_domain, (s.settings ->> 'apiRequestsPerMinute') as shop_limit
                  from api_key k join shop s on s.id = k.shop_id
                 where %s and k.revoked_at is null),
            limited as (
                select shop_id, 'key:' || id as caller, role,
                       coalesce(case when shop_limit ~ '^[0-9]{1,9}$' then nullif(cast(shop_limit as int), 0) end, ?3) as shop_cap
                  from k where not expired),
            budget as (select shop_id, caller, shop_cap, %s from limited),
            %s
            select k.*, %s from k""".formatted(condition, ShopRateLimit.CAPS, ShopRateLimit.COUNT_FROM_BUDGET,
                ShopRateLimit.COUNTS);
    }

    @ServerRequestFilter
    public void authenticate(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || unauthenticated(method)) {
            return;
        }
        Role required = required(method);
        if (required == null) {
            // Fail closed: a resource method nobody classified is a bug, not a public call.
            LOG.errorf("%s.%s has no @Allowed role", method.getDeclaringClass().getSimpleName(), method.getName());
            throw Problem.forbidden("This call is not open to any role");
        }
        Authenticated who = identify(request);
        if (!who.counted()) {
            rateLimit.admit(who.caller().shopId(), who.shopLimit(), who.rateLimitCaller(), who.caller().role());
        }
        if (!who.caller().mayAct(required)) {
            throw Problem.forbidden("This call needs the " + required + " role; this "
                    + (who.caller().actorType().equals("API_KEY") ? "key" : "session") + " has "
                    + who.caller().role());
        }
        current.set(who.caller());
    }

    /**
     * {@code counted}: the request was already counted against the rate limits by the lookup;
     * {@code rateLimitCaller}: the caller's own rate-limit row ({@link ShopRateLimit#callerOf}).
     */
    private record Authenticated(Caller caller, Integer shopLimit, boolean counted, String rateLimitCaller) {
    }

    private Authenticated identify(ContainerRequestContext request) {
        String apiKey = request.getHeaderString("X-Api-Key");
        String authorization = request.getHeaderString("Authorization");
        if (apiKey != null && !apiKey.isBlank()) {
            return byApiKey(apiKey.strip());
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).strip();
            Authenticated who = bySessionToken(token);
            current.setPageCredentials(null, token);
            return who;
        }
        if (UiPaths.isPage(request.getUriInfo().getPath())) {
            return byPageCredentials(request);
        }
        throw Problem.unauthorized("Send a Shopify session token (Authorization: Bearer …) or an X-Api-Key");
    }

    /**
     * The pages also accept what a browser can carry: Shopify's {@code id_token} query parameter when the
     * app is embedded (GET only: it is in the URL), or the sign-in cookie, whose state-changing requests
     * must echo the session's CSRF token. The cookie counts on the pages only, never on the JSON API.
     */
    private Authenticated byPageCredentials(ContainerRequestContext request) {
        boolean reading = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        String idToken = request.getUriInfo().getQueryParameters().getFirst("id_token");
        if (reading && idToken != null && !idToken.isBlank()) {
            Authenticated who = bySessionToken(idToken.strip());
            current.setPageCredentials(null, idToken.strip());
            return who;
        }
        jakarta.ws.rs.core.Cookie cookie = request.getCookies().get(UiSessions.COOKIE);
        String session = cookie == null ? null : cookie.getValue();
        String sessionHash = uiSessions.tokenHash(session).orElseThrow(
                () -> Problem.unauthorized("Sign in with an API key (the page session is missing)"));
        if (!reading && !uiSessions.csrfMatches(session, request.getHeaderString(UiSessions.CSRF_HEADER))) {
            throw Problem.forbidden("This form was not sent from this app's page (missing or wrong CSRF token); reload the page");
        }
        Authenticated who = keyRow(KEY_BY_PAGE_SESSION_LOOKUP, sessionHash,
                "The page session has ended (signed out, past its 8 hours, or its API key was revoked); sign in again");
        current.setPageCredentials(uiSessions.csrfToken(session), null);
        return who;
    }

    private Authenticated byApiKey(String key) {
        // Unknown and revoked keys get the same answer.
        return keyRow(KEY_LOOKUP, ApiKeys.hash(key), "The API key is not valid (unknown or revoked)");
    }

    private Authenticated keyRow(String lookup, Object key, String refusal) {
        List<Object> limits = rateLimit.limits();
        // One statement in a session of its own (autocommit): the count stands whatever the request does.
        List<Object[]> found = inSession(() -> rows(lookup, key, rateLimit.currentWindow(), limits.get(0), limits.get(1),
                limits.get(2), OffsetDateTime.now(clock)).ifNoItem().after(DB_WAIT).fail());
        if (found.isEmpty()) {
            throw Problem.unauthorized(refusal);
        }
        Object[] row = found.getFirst();
        long id = ((Number) row[0]).longValue();
        String keyPrefix = (String) row[3];
        if ((Boolean) row[5]) {
            // Said plainly (unlike unknown or revoked keys): whoever holds the key had a working one, and
            // what to do about it is the owner's renewal, not a new integration.
            OffsetDateTime expiresAt = offsetDateTime(row[4]);
            throw Problem.unauthorized("The API key " + keyPrefix + "… expired at "
                    + expiresAt.withOffsetSameInstant(java.time.ZoneOffset.UTC)
                    + "; the shop owner can renew it (POST /v1/api-keys/" + id + "/renew)");
        }
        Role role = Role.valueOf((String) row[2]);
        rateLimit.check(ShopRateLimit.Counts.of(row, KEY_COLUMNS), role);
        if ((Boolean) row[6]) {
            inSession(() -> update(TOUCH_KEY, id).ifNoItem().after(DB_WAIT).fail());
        }
        Caller caller = new Caller(((Number) row[1]).longValue(), (String) row[7],
                role, "API_KEY", "key:" + keyPrefix);
        return new Authenticated(caller, limit((String) row[8]), true, ShopRateLimit.callerOf("key", id));
    }

    private Authenticated bySessionToken(String token) {
        SessionTokens.Session session;
        try {
            session = sessions.verify(token);
        } catch (SessionTokens.InvalidToken e) {
            throw Problem.unauthorized(e.getMessage());
        }
        List<Object[]> shops = inSession(() -> rows(SHOP_LOOKUP, session.shopDomain()).ifNoItem().after(DB_WAIT).fail());
        long shopId;
        Integer shopLimit = null;
        String ownerUserId = null;
        if (!shops.isEmpty()) {
            Object[] row = shops.getFirst();
            shopId = ((Number) row[0]).longValue();
            shopLimit = limit((String) row[1]);
            ownerUserId = (String) row[2];
        } else {
            // A valid token proves Shopify vouches for the shop: its first call creates its row.
            shopId = inTransaction(() -> Shop.findByDomain(session.shopDomain()).chain(existing -> {
                if (existing != null) {
                    return io.smallrye.mutiny.Uni.createFrom().item(existing.id);
                }
                Shop shop = new Shop();
                shop.shopDomain = session.shopDomain();
                return shop.<Shop>persist().map(s -> s.id);
            }));
        }
        // Shopify lets every staff member the merchant allows open the app, and the session token does not
        // say who owns the shop. Only the account owner (recorded on the shop by the install flow, from the
        // online access token's associated_user.account_owner) is OWNER; every other user is STAFF: they
        // send and run jobs but do not change settings, templates or API keys.
        String userId = session.userId() == null ? "unknown" : session.userId();
        Role role = session.userId() != null && session.userId().equals(ownerUserId) ? Role.OWNER : Role.STAFF;
        Caller caller = new Caller(shopId, session.shopDomain(), role, "SESSION", "shopify-user:" + userId);
        return new Authenticated(caller, shopLimit, false, ShopRateLimit.callerOf("user", userId));
    }

    private static Integer limit(String text) {
        try {
            return text == null ? null : Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean unauthenticated(Method method) {
        return method.isAnnotationPresent(Unauthenticated.class)
                || method.getDeclaringClass().isAnnotationPresent(Unauthenticated.class);
    }

    static Role required(Method method) {
        Allowed onMethod = method.getAnnotation(Allowed.class);
        if (onMethod != null) {
            return onMethod.value();
        }
        Allowed onClass = method.getDeclaringClass().getAnnotation(Allowed.class);
        return onClass == null ? null : onClass.value();
    }
}
