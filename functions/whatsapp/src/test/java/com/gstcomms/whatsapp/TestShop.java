package com.gstcomms.whatsapp;

import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.data.ShopCredential;
import com.gstcomms.runtime.data.Template;
import com.gstcomms.runtime.secrets.ProviderCredentials;
import com.gstcomms.testing.Sql;
import com.gstcomms.testing.TwilioStandIn;

import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * A shop with the rows a test needs (customers, WhatsApp templates, notifications), stored for real with
 * plain JDBC ({@link Sql}): the entities handed back are plain objects with their ids, so the same tests
 * run against the packaged function ({@link WhatsAppSendingIT}), where the app's Panache is out of reach.
 */
final class TestShop {

    final Shop shop;

    private TestShop(Shop shop) {
        this.shop = shop;
    }

    static TestShop create() {
        return create(false);
    }

    static TestShop withEmailFallback() {
        return create(true);
    }

    private static TestShop create(boolean emailFallback) {
        Shop shop = new Shop();
        shop.shopDomain = "wa-" + UUID.randomUUID() + ".myshopify.com";
        shop.tradeName = "Chai Point Traders";
        shop.legalName = "Chai Point Traders Pvt Ltd";
        shop.stateCode = "27";
        shop.phone = newMobileNumber();
        shop.whatsappFallbackToEmail = emailFallback;
        shop.id = db().insert("shop", "shop_domain", shop.shopDomain, "trade_name", shop.tradeName,
                "legal_name", shop.legalName, "state_code", shop.stateCode, "phone", shop.phone,
                "whatsapp_fallback_to_email", emailFallback);
        return new TestShop(shop);
    }

    long id() {
        return shop.id;
    }

    /** A Twilio account of the shop's own: its SID and auth token. */
    record TwilioAccount(String accountSid, String authToken) {
        /** A new account the stand-in accepts. */
        static TwilioAccount newAt(TwilioStandIn twilio) {
            TwilioAccount account = new TwilioAccount("AC" + UUID.randomUUID().toString().replace("-", ""),
                    UUID.randomUUID().toString().replace("-", ""));
            twilio.addAccount(account.accountSid(), account.authToken());
            return account;
        }
    }

    /** Saves the shop's own Twilio settings (as the API does): account, sender, optional cap, sealed token. */
    void saveTwilioSettings(ProviderCredentials credentials, String accountSid, String authToken, String sender,
                            Integer messagesPerSecond) {
        String settings = "{\"accountSid\": \"" + accountSid + "\", \"sender\": \"" + sender + "\""
                + (messagesPerSecond == null ? "" : ", \"messagesPerSecond\": " + messagesPerSecond) + "}";
        inTransaction(() -> credentials.save(shop.id, ShopCredential.Provider.TWILIO, settings, authToken));
    }

    /** The shop sends through a new Twilio account of its own. */
    TwilioAccount withOwnTwilioAccount(TwilioStandIn twilio, ProviderCredentials credentials, String sender,
                                       Integer messagesPerSecond) {
        TwilioAccount account = TwilioAccount.newAt(twilio);
        saveTwilioSettings(credentials, account.accountSid(), account.authToken(), sender, messagesPerSecond);
        return account;
    }

    /** A random valid Indian mobile number, +9198xxxxxxxx. */
    static String newMobileNumber() {
        return "+9198" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    static String newContentSid() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "HX" + HexFormat.of().formatHex(bytes);
    }

    /** An opted-in customer who last wrote {@code lastInbound} (null: never). */
    Customer customer(OffsetDateTime lastInbound) {
        return customer(newMobileNumber(), true, lastInbound);
    }

    Customer customer(String phone, boolean optedIn, OffsetDateTime lastInbound) {
        Customer c = new Customer();
        c.shopId = shop.id;
        c.firstName = "Asha";
        c.lastName = "Verma";
        c.email = "asha." + UUID.randomUUID().toString().substring(0, 8) + "@example.in";
        c.phone = phone;
        c.whatsappOptIn = optedIn;
        c.whatsappOptInAt = optedIn ? OffsetDateTime.now().minusDays(30) : null;
        c.lastInboundWhatsappAt = lastInbound;
        c.countryCode = "IN";
        c.id = db().insert("customer", "shop_id", c.shopId, "first_name", c.firstName, "last_name", c.lastName,
                "email", c.email, "phone", c.phone, "whatsapp_opt_in", c.whatsappOptIn,
                "whatsapp_opt_in_at", c.whatsappOptInAt, "last_inbound_whatsapp_at", c.lastInboundWhatsappAt,
                "country_code", c.countryCode);
        return c;
    }

    /** The shop's own WhatsApp template (locale en, version 1). */
    Template template(String kind, String contentSid, String bodyText, String... variables) {
        return template(shop.id, kind, "en", 1, contentSid, bodyText, variables);
    }

    /** A built-in template (no shop), for every shop on the platform account. */
    static Template builtIn(String kind, String locale, String contentSid, String bodyText, String... variables) {
        return template(null, kind, locale, 1, contentSid, bodyText, variables);
    }

    static Template template(Long shopId, String kind, String locale, int version, String contentSid,
                             String bodyText, String... variables) {
        Template t = new Template();
        t.shopId = shopId;
        t.channel = Channel.WHATSAPP;
        t.kind = kind;
        t.locale = locale;
        t.version = version;
        t.name = kind.toLowerCase() + "_" + locale;
        t.whatsappContentSid = contentSid;
        t.bodyText = bodyText;
        t.variables = variables;
        t.id = db().insert("template", "shop_id", shopId, "channel", "WHATSAPP", "kind", kind, "locale", locale,
                "version", version, "name", t.name, "whatsapp_content_sid", contentSid, "body_text", bodyText,
                "variables", variables == null ? new String[0] : variables);
        return t;
    }

    /** A QUEUED WhatsApp notification to the customer's phone. */
    Notification notification(Customer customer, String kind, String variablesJson, String... attachmentKeys) {
        return notificationTo(customer, customer.phone, kind, variablesJson, attachmentKeys);
    }

    /** A QUEUED WhatsApp notification to {@code recipient} as written (customer may be null). */
    Notification notificationTo(Customer customer, String recipient, String kind, String variablesJson,
                              String... attachmentKeys) {
        Notification n = new Notification();
        n.shopId = shop.id;
        n.customerId = customer == null ? null : customer.id;
        n.channel = Channel.WHATSAPP;
        n.kind = kind;
        n.locale = "en";
        n.recipient = recipient;
        n.variables = variablesJson;
        n.attachmentKeys = attachmentKeys;
        n.idempotencyKey = UUID.randomUUID().toString();
        n.queuedAt = OffsetDateTime.now();
        n.id = db().insert("notification", "shop_id", n.shopId, "customer_id", n.customerId, "channel", "WHATSAPP",
                "kind", kind, "locale", n.locale, "recipient", recipient, "variables", Sql.json(variablesJson),
                "attachment_keys", attachmentKeys, "idempotency_key", n.idempotencyKey, "status", n.status.name(),
                "queued_at", n.queuedAt);
        return n;
    }

    /** The notification as stored now (read with JDBC): what the tests check of it. */
    @SuppressWarnings("unchecked")
    static Notification reload(Notification n) {
        Map<String, Object> row = db().row("select * from notification where id = ?", n.id)
                .orElseThrow(() -> new AssertionError("no notification " + n.id));
        Notification back = new Notification();
        back.id = n.id;
        back.shopId = ((Number) row.get("shop_id")).longValue();
        back.customerId = (Long) row.get("customer_id");
        back.templateId = (Long) row.get("template_id");
        back.kind = (String) row.get("kind");
        back.locale = (String) row.get("locale");
        back.recipient = (String) row.get("recipient");
        back.variables = (String) row.get("variables");
        back.attachmentKeys = ((List<String>) row.get("attachment_keys")).toArray(String[]::new);
        back.status = NotificationStatus.valueOf((String) row.get("status"));
        back.idempotencyKey = (String) row.get("idempotency_key");
        back.provider = (String) row.get("provider");
        back.providerMessageId = (String) row.get("provider_message_id");
        back.attempts = (Integer) row.get("attempts");
        back.queuedAt = Sql.time(row.get("queued_at"));
        back.sentAt = Sql.time(row.get("sent_at"));
        back.deliveredAt = Sql.time(row.get("delivered_at"));
        back.readAt = Sql.time(row.get("read_at"));
        back.failedAt = Sql.time(row.get("failed_at"));
        back.leaseUntil = Sql.time(row.get("lease_until"));
        back.errorCode = (String) row.get("error_code");
        back.errorMessage = (String) row.get("error_message");
        return back;
    }

    static Sql db() {
        return Sql.ofApp();
    }
}
