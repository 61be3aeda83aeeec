package com.gstcomms.api.auth;

import com.gstcomms.runtime.data.ApiKey;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * API keys: {@code gc_live_} + 32 random base62 characters (190 bits). Only the SHA-256 of a key is
 * stored: a fast hash is enough for a random secret of this length (there is no dictionary to try), and
 * it lets a request find its key with one indexed lookup. The key is shown once, when created.
 */
@ApplicationScoped
public class ApiKeys {

    public static final String PREFIX = "gc_live_";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How much of a key is kept readable so the owner can tell keys apart. */
    static final int SHOWN_PREFIX = 12;

    public static String newKey() {
        StringBuilder key = new StringBuilder(PREFIX);
        for (int i = 0; i < 32; i++) {
            key.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return key.toString();
    }

    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** A new key row (not yet persisted) and the key in clear, which the caller shows once. */
    public NewKey create(long shopId, String name, ApiKey.Role role, String createdBy) {
        String key = newKey();
        ApiKey row = new ApiKey();
        row.shopId = shopId;
        row.name = name;
        row.role = role;
        row.keyPrefix = key.substring(0, SHOWN_PREFIX);
        row.keyHash = hash(key);
        row.createdBy = createdBy;
        return new NewKey(row, key);
    }

    public record NewKey(ApiKey row, String key) {
        @Override
        public String toString() {
            return "NewKey[" + row.keyPrefix + "…]";
        }
    }
}
