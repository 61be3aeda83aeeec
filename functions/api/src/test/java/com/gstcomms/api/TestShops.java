package com.gstcomms.api;

import com.gstcomms.api.auth.ApiKeys;
import com.gstcomms.runtime.data.ApiKey;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Product;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.testing.Sql;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh shop per test, with one API key per role, created straight in the database with plain JDBC
 * ({@link Sql}): the entities handed back are plain objects with their ids, so tests using them also run
 * against the packaged function ({@link AuthenticationIT}), where the app's Panache is out of reach.
 */
public final class TestShops {

    private TestShops() {
    }

    public record TestShop(Shop shop, Map<ApiKey.Role, String> keys) {
        public long id() {
            return shop.id;
        }

        public String domain() {
            return shop.shopDomain;
        }

        public String owner() {
            return keys.get(ApiKey.Role.OWNER);
        }

        public String staff() {
            return keys.get(ApiKey.Role.STAFF);
        }

        public String viewer() {
            return keys.get(ApiKey.Role.VIEWER);
        }
    }

    public static TestShop create() {
        Shop shop = new Shop();
        shop.shopDomain = "t-" + UUID.randomUUID().toString().substring(0, 12) + ".myshopify.com";
        shop.legalName = "Asha Handlooms Private Limited";
        shop.tradeName = "Asha Handlooms";
        shop.addressLine1 = "12 MG Road";
        shop.city = "Pune";
        shop.stateCode = "27";
        shop.pin = "411001";
        shop.gstin = "27AAPFU0939F1ZV";
        shop.email = "accounts@asha.example.in";
        shop.invoicePrefix = "ASH";
        Sql db = Sql.ofApp();
        shop.id = db.insert("shop", "shop_domain", shop.shopDomain, "legal_name", shop.legalName,
                "trade_name", shop.tradeName, "address_line1", shop.addressLine1, "city", shop.city,
                "state_code", shop.stateCode, "pin", shop.pin, "gstin", shop.gstin, "email", shop.email,
                "invoice_prefix", shop.invoicePrefix);
        Map<ApiKey.Role, String> keys = new EnumMap<>(ApiKey.Role.class);
        for (ApiKey.Role role : ApiKey.Role.values()) {
            ApiKeys.NewKey key = new ApiKeys().create(shop.id, role.name().toLowerCase() + " key", role, "test");
            ApiKey row = key.row();
            row.id = db.insert("api_key", "shop_id", row.shopId, "name", row.name, "key_prefix", row.keyPrefix,
                    "key_hash", row.keyHash, "role", row.role.name(), "created_by", row.createdBy);
            keys.put(role, key.key());
        }
        return new TestShop(shop, keys);
    }

    /**
     * Records Shopify user {@code userId} as the shop's account owner (what the install flow stores from the
     * online access token's {@code associated_user.account_owner}): that user's sessions are OWNER.
     */
    public static void ownedByShopifyUser(TestShop shop, String userId) {
        Sql.ofApp().update("update shop set owner_user_id = ? where id = ?", userId, shop.id());
    }

    /** A catalogue item (SKU → HSN/SAC and GST rate), as the products import stores it. */
    public static Product product(long shopId, String sku, String name, String hsnSac, String gstRate) {
        Product p = new Product();
        p.shopId = shopId;
        p.sku = sku;
        p.name = name;
        p.hsnSac = hsnSac;
        p.gstRate = new BigDecimal(gstRate);
        p.id = Sql.ofApp().insert("product", "shop_id", shopId, "sku", sku, "name", name, "hsn_sac", hsnSac,
                "gst_rate", p.gstRate);
        return p;
    }

    public static Customer customer(long shopId, String email, String phone, boolean whatsappOptIn) {
        Customer c = new Customer();
        c.shopId = shopId;
        c.firstName = "Priya";
        c.lastName = "Gupta";
        c.email = email;
        c.phone = phone;
        c.whatsappOptIn = whatsappOptIn;
        c.emailOptIn = true;
        c.address1 = "7 Station Road";
        c.city = "Chennai";
        c.stateCode = "33";
        c.pin = "600001";
        c.countryCode = "IN";
        c.tags = new String[] {"vip"};
        c.id = Sql.ofApp().insert("customer", "shop_id", shopId, "first_name", c.firstName, "last_name", c.lastName,
                "email", email, "phone", phone, "whatsapp_opt_in", whatsappOptIn, "email_opt_in", true,
                "address1", c.address1, "city", c.city, "state_code", c.stateCode, "pin", c.pin,
                "country_code", c.countryCode, "tags", c.tags);
        return c;
    }
}
