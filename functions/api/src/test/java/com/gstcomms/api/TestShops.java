package com.gstcomms.api;

import com.gstcomms.api.auth.ApiKeys;
import com.gstcomms.runtime.data.ApiKey;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Shop;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import static com.gstcomms.runtime.work.Transactions.inTransaction;

/** A fresh shop per test, with one API key per role, created straight in the database. */
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
        inTransaction(shop::persist);
        Map<ApiKey.Role, String> keys = new EnumMap<>(ApiKey.Role.class);
        for (ApiKey.Role role : ApiKey.Role.values()) {
            ApiKeys.NewKey key = new ApiKeys().create(shop.id, role.name().toLowerCase() + " key", role, "test");
            inTransaction(() -> key.row().persist());
            keys.put(role, key.key());
        }
        return new TestShop(shop, keys);
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
        inTransaction(c::persist);
        return c;
    }
}
