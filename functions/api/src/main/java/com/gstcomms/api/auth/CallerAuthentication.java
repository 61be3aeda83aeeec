package com.gstcomms.api.auth;

import com.gstcomms.api.http.Problem;
import com.gstcomms.api.ui.UiPaths;
import com.gstcomms.api.ui.UiSessions;
import com.gstcomms.runtime.data.ApiKey.Role;
import com.gstcomms.runtime.data.Shop;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.time.Duration;

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
    private static final String KEY_LOOKUP = keyLookup("k.key_hash = $1");
    /**
     * The same for a page session: $1 is the hash of the cookie's token, and the session must be open
     * (not signed out, not past its 8 hours); its key is read as for an X-Api-Key (the cookie never holds it).
     */
    private static final String KEY_BY_PAGE_SESSION_LOOKUP = keyLookup("""
            k.id = (select api_key_id from ui_session
                     where token_hash = $1 and revoked_at is null and expires_at > now())""");
    private static final String TOUCH_KEY = "update api_key set last_used_at = now() where id = $1";
    private static final String SHOP_LOOKUP = """
            select id, (settings ->> 'apiRequestsPerMinute') as shop_limit, owner_user_id
              from shop where shop_domain = $1""";

    private final Pool pool;
    private final SessionTokens sessions;
    private final ShopRateLimit rateLimit;
    private final CurrentCaller current;

    private final UiSessions uiSessions;

    public CallerAuthentication(Pool pool, SessionTokens sessions, ShopRateLimit rateLimit, CurrentCaller current,
                                UiSessions uiSessions) {
        this.pool = pool;
        this.sessions = sessions;
        this.rateLimit = rateLimit;
        this.current = current;
        this.uiSessions = uiSessions;
    }

    /**
     * $1 the key (by {@code condition}), $2 the window start, $3..$5 {@link ShopRateLimit#limits()}. An
     * expired key is answered (to say so) but not counted. The shop's limit is its
     * {@code settings.apiRequestsPerMinute} when that is a positive number, else $3.
     */
    private static String keyLookup(String condition) {
        return """
            with k as (
                select k.id, k.shop_id, k.role, k.key_prefix, k.expires_at, k.expires_at <= now() as expired,
                       k.last_used_at is null or k.last_used_at < now() - interval '1 minute' as stale,
                       s.shop_domain, (s.settings ->> 'apiRequestsPerMinute') as shop_limit
                  from api_key k join shop s on s.id = k.shop_id
                 where %s and k.revoked_at is null),
            limited as (
                select shop_id, 'key:' || id as caller, role,
                       coalesce(case when shop_limit ~ '^[0-9]{1,9}$' then nullif(shop_limit::int, 0) end, $3) as shop_cap
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
        java.util.List<Object> parameters = new java.util.ArrayList<>(java.util.List.of(key, rateLimit.currentWindow()));
        parameters.addAll(rateLimit.limits());
        RowIterator<Row> rows = pool.preparedQuery(lookup).execute(Tuple.tuple(parameters))
                .await().atMost(DB_WAIT).iterator();
        if (!rows.hasNext()) {
            throw Problem.unauthorized(refusal);
        }
        Row row = rows.next();
        if (row.getBoolean("expired")) {
            // Said plainly (unlike unknown or revoked keys): whoever holds the key had a working one, and
            // what to do about it is the owner's renewal, not a new integration.
            throw Problem.unauthorized("The API key " + row.getString("key_prefix") + "… expired at "
                    + row.getOffsetDateTime("expires_at").withOffsetSameInstant(java.time.ZoneOffset.UTC)
                    + "; the shop owner can renew it (POST /v1/api-keys/" + row.getLong("id") + "/renew)");
        }
        Role role = Role.valueOf(row.getString("role"));
        rateLimit.check(row, role);
        if (row.getBoolean("stale")) {
            pool.preparedQuery(TOUCH_KEY).execute(Tuple.of(row.getLong("id"))).await().atMost(DB_WAIT);
        }
        Caller caller = new Caller(row.getLong("shop_id"), row.getString("shop_domain"),
                role, "API_KEY", "key:" + row.getString("key_prefix"));
        return new Authenticated(caller, limit(row.getString("shop_limit")), true,
                ShopRateLimit.callerOf("key", row.getLong("id")));
    }

    private Authenticated bySessionToken(String token) {
        SessionTokens.Session session;
        try {
            session = sessions.verify(token);
        } catch (SessionTokens.InvalidToken e) {
            throw Problem.unauthorized(e.getMessage());
        }
        RowIterator<Row> rows = pool.preparedQuery(SHOP_LOOKUP).execute(Tuple.of(session.shopDomain()))
                .await().atMost(DB_WAIT).iterator();
        long shopId;
        Integer shopLimit = null;
        String ownerUserId = null;
        if (rows.hasNext()) {
            Row row = rows.next();
            shopId = row.getLong("id");
            shopLimit = limit(row.getString("shop_limit"));
            ownerUserId = row.getString("owner_user_id");
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
