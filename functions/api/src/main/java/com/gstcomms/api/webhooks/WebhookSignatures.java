package com.gstcomms.api.webhooks;

import com.gstcomms.api.ProvidersConfig;
import com.gstcomms.api.ShopifyConfig;
import com.gstcomms.runtime.secrets.PlatformSecret;
import com.gstcomms.runtime.secrets.PlatformSecrets;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * The three webhook signatures, checked over the exact bytes received and compared in constant time.
 * Only the JDK's own providers (EC, HmacSHA1, HmacSHA256): nothing to register for a native image.
 */
@ApplicationScoped
public class WebhookSignatures {

    private final ProvidersConfig.SendGrid sendGrid;
    private final PlatformSecrets secrets;
    private final ShopifyConfig shopify;
    private final Clock clock;
    private volatile PublicKey sendGridKey;

    public WebhookSignatures(ProvidersConfig.SendGrid sendGrid, PlatformSecrets secrets, ShopifyConfig shopify,
                             Clock clock) {
        this.clock = clock;
        this.sendGrid = sendGrid;
        this.secrets = secrets;
        this.shopify = shopify;
    }

    /**
     * SendGrid Signed Event Webhook: ECDSA P-256 / SHA-256 over the timestamp header followed by the raw
     * body; the signature is base64 DER, the key base64 X.509 SubjectPublicKeyInfo. A timestamp further than
     * {@code gstcomms.sendgrid.webhook-max-age} from now is refused, so a captured post cannot be replayed later.
     * Checked with the platform's key ({@code gstcomms.sendgrid.webhook-public-key}).
     *
     * @return null when valid, else why not (safe to log and answer)
     */
    public String checkSendGrid(byte[] body, String signature, String timestamp) {
        if (sendGrid.webhookPublicKey().isEmpty()) {
            return "no SendGrid verification key is configured (gstcomms.sendgrid.webhook-public-key)";
        }
        try {
            return checkSendGrid(body, signature, timestamp, platformSendGridKey());
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return "the platform's SendGrid verification key is not a base64 X.509 EC public key";
        }
    }

    /** The same check with a given verification key (a shop's own SendGrid account). */
    public String checkSendGrid(byte[] body, String signature, String timestamp, PublicKey key) {
        String refusal = checkSendGridHeaders(signature, timestamp);
        if (refusal != null) {
            return refusal;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(timestamp.getBytes(StandardCharsets.UTF_8));
            verifier.update(body);
            return verifier.verify(Base64.getDecoder().decode(signature.strip())) ? null
                    : "the SendGrid signature does not match the body";
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return "the SendGrid signature is malformed";
        }
    }

    /** Headers present and the timestamp within the allowed age: null, else why not. */
    public String checkSendGridHeaders(String signature, String timestamp) {
        if (signature == null || timestamp == null) {
            return "the SendGrid signature or timestamp header is missing";
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return "the SendGrid timestamp is not a number";
        }
        Duration age = Duration.ofSeconds(Math.abs(clock.instant().getEpochSecond() - sentAt));
        if (age.compareTo(sendGrid.webhookMaxAge()) > 0) {
            return "the SendGrid timestamp is " + age.toSeconds() + " s away from now (stale or replayed)";
        }
        return null;
    }

    public boolean hasPlatformSendGridKey() {
        return sendGrid.webhookPublicKey().isPresent();
    }

    private PublicKey platformSendGridKey() throws GeneralSecurityException {
        PublicKey key = sendGridKey;
        if (key == null) {
            key = sendGridKey(sendGrid.webhookPublicKey().orElseThrow());
            sendGridKey = key;
        }
        return key;
    }

    /**
     * A SendGrid verification key as SendGrid's settings page shows it: base64 of the X.509
     * SubjectPublicKeyInfo of an EC P-256 key.
     *
     * @throws IllegalArgumentException     not base64
     * @throws GeneralSecurityException not an EC public key
     */
    public static PublicKey sendGridKey(String base64) throws GeneralSecurityException {
        byte[] der = Base64.getDecoder().decode(base64.strip());
        PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        if (!(key instanceof java.security.interfaces.ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new java.security.spec.InvalidKeySpecException("not a P-256 key");
        }
        return key;
    }

    /**
     * Twilio: base64 HMAC-SHA1, keyed with the account's auth token, over the full public URL followed by
     * each POST parameter name and value, sorted by name (Twilio "Webhooks security").
     */
    public static boolean twilioMatches(String authToken, String url, Map<String, String> params, String signature) {
        if (signature == null || authToken == null) {
            return false;
        }
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        byte[] expected = hmac("HmacSHA1", authToken, data.toString().getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(Base64.getEncoder().encode(expected), signature.strip().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Shopify: base64 HMAC-SHA256 of the raw body with the app's client secret (X-Shopify-Hmac-Sha256), or
     * with the previous secret during the hour after a rotation, when Shopify may still sign with it.
     */
    public boolean shopifyMatches(byte[] body, String hmacHeader) {
        if (hmacHeader == null) {
            return false;
        }
        byte[] given = hmacHeader.strip().getBytes(StandardCharsets.US_ASCII);
        boolean current = MessageDigest.isEqual(Base64.getEncoder().encode(hmac("HmacSHA256", secrets.required(PlatformSecret.SHOPIFY_API_SECRET), body)), given);
        boolean previous = shopify.previousApiSecret().filter(secret -> !secret.isBlank())
                .map(secret -> MessageDigest.isEqual(Base64.getEncoder().encode(hmac("HmacSHA256", secret, body)), given))
                .orElse(false);
        return current | previous;
    }

    private static byte[] hmac(String algorithm, String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
