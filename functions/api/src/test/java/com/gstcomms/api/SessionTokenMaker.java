package com.gstcomms.api;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Makes Shopify-shaped session tokens (HS256 JWT) the way App Bridge receives them, for tests. */
public final class SessionTokenMaker {

    public static final String APP_KEY = "test-app-key";
    public static final String APP_SECRET = "test-app-secret-0123456789";

    private SessionTokenMaker() {
    }

    /** The Shopify user id ({@code sub}) of the tokens that do not name one. */
    public static final String USER_ID = "42";

    public static String valid(String shopDomain) {
        return valid(shopDomain, USER_ID);
    }

    /** A token of Shopify user {@code userId} (its {@code sub}). */
    public static String valid(String shopDomain, String userId) {
        long now = Instant.now().getEpochSecond();
        return token(shopDomain, APP_KEY, now + 60, now - 5, APP_SECRET, "HS256", userId);
    }

    public static String token(String shopDomain, String aud, long exp, long nbf, String secret, String alg) {
        return token(shopDomain, aud, exp, nbf, secret, alg, USER_ID);
    }

    public static String token(String shopDomain, String aud, long exp, long nbf, String secret, String alg, String userId) {
        String header = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}";
        long now = Instant.now().getEpochSecond();
        String payload = """
                {"iss":"https://%1$s/admin","dest":"https://%1$s","aud":"%2$s","sub":"%6$s","exp":%3$d,"nbf":%4$d,\
                "iat":%5$d,"jti":"f8912129-1af6-4cad-9ca3-76b0f7621087","sid":"aaea182f2732d44c23057c0fea584021a4485b2bd25d3eb7fd349313ad24c685"}"""
                .formatted(shopDomain, aud, exp, nbf, now, userId);
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + b64(hmac(secret, signingInput));
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
