package com.gstcomms.templates;

import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Shop;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables every message gets unless its own variables set them, so the API's preview and the
 * sending functions fill templates the same way:
 * <ul>
 *   <li>{@code shopName}: the shop's trade name, else its legal name, else its myshopify domain name;</li>
 *   <li>{@code customerName}: the customer's name, else "Customer" ("ग्राहक" in Hindi).</li>
 * </ul>
 * Bulk messages also get {@code unsubscribeUrl} (from {@code UnsubscribeLinks}), added by the sender.
 */
public final class StandardVariables {

    private StandardVariables() {
    }

    /** The message's variables with the standard ones added where missing; the input is not changed. */
    public static Map<String, Object> complete(Map<String, ?> variables, Shop shop, Customer customer, String locale) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("shopName", shopName(shop));
        all.put("customerName", customer != null && !customer.displayName().isBlank() ? customer.displayName()
                : locale != null && locale.toLowerCase(java.util.Locale.ROOT).startsWith("hi") ? "ग्राहक" : "Customer");
        if (variables != null) {
            variables.forEach((k, v) -> {
                if (v != null) {
                    all.put(k, v);
                }
            });
        }
        return all;
    }

    public static String shopName(Shop shop) {
        if (shop.tradeName != null && !shop.tradeName.isBlank()) {
            return shop.tradeName.trim();
        }
        if (shop.legalName != null && !shop.legalName.isBlank()) {
            return shop.legalName.trim();
        }
        String domain = shop.shopDomain == null ? "" : shop.shopDomain;
        return domain.endsWith(".myshopify.com") ? domain.substring(0, domain.length() - ".myshopify.com".length()) : domain;
    }
}
