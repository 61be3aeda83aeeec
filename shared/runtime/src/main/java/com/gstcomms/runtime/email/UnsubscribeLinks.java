package com.gstcomms.runtime.email;

import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.secrets.PlatformSecret;
import com.gstcomms.runtime.secrets.PlatformSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The unsubscribe link of bulk messages: the email function puts it in the body and in the
 * {@code List-Unsubscribe} header (RFC 2369) with {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}
 * (RFC 8058, required by Gmail and Yahoo for bulk senders since 2024); the API verifies it and adds a
 * {@code Suppression} (reason UNSUBSCRIBED).
 *
 * <p><b>Link:</b> {@code {gstcomms.api.base-url}/v1/unsubscribe/{token}}. The API must answer a POST
 * with body {@code List-Unsubscribe=One-Click} (what mail clients send, no cookies, no confirmation
 * page); a GET (a person clicking the link in the body, or a mail scanner following it) must change
 * nothing and shows a page whose form POSTs.
 *
 * <p><b>Token:</b> {@code base64url(payload) "." base64url(HMAC-SHA256(secret, "gstcomms-unsubscribe:" + payload))},
 * unpadded, where {@code payload = "1|" + shopId + "|" + CHANNEL + "|" + address} (UTF-8; version 1;
 * the email address in lower case, a WhatsApp number in E.164). The secret is
 * the platform secret {@code UNSUBSCRIBE_SECRET} ({@link PlatformSecrets}: Secrets Manager in AWS, else
 * {@code gstcomms.unsubscribe.secret}; at least 32 characters, the same in the email function and the
 * API). The address is readable by whoever holds the link — only the recipient does — but cannot be
 * changed without the secret, so a link unsubscribes exactly one address of one shop.
 */
@ApplicationScoped
public class UnsubscribeLinks {

    public static final String PATH = "/v1/unsubscribe/";
    private static final String VERSION = "1";
    private static final String DOMAIN = "gstcomms-unsubscribe:";
    private static final int MIN_SECRET_LENGTH = 32;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();

    private final String apiBaseUrl;
    /** Asked on every use: in AWS the secret is read from Secrets Manager and may be rotated. */
    private final Supplier<Optional<String>> secret;

    @Inject
    public UnsubscribeLinks(@ConfigProperty(name = "gstcomms.api.base-url", defaultValue = "http://localhost:8080")
                            String apiBaseUrl, PlatformSecrets secrets) {
        this(apiBaseUrl, () -> secrets.value(PlatformSecret.UNSUBSCRIBE_SECRET));
    }

    /** With a fixed secret (tests). */
    public UnsubscribeLinks(String apiBaseUrl, Optional<String> secret) {
        this(apiBaseUrl, () -> secret);
    }

    private UnsubscribeLinks(String apiBaseUrl, Supplier<Optional<String>> secret) {
        this.apiBaseUrl = apiBaseUrl.endsWith("/") ? apiBaseUrl.substring(0, apiBaseUrl.length() - 1) : apiBaseUrl;
        this.secret = () -> secret.get().filter(s -> !s.isBlank());
    }

    /** What an unsubscribe link stands for. */
    public record Unsubscribe(long shopId, Channel channel, String address) {
    }

    /** True when a secret long enough is configured (links can be made and checked). */
    public boolean configured() {
        return secret.get().filter(s -> s.length() >= MIN_SECRET_LENGTH).isPresent();
    }

    /** The link for one recipient of one shop on one channel. */
    public URI linkFor(long shopId, Channel channel, String address) {
        return URI.create(apiBaseUrl + PATH + tokenFor(shopId, channel, address));
    }

    public String tokenFor(long shopId, Channel channel, String address) {
        String payload = VERSION + "|" + shopId + "|" + channel.name() + "|" + normalise(channel, address);
        return B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(mac(payload));
    }

    /** The recipient a token stands for; empty when it is malformed or was not made with our secret. */
    public Optional<Unsubscribe> verify(String token) {
        if (token == null || token.length() > 1_000) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            String payload = new String(B64_DECODE.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] signature = B64_DECODE.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(payload))) {   // constant time
                return Optional.empty();
            }
            String[] parts = payload.split("\\|", 4);
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                return Optional.empty();
            }
            return Optional.of(new Unsubscribe(Long.parseLong(parts[1]), Channel.valueOf(parts[2]), parts[3]));
        } catch (IllegalArgumentException e) {   // bad base64, number or channel
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        String key = secret.get().orElseThrow(() -> new IllegalStateException(
                "gstcomms.unsubscribe.secret is not configured: bulk messages need it for their unsubscribe links"));
        if (key.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("gstcomms.unsubscribe.secret must be at least " + MIN_SECRET_LENGTH
                    + " characters long");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal((DOMAIN + payload).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String normalise(Channel channel, String address) {
        String trimmed = address.trim();
        return channel == Channel.EMAIL ? trimmed.toLowerCase(Locale.ROOT) : trimmed;
    }
}
