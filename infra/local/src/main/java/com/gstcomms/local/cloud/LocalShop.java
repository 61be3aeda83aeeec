package com.gstcomms.local.cloud;

import com.gstcomms.core.gstin.GstinValidator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The shop every local cloud starts with: {@code demo.myshopify.com}, a supplier in Maharashtra (state
 * 27, GSTIN 27AAPFU0939F1ZV) with a UPI ID, and one OWNER API key. Shops arrive through the Shopify app
 * install in production; the API has no call that creates one, so the local cloud writes the rows itself,
 * the way the API stores keys (functions/api ApiKeys: {@code gc_live_} + 32 base62 characters, only the
 * SHA-256 stored, the first 12 characters kept readable).
 */
public final class LocalShop {

    public static final String DOMAIN = "demo.myshopify.com";
    public static final String GSTIN = "27AAPFU0939F1ZV";
    public static final String UPI_ID = "demokirana@okaxis";
    static final String KEY_PREFIX = "gc_live_";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The shop's id and its OWNER key (shown once to the developer; never logged elsewhere). */
    public record Created(long shopId, String domain, String apiKey, boolean keyWasGenerated) {
        @Override
        public String toString() {
            return "LocalShop[" + shopId + ", " + domain + "]";
        }
    }

    private LocalShop() {
    }

    static Created create(LocalDatabase database, String requestedKey) {
        if (!GstinValidator.validate(GSTIN).isValid()) {
            throw new IllegalStateException("the local shop's GSTIN does not validate: " + GSTIN);
        }
        String key = requestedKey == null || requestedKey.isBlank() ? newKey() : requestedKey.trim();
        long shopId = database.count("select nextval('shop_seq')");
        database.update("""
                insert into shop (id, shop_domain, legal_name, trade_name, address_line1, address_line2, city,
                                  state_code, pin, gstin, email, phone, upi_id, prices_include_tax, invoice_prefix,
                                  whatsapp_fallback_to_email, settings)
                values (?, ?, 'Demo Kirana and Textiles Private Limited', 'Demo Kirana', '12, Laxmi Road',
                        'Shaniwar Peth', 'Pune', '27', '411030', ?, 'accounts@demo-kirana.example.in',
                        '+912024450000', ?, true, 'MH', true, '{}'::jsonb)
                """, shopId, DOMAIN, GSTIN, UPI_ID);
        long keyId = database.count("select nextval('api_key_seq')");
        database.update("""
                insert into api_key (id, shop_id, name, key_prefix, key_hash, role, created_by)
                values (?, ?, 'local cloud owner key', ?, ?, 'OWNER', 'gstcomms up')
                """, keyId, shopId, key.substring(0, Math.min(12, key.length())), sha256(key));
        return new Created(shopId, DOMAIN, key, requestedKey == null || requestedKey.isBlank());
    }

    static String newKey() {
        StringBuilder key = new StringBuilder(KEY_PREFIX);
        for (int i = 0; i < 32; i++) {
            key.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return key.toString();
    }

    static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
