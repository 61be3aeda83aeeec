package com.gstcomms.api.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.gstcomms.api.ShopifyConfig;
import com.gstcomms.api.http.Json;
import com.gstcomms.runtime.secrets.PlatformSecret;
import com.gstcomms.runtime.secrets.PlatformSecrets;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks a Shopify session token: a JWT signed HS256 with the app's secret (Shopify docs, "Session
 * tokens"). The signature is compared in constant time; {@code exp} and {@code nbf} are checked with a
 * few seconds of leeway; {@code aud} must be the app's key; the shop is the host of {@code dest}, and
 * {@code iss} must be that shop's admin. Plain javax.crypto: nothing to register for native images.
 */
@ApplicationScoped
public class SessionTokens {

    private final ShopifyConfig shopify;
    private final PlatformSecrets secrets;
    private final Clock clock;

    public SessionTokens(ShopifyConfig shopify, PlatformSecrets secrets, Clock clock) {
        this.shopify = shopify;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** The verified claims that matter to us. */
    public record Session(String shopDomain, String userId) {
    }

    /** Why a token was refused; the message is safe to show (it never repeats the token). */
    public static final class InvalidToken extends Exception {
        InvalidToken(String reason) {
            super(reason, null, false, false);
        }
    }

    public Session verify(String token) throws InvalidToken {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidToken("the session token is not a JWT (three dot-separated parts)");
        }
        JsonNode header = decodeJson(parts[0], "header");
        // Only HS256: refusing "none" and others stops algorithm-substitution attacks.
        if (!"HS256".equals(header.path("alg").asText())) {
            throw new InvalidToken("the session token must be signed with HS256");
        }
        byte[] expected = hmac(secrets.required(PlatformSecret.SHOPIFY_API_SECRET), (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new InvalidToken("the session token's signature is not base64url");
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw new InvalidToken("the session token's signature does not match this app's secret");
        }
        JsonNode claims = decodeJson(parts[1], "payload");
        long now = clock.instant().getEpochSecond();
        long leeway = shopify.tokenLeeway().toSeconds();
        if (!claims.path("exp").canConvertToLong() || claims.path("exp").asLong() + leeway < now) {
            throw new InvalidToken("the session token has expired");
        }
        if (claims.has("nbf") && claims.path("nbf").asLong() - leeway > now) {
            throw new InvalidToken("the session token is not valid yet (nbf)");
        }
        if (!audienceMatches(claims.path("aud"))) {
            throw new InvalidToken("the session token was issued for another app (aud)");
        }
        String shop = host(claims.path("dest").asText(null)).orElseThrow(
                () -> new InvalidToken("the session token has no shop (dest)"));
        if (!shop.endsWith(".myshopify.com")) {
            throw new InvalidToken("the session token's dest is not a myshopify.com shop");
        }
        if (claims.has("iss") && !host(claims.path("iss").asText()).map(shop::equals).orElse(false)) {
            throw new InvalidToken("the session token's issuer is not the shop it names");
        }
        return new Session(shop, claims.path("sub").asText(null));
    }

    private boolean audienceMatches(JsonNode aud) {
        if (aud.isArray()) {
            for (JsonNode a : aud) {
                if (shopify.apiKey().equals(a.asText())) {
                    return true;
                }
            }
            return false;
        }
        return shopify.apiKey().equals(aud.asText());
    }

    private static Optional<String> host(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(URI.create(url).getHost()).map(h -> h.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static JsonNode decodeJson(String part, String what) throws InvalidToken {
        try {
            JsonNode node = Json.mapper().readTree(Base64.getUrlDecoder().decode(part));
            if (node == null || !node.isObject()) {
                throw new InvalidToken("the session token's " + what + " is not a JSON object");
            }
            return node;
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new InvalidToken("the session token's " + what + " is not base64url JSON");
        }
    }

    static byte[] hmac(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
