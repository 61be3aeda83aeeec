package com.gstcomms.api.webhooks;

import com.gstcomms.api.ProvidersConfig;
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
    private final Clock clock = Clock.systemUTC();
    private volatile PublicKey sendGridKey;

    public WebhookSignatures(ProvidersConfig.SendGrid sendGrid, PlatformSecrets secrets) {
        this.sendGrid = sendGrid;
        this.secrets = secrets;
    }

    /**
     * SendGrid Signed Event Webhook: ECDSA P-256 / SHA-256 over the timestamp header followed by the raw
     * body; the signature is base64 DER, the key base64 X.509 SubjectPublicKeyInfo. A timestamp further than
     * {@code gstcomms.sendgrid.webhook-max-age} from now is refused, so a captured post cannot be replayed later.
     *
     * @return null when valid, else why not (safe to log and answer)
     */
    public String checkSendGrid(byte[] body, String signature, String timestamp) {
        if (sendGrid.webhookPublicKey().isEmpty()) {
            return "no SendGrid verification key is configured (gstcomms.sendgrid.webhook-public-key)";
        }
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
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(sendGridKey());
            verifier.update(timestamp.getBytes(StandardCharsets.UTF_8));
            verifier.update(body);
            return verifier.verify(Base64.getDecoder().decode(signature.strip())) ? null
                    : "the SendGrid signature does not match the body";
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return "the SendGrid signature is malformed";
        }
    }

    private PublicKey sendGridKey() throws GeneralSecurityException {
        PublicKey key = sendGridKey;
        if (key == null) {
            byte[] der = Base64.getDecoder().decode(sendGrid.webhookPublicKey().orElseThrow().strip());
            key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
            sendGridKey = key;
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

    /** Shopify: base64 HMAC-SHA256 of the raw body with the app's secret (X-Shopify-Hmac-Sha256). */
    public boolean shopifyMatches(byte[] body, String hmacHeader) {
        if (hmacHeader == null) {
            return false;
        }
        byte[] expected = hmac("HmacSHA256", secrets.required(PlatformSecret.SHOPIFY_API_SECRET), body);
        return MessageDigest.isEqual(Base64.getEncoder().encode(expected), hmacHeader.strip().getBytes(StandardCharsets.US_ASCII));
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
