package com.gstcomms.runtime.data;

import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.Db;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every entity written to the real PostgreSQL (schema from the Flyway migration) and read back. */
@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false)
class EntityRoundTripTest {

    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 25, 10, 30, 0, 0, ZoneOffset.ofHoursMinutes(5, 30))
            .truncatedTo(ChronoUnit.MICROS);

    private Shop shop;

    @BeforeEach
    void newShop() {
        Shop s = new Shop();
        s.shopDomain = "rt-" + UUID.randomUUID() + ".myshopify.com";
        s.legalName = "Kala Handlooms Pvt Ltd";
        s.stateCode = "27";
        s.gstin = "27AAPFU0939F1ZV";
        s.upiId = "kala@okaxis";
        s.settings = "{\"quietHours\": {\"start\": \"21:00\", \"end\": \"09:00\"}}";
        shop = Db.tx(s::persist);
    }

    private static <T extends PanacheEntity> T reload(Class<T> type, Long id) {
        return Db.tx(() -> Panache.getSession().chain(session -> session.find(type, id)));
    }

    private static <T extends PanacheEntity> T persist(T entity) {
        return Db.tx(entity::persist);
    }

    @Test
    void shopKeepsItsSupplierDetailsAndJsonSettings() {
        Shop back = reload(Shop.class, shop.id);
        assertThat(back.legalName).isEqualTo("Kala Handlooms Pvt Ltd");
        assertThat(back.gstin).isEqualTo("27AAPFU0939F1ZV");
        assertThat(back.pricesIncludeTax).isTrue();
        assertThat(back.invoicePrefix).isEqualTo("INV");
        assertThat(back.settings).contains("quietHours").contains("21:00");
        Shop byDomain = Db.tx(() -> Shop.findByDomain(shop.shopDomain));
        assertThat(byDomain.id).isEqualTo(shop.id);
    }

    @Test
    void twoShopsCannotShareADomain() {
        Shop twin = new Shop();
        twin.shopDomain = shop.shopDomain;
        assertThatThrownBy(() -> Db.tx(twin::persist)).hasStackTraceContaining("shop_shop_domain_key");
    }

    @Test
    void credentialKeepsSealedBytesAndHint() {
        ShopCredential c = new ShopCredential();
        c.shopId = shop.id;
        c.provider = ShopCredential.Provider.SENDGRID;
        c.secretCiphertext = new byte[] {1, 2, 3, (byte) 0xff};
        c.secretWrappedKey = new byte[] {9, 8, 7};
        c.secretKeyRef = "local:abc";
        c.secretHint = "****abcd";
        c.settings = "{\"fromEmail\": \"billing@kala.in\"}";
        persist(c);
        ShopCredential back = Db.tx(() -> ShopCredential.findFor(shop.id, ShopCredential.Provider.SENDGRID));
        assertThat(back.secretCiphertext).containsExactly(1, 2, 3, 0xff);
        assertThat(back.secretWrappedKey).containsExactly(9, 8, 7);
        assertThat(back.secretHint).isEqualTo("****abcd");
        assertThat(back.settings).contains("billing@kala.in");
    }

    @Test
    void apiKeyIsFoundByHashUntilItExpiresOrIsRevoked() {
        ApiKey k = new ApiKey();
        k.shopId = shop.id;
        k.name = "ERP";
        k.keyPrefix = "gstc_ab12";
        k.keyHash = "a".repeat(63) + Long.toHexString(shop.id % 16);
        k.role = ApiKey.Role.STAFF;
        persist(k);
        ApiKey found = Db.tx(() -> ApiKey.findActiveByHash(k.keyHash, java.time.Clock.systemUTC()));
        assertThat(found.role).isEqualTo(ApiKey.Role.STAFF);
        assertThat(found.expiresAt).isAfter(java.time.OffsetDateTime.now().plusDays(89));
        Db.tx(() -> ApiKey.update("expiresAt = ?1 where id = ?2", java.time.OffsetDateTime.now().minusSeconds(1), k.id));
        assertThat(Db.tx(() -> ApiKey.findActiveByHash(k.keyHash, java.time.Clock.systemUTC()))).isNull();
        Db.tx(() -> ApiKey.update("expiresAt = ?1, revokedAt = ?2 where id = ?3", java.time.OffsetDateTime.now().plusDays(1), AT, k.id));
        assertThat(Db.tx(() -> ApiKey.findActiveByHash(k.keyHash, java.time.Clock.systemUTC()))).isNull();
    }

    @Test
    void customerKeepsTagsOptInsAndUnicodeNames() {
        Customer c = new Customer();
        c.shopId = shop.id;
        c.shopifyId = 7000000000001L;
        c.firstName = "Zoë";
        c.lastName = "वर्मा";
        c.email = "Zoe@Example.in";
        c.phone = "+917605671256";
        c.tags = new String[] {"vip", "wholesale", "\"quoted\""};
        c.whatsappOptIn = true;
        c.whatsappOptInAt = AT;
        c.stateCode = "29";
        persist(c);
        Customer back = reload(Customer.class, c.id);
        assertThat(back.lastName).isEqualTo("वर्मा");
        assertThat(back.tags).containsExactly("vip", "wholesale", "\"quoted\"");
        assertThat(back.whatsappOptIn).isTrue();
        assertThat(back.whatsappOptInAt).isAtSameInstantAs(AT);
        assertThat(back.displayName()).isEqualTo("Zoë वर्मा");
    }

    @Test
    void customerEmailIsUniquePerShopIgnoringCase() {
        Customer a = new Customer();
        a.shopId = shop.id;
        a.email = "asha@example.in";
        persist(a);
        Customer b = new Customer();
        b.shopId = shop.id;
        b.email = "ASHA@example.in";
        assertThatThrownBy(() -> persist(b)).hasStackTraceContaining("customer_email_uq");
    }

    @Test
    void productKeepsItsRateExactly() {
        Product p = new Product();
        p.shopId = shop.id;
        p.sku = "TIFFIN-3";
        p.name = "Steel Tiffin Box";
        p.hsnSac = "7323";
        p.gstRate = new BigDecimal("0.25");
        persist(p);
        assertThat(reload(Product.class, p.id).gstRate).isEqualByComparingTo("0.25");
    }

    @Test
    void invoiceKeepsItsLinesInOrderAndItsTotalsToThePaisa() {
        Invoice inv = new Invoice();
        inv.shopId = shop.id;
        inv.number = "INV/2627/000001";
        inv.financialYear = "2026-27";
        inv.orderRef = "#IN1001";
        inv.issueDate = LocalDate.of(2026, 11, 25);
        inv.dueDate = LocalDate.of(2026, 12, 10);
        inv.supplierState = "27";
        inv.placeOfSupply = "27";
        inv.pricesIncludeTax = true;
        inv.recipientName = "Aarav Nair";
        inv.taxablePaise = 287_797;
        inv.cgstPaise = 25_902;
        inv.sgstPaise = 25_901;
        inv.roundOffPaise = 0;
        inv.grandTotalPaise = 339_600;
        inv.amountInWords = "Rupees Three Thousand Three Hundred Ninety-Six Only";
        for (String description : new String[] {"Steel Tiffin Box", "Cotton Kurta"}) {
            InvoiceLine line = new InvoiceLine();
            line.description = description;
            line.hsnSac = "7323";
            line.quantity = new BigDecimal("1.500");
            line.unit = "NOS";
            line.unitPricePaise = 84_900;
            line.taxablePaise = 71_949;
            line.gstRate = new BigDecimal("18");
            line.cgstPaise = 6_476;
            line.sgstPaise = 6_475;
            line.totalPaise = 84_900;
            inv.addLine(line);
        }
        persist(inv);
        Invoice back = Db.tx(() -> Invoice.<Invoice>find("from Invoice i left join fetch i.lines where i.id = ?1", inv.id)
                .firstResult());
        assertThat(back.grandTotalPaise).isEqualTo(339_600);
        assertThat(back.status).isEqualTo(Invoice.Status.ISSUED);
        assertThat(back.lines).extracting(l -> l.lineNo + ":" + l.description)
                .containsExactly("1:Steel Tiffin Box", "2:Cotton Kurta");
        assertThat(back.lines.get(0).quantity).isEqualByComparingTo("1.5");
        assertThat(back.lines.get(0).shopId).isEqualTo(shop.id);
    }

    @Test
    void shipmentKeepsItsAddressesAndCodAmount() {
        Shipment s = new Shipment();
        s.shopId = shop.id;
        s.orderRef = "#IN1002";
        s.awb = "AWB123456789";
        s.fromAddress = "Kala Handlooms, Pune 411001";
        s.toName = "Priya Gupta";
        s.toAddress = "296 Station Road, Chennai";
        s.toPin = "600001";
        s.codAmountPaise = 716_900;
        persist(s);
        Shipment back = reload(Shipment.class, s.id);
        assertThat(back.codAmountPaise).isEqualTo(716_900);
        assertThat(back.toPin).isEqualTo("600001");
    }

    @Test
    void builtInAndShopTemplatesLiveSideBySideWithVersions() {
        Template builtIn = template(null, 1);
        Template own = template(shop.id, 1);
        Template ownV2 = template(shop.id, 2);
        Template back = reload(Template.class, ownV2.id);
        assertThat(back.shopId).isEqualTo(shop.id);
        assertThat(back.version).isEqualTo(2);
        assertThat(back.variables).containsExactly("customerName", "invoiceNumber");
        assertThat(reload(Template.class, builtIn.id).shopId).isNull();
        assertThatThrownBy(() -> template(shop.id, 2)).hasStackTraceContaining("template_version_uq");
        assertThat(own.id).isNotNull();
    }

    private Template template(Long shopId, int version) {
        Template t = new Template();
        t.shopId = shopId;
        t.channel = Channel.EMAIL;
        t.kind = "INVOICE_DELIVERY-" + shop.id;
        t.locale = "hi";
        t.version = version;
        t.subject = "चालान {invoiceNumber}";
        t.bodyHtml = "<p>नमस्ते {customerName}</p>";
        t.variables = new String[] {"customerName", "invoiceNumber"};
        return persist(t);
    }

    @Test
    void campaignNotificationAndEventsLinkUp() {
        Campaign c = new Campaign();
        c.shopId = shop.id;
        c.name = "Diwali sale";
        c.channel = "AUTO";
        c.audience = "{\"tags\": [\"vip\"]}";
        c.status = Campaign.Status.SCHEDULED;
        c.scheduledAt = AT;
        persist(c);

        Notification n = new Notification();
        n.shopId = shop.id;
        n.campaignId = c.id;
        n.channel = Channel.WHATSAPP;
        n.kind = "CAMPAIGN";
        n.recipient = "+919876543210";
        n.variables = "{\"name\": \"Asha\"}";
        n.attachmentKeys = new String[] {"invoices/1/2026-27/INV-1.pdf"};
        n.idempotencyKey = "campaign:" + c.id + ":customer:1";
        n.scheduledAt = AT;
        n.status = NotificationStatus.SCHEDULED;
        persist(n);

        NotificationEvent e = new NotificationEvent();
        e.shopId = shop.id;
        e.notificationId = n.id;
        e.type = "READ";
        e.provider = "TWILIO";
        e.providerEventId = "SM" + UUID.randomUUID().toString().replace("-", "") + ":read";
        e.occurredAt = AT;
        e.payload = "{\"MessageStatus\": \"read\"}";
        persist(e);

        Notification back = reload(Notification.class, n.id);
        assertThat(back.status).isEqualTo(NotificationStatus.SCHEDULED);
        assertThat(back.attachmentKeys).containsExactly("invoices/1/2026-27/INV-1.pdf");
        assertThat(back.campaignId).isEqualTo(c.id);
        assertThat(reload(Campaign.class, c.id).audience).contains("vip");
        NotificationEvent eventBack = reload(NotificationEvent.class, e.id);
        assertThat(eventBack.type).isEqualTo("READ");
        assertThat(eventBack.occurredAt).isAtSameInstantAs(AT);
    }

    @Test
    void aNotificationIdempotencyKeyIsUsedOncePerShop() {
        Notification first = notification("order-1001-confirmation");
        persist(first);
        assertThatThrownBy(() -> persist(notification("order-1001-confirmation")))
                .hasStackTraceContaining("notification_shop_id_idempotency_key_key");
    }

    private Notification notification(String key) {
        Notification n = new Notification();
        n.shopId = shop.id;
        n.channel = Channel.EMAIL;
        n.kind = "ORDER_CONFIRMATION";
        n.recipient = "asha@example.in";
        n.idempotencyKey = key;
        return n;
    }

    @Test
    void bulkOperationKeepsCountsAndRefusesInconsistentOnes() {
        BulkOperation op = new BulkOperation();
        op.shopId = shop.id;
        op.type = "IMPORT_CUSTOMERS";
        op.status = BulkOperation.Status.RUNNING;
        op.total = 2500;
        op.processed = 1000;
        op.succeeded = 990;
        op.failed = 10;
        op.inputKey = "imports/1/7/source.csv";
        persist(op);
        BulkOperation back = reload(BulkOperation.class, op.id);
        assertThat(back.percent()).isEqualTo(40);
        assertThat(back.inputKey).isEqualTo("imports/1/7/source.csv");

        BulkOperation wrong = new BulkOperation();
        wrong.shopId = shop.id;
        wrong.type = "IMPORT_CUSTOMERS";
        wrong.processed = 5;
        wrong.succeeded = 1;
        assertThatThrownBy(() -> persist(wrong)).hasStackTraceContaining("bulk_operation_check");
    }

    @Test
    void suppressionIsFoundByChannelAndAddress() {
        Suppression s = new Suppression();
        s.shopId = shop.id;
        s.channel = Channel.EMAIL;
        s.address = "bounced@example.in";
        s.reason = Suppression.Reason.HARD_BOUNCE;
        s.source = "sendgrid:bounce";
        persist(s);
        Suppression found = Db.tx(() -> Suppression.findFor(shop.id, Channel.EMAIL, "bounced@example.in"));
        assertThat(found.reason).isEqualTo(Suppression.Reason.HARD_BOUNCE);
        assertThat(Db.tx(() -> Suppression.findFor(shop.id, Channel.WHATSAPP, "bounced@example.in"))).isNull();
    }

    @Test
    void auditLogKeepsWhoDidWhat() {
        AuditLog a = new AuditLog();
        a.shopId = shop.id;
        a.actorType = "API_KEY";
        a.actor = "gstc_ab12";
        a.action = "settings.providers.update";
        a.targetType = "SENDGRID";
        a.details = "{\"changed\": [\"apiKey\"]}";
        a.at = AT;
        persist(a);
        AuditLog back = reload(AuditLog.class, a.id);
        assertThat(back.action).isEqualTo("settings.providers.update");
        assertThat(back.at).isAtSameInstantAs(AT);
        assertThat(back.details).contains("apiKey");
    }

    @Test
    void deletingAShopRemovesEverythingItOwns() {
        Customer c = new Customer();
        c.shopId = shop.id;
        c.email = "gone@example.in";
        persist(c);
        Db.tx(() -> Shop.delete("id", shop.id));
        assertThat(reload(Customer.class, c.id)).isNull();
    }
}
