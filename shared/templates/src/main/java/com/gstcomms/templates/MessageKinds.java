package com.gstcomms.templates;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;

/**
 * The kinds of message that have built-in templates. A notification's {@code kind} is one of these or
 * a shop's own kind (any upper-case name), which then needs a template of the shop's.
 */
public final class MessageKinds {
    public static final String INVOICE_DELIVERY = "INVOICE_DELIVERY";
    public static final String PAYMENT_REMINDER = "PAYMENT_REMINDER";
    public static final String ORDER_CONFIRMATION = "ORDER_CONFIRMATION";
    public static final String SHIPPING_UPDATE = "SHIPPING_UPDATE";
    public static final String CAMPAIGN = "CAMPAIGN";

    /** Kinds with built-in templates, in English ("en") and Hindi ("hi"). */
    public static final List<String> BUILT_IN = List.of(INVOICE_DELIVERY, PAYMENT_REMINDER, ORDER_CONFIRMATION,
            SHIPPING_UPDATE, CAMPAIGN);

    /** Locales of the built-in templates; "en" is the last resort of every lookup. */
    public static final List<String> BUILT_IN_LOCALES = List.of("en", "hi");

    /** Variables every message has: the shop's and the customer's names; bulk mail adds its unsubscribe link. */
    public static final List<String> STANDARD_VARIABLES = List.of("shopName", "customerName", "unsubscribeUrl");

    /** The documented variables of each built-in kind (shared/templates README), optional ones included. */
    private static final Map<String, List<String>> VARIABLES = Map.of(
            INVOICE_DELIVERY, List.of("invoiceNumber", "invoiceDate", "amount", "dueDate", "invoiceUrl"),
            PAYMENT_REMINDER, List.of("invoiceNumber", "amountDue", "dueDate", "daysOverdue", "paymentLink",
                    "invoiceUrl"),
            ORDER_CONFIRMATION, List.of("orderRef", "orderTotal", "orderDate"),
            SHIPPING_UPDATE, List.of("orderRef", "status", "courier", "awb", "trackingUrl"),
            CAMPAIGN, List.of("subject", "message", "heading", "ctaText", "ctaUrl"));

    private MessageKinds() {
    }

    /**
     * The variables a template of this kind may read: the standard ones, the documented ones of a built-in
     * kind, and those the template itself declares (how a shop documents the variables of a kind of its own,
     * and the order of an approved WhatsApp template's placeholders).
     */
    public static Set<String> variables(String kind, Collection<String> declared) {
        Set<String> all = new LinkedHashSet<>(STANDARD_VARIABLES);
        all.addAll(VARIABLES.getOrDefault(kind, List.of()));
        for (String name : declared) {
            if (name != null && name.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
                all.add(name);
            }
        }
        return all;
    }

    /** "INVOICE_DELIVERY" → "invoice-delivery", the folder of its built-in template. */
    static String folder(String kind) {
        return kind.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
