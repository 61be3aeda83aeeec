package com.gstcomms.api.ui;

import com.gstcomms.api.auth.ApiKeys;
import com.gstcomms.runtime.data.ApiKey;
import com.gstcomms.runtime.data.UiSession;
import com.gstcomms.runtime.secrets.PlatformSecret;
import com.gstcomms.runtime.secrets.PlatformSecrets;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * The pages' sign-in session, held server-side ({@link UiSession}, table {@code ui_session}): the HttpOnly,
 * SameSite=Strict cookie holds only a random 256-bit token, the table only its SHA-256. Signing out revokes
 * the row, so a copied cookie stops working at once (before, the cookie was a signed, self-contained value
 * that stayed valid for its 8 hours whatever the browser did). CallerAuthentication reads the session with
 * its API key on every request, so revoking or expiring the key ends its sessions too.
 *
 * <p>CSRF: every state-changing request of a cookie session must carry {@code X-CSRF-Token}, an HMAC of the
 * session token under a key derived from the app secret; the layout hands it to htmx ({@code hx-headers} on
 * the body). Another site can neither read it nor (SameSite=Strict) make the browser send the cookie.
 */
@ApplicationScoped
public class UiSessions {

    public static final String COOKIE = "gc_ui";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** Short-lived: a signed-in tab is good for a working day; then the key is asked for again. */
    public static final Duration LIFETIME = Duration.ofHours(8);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    /** 32 random bytes in unpadded base64url; anything else is not one of our cookies. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** The app secret, asked on every use: it is read from Secrets Manager and may be rotated. */
    private final Supplier<String> secret;
    private final Clock clock;

    @jakarta.inject.Inject
    public UiSessions(PlatformSecrets secrets, Clock clock) {
        this(() -> secrets.required(PlatformSecret.SHOPIFY_API_SECRET), clock);
    }

    UiSessions(Supplier<String> secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
    }

    private byte[] csrfKey() {
        return mac(secret.get().getBytes(StandardCharsets.UTF_8), "gstcomms-ui-csrf-v1");
    }

    /** Opens a session of API key {@code key} and answers the cookie value (the only copy of the token). */
    public String open(ApiKey key) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = B64.encodeToString(random);
        UiSession session = new UiSession();
        session.tokenHash = ApiKeys.hash(token);
        session.shopId = key.shopId;
        session.apiKeyId = key.id;
        session.role = key.role;
        session.expiresAt = OffsetDateTime.now(clock).plus(LIFETIME);
        // Ended sessions are worthless after their expiry; each sign-in sweeps those a day past it.
        inTransaction(() -> UiSession.delete("expiresAt < ?1", OffsetDateTime.now(clock).minusDays(1))
                .chain(() -> session.persist()));
        return token;
    }

    /** The stored hash of a cookie value that has the shape of a session token. */
    public Optional<String> tokenHash(String value) {
        return value != null && TOKEN.matcher(value).matches() ? Optional.of(ApiKeys.hash(value)) : Optional.empty();
    }

    /** Signing out: the session is refused from now on, wherever its cookie was copied to. */
    public void revoke(String value) {
        tokenHash(value).ifPresent(hash -> inTransaction(() ->
                UiSession.update("revokedAt = ?1 where tokenHash = ?2 and revokedAt is null", OffsetDateTime.now(clock), hash)));
    }

    /** The CSRF token bound to one session value. */
    public String csrfToken(String sessionValue) {
        return B64.encodeToString(mac(csrfKey(), sessionValue));
    }

    public boolean csrfMatches(String sessionValue, String token) {
        return token != null && MessageDigest.isEqual(csrfToken(sessionValue).getBytes(StandardCharsets.US_ASCII),
                token.strip().getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] mac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
