package com.gstcomms.api.ui;

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
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The pages' sign-in session: an HttpOnly, SameSite=Strict cookie holding {@code keyId.expiry.nonce.mac},
 * never the key itself. The MAC is HMAC-SHA256 under a key derived from the app secret (one label per use,
 * so a session MAC can never be replayed as a CSRF token or a Shopify signature). The key id is looked up
 * on every request (see CallerAuthentication), so revoking the key ends its sessions at once.
 *
 * <p>CSRF: every state-changing request of a cookie session must carry {@code X-CSRF-Token}, the MAC of
 * the session under a second label; the layout hands it to htmx ({@code hx-headers} on the body). Another
 * site can neither read it nor (SameSite=Strict) make the browser send the cookie.
 */
@ApplicationScoped
public class UiSessions {

    public static final String COOKIE = "gc_ui";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** Short-lived: a signed-in tab is good for a working day; then the key is asked for again. */
    public static final Duration LIFETIME = Duration.ofHours(8);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** The app secret, asked on every use: it is read from Secrets Manager and may be rotated. */
    private final Supplier<String> secret;
    private final Clock clock;

    @jakarta.inject.Inject
    public UiSessions(PlatformSecrets secrets) {
        this(() -> secrets.required(PlatformSecret.SHOPIFY_API_SECRET), Clock.systemUTC());
    }

    UiSessions(String secret, Clock clock) {
        this(() -> secret, clock);
    }

    private UiSessions(Supplier<String> secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
    }

    private byte[] sessionKey() {
        return mac(secret.get().getBytes(StandardCharsets.UTF_8), "gstcomms-ui-session-v1");
    }

    private byte[] csrfKey() {
        return mac(secret.get().getBytes(StandardCharsets.UTF_8), "gstcomms-ui-csrf-v1");
    }

    /** A new session value for API key {@code keyId}. */
    public String open(long keyId) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        String payload = keyId + "." + clock.instant().plus(LIFETIME).getEpochSecond() + "." + B64.encodeToString(nonce);
        return payload + "." + B64.encodeToString(mac(sessionKey(), payload));
    }

    /** The key id of a session value whose MAC matches and which has not expired. */
    public Optional<Long> keyId(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        String payload = parts[0] + "." + parts[1] + "." + parts[2];
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(sessionKey(), payload), given)) {
            return Optional.empty();
        }
        try {
            if (Long.parseLong(parts[1]) < clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(parts[0]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
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
