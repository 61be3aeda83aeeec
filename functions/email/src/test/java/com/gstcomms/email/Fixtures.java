package com.gstcomms.email;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.testing.Sql;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * Rows the tests start from: a shop, its customers, queued notifications. The {@code ...Row} methods
 * write and read them with plain JDBC, from outside the app, so that tests using only them also run
 * against the packaged function ({@link EmailQueueHandlerIT}).
 */
final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    static Shop shop() {
        Shop shop = new Shop();
        shop.shopDomain = "kala-" + UUID.randomUUID() + ".myshopify.com";
        shop.tradeName = "Kala Handlooms";
        shop.legalName = "Kala Handlooms Private Limited";
        shop.email = "accounts@kala.example.in";
        shop.stateCode = "27";
        inTransaction(shop::persist);
        return shop;
    }

    static Customer customer(long shopId, String first, String last, String email, boolean emailOptIn,
                             String locale, String... tags) {
        Customer c = new Customer();
        c.shopId = shopId;
        c.firstName = first;
        c.lastName = last;
        c.email = email;
        c.emailOptIn = emailOptIn;
        c.locale = locale;
        c.tags = tags;
        inTransaction(c::persist);
        return c;
    }

    static Notification queued(long shopId, String kind, String locale, String recipient, Map<String, Object> variables,
                               String... attachmentKeys) {
        Notification n = new Notification();
        n.shopId = shopId;
        n.channel = Channel.EMAIL;
        n.kind = kind;
        n.locale = locale;
        n.recipient = recipient;
        n.variables = json(variables);
        n.attachmentKeys = attachmentKeys;
        n.idempotencyKey = UUID.randomUUID().toString();
        n.status = NotificationStatus.QUEUED;
        n.queuedAt = OffsetDateTime.now();
        inTransaction(n::persist);
        return n;
    }

    /** The shop of {@link #shop()}, written with JDBC; its id. */
    static long shopRow() {
        return Sql.ofApp().insert("shop",
                "shop_domain", "kala-" + UUID.randomUUID() + ".myshopify.com",
                "trade_name", "Kala Handlooms",
                "legal_name", "Kala Handlooms Private Limited",
                "email", "accounts@kala.example.in",
                "state_code", "27");
    }

    /** A notification as {@link #queued} makes it, written with JDBC; its id. */
    static long queuedRow(long shopId, String kind, String locale, String recipient, Map<String, Object> variables,
                          String... attachmentKeys) {
        return Sql.ofApp().insert("notification",
                "shop_id", shopId,
                "channel", "EMAIL",
                "kind", kind,
                "locale", locale,
                "recipient", recipient,
                "variables", Sql.json(json(variables)),
                "attachment_keys", attachmentKeys,
                "idempotency_key", UUID.randomUUID().toString(),
                "status", "QUEUED",
                "queued_at", Instant.now());
    }

    /** The notification's row, read with JDBC: column name → value. */
    static Map<String, Object> notificationRow(long id) {
        return Sql.ofApp().row("select * from notification where id = ?", id)
                .orElseThrow(() -> new AssertionError("no notification " + id));
    }

    static Notification reload(long id) {
        return inTransaction(() -> Notification.<Notification>findById(id));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
