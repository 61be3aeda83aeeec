package com.gstcomms.templates;

import java.util.List;
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

    private MessageKinds() {
    }

    /** "INVOICE_DELIVERY" → "invoice-delivery", the folder of its built-in template. */
    static String folder(String kind) {
        return kind.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
