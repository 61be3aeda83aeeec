package com.gstcomms.api.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.gstcomms.api.http.AuditTrail;
import com.gstcomms.api.http.Json;
import com.gstcomms.core.message.RenderInvoice;
import com.gstcomms.runtime.config.QueuesConfig;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.queue.CommandQueue;
import com.gstcomms.runtime.storage.ObjectStore;
import com.gstcomms.core.validation.Phone;
import com.gstcomms.core.validation.Validated;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Map;
import java.util.Objects;

import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * Shopify's mandatory compliance webhooks (GDPR and India's DPDP Act alike).
 *
 * <p><b>customers/redact and GST records.</b> CGST Act s.35/s.36 and Rule 56 make the supplier keep its
 * tax invoices for 72 months, so invoices are kept — but reduced to what Rule 46 requires of the
 * recipient. Our reading of Rule 46: for a registered recipient (GSTIN) name, address and GSTIN must be
 * shown (46(e)); for an unregistered recipient the name and address must be shown only when the taxable
 * value is ₹50,000 or more (46(f)), otherwise only at the recipient's request (46(g)); the place of supply
 * with its state (46(n)) is always needed. So for an unregistered recipient below ₹50,000 name and
 * addresses become "Redacted" and the place of supply stays; registered or ₹50,000+ invoices keep the
 * recipient as printed. Everything else about the person goes: the customer row, the addresses and
 * variables of their messages (counts stay for analytics), event payloads and their shipments' addresses;
 * redacted invoices are rendered again so the stored PDF matches.
 */
@ApplicationScoped
public class ShopifyCompliance {

    private static final Logger LOG = Logger.getLogger(ShopifyCompliance.class);
    /** CGST Rule 46(f): ₹50,000 of taxable value, in paise. */
    static final long RULE_46F_THRESHOLD_PAISE = 50_000_00L;
    static final String REDACTED = "Redacted";

    private final ObjectStore store;
    private final AuditTrail audit;
    private final CommandQueue queue;
    private final QueuesConfig queues;

    private final ShopifyDeliveries deliveries;

    public ShopifyCompliance(ObjectStore store, AuditTrail audit, CommandQueue queue, QueuesConfig queues,
                             ShopifyDeliveries deliveries) {
        this.deliveries = deliveries;
        this.store = store;
        this.audit = audit;
        this.queue = queue;
        this.queues = queues;
    }

    /**
     * Acts on one verified delivery, once ({@link ShopifyDeliveries}). The resource has checked the HMAC, that
     * the headers agree with the URL and the body, and that the body has the topic's shape.
     */
    public String handle(String topic, JsonNode payload, String webhookId, String bodySha256) {
        String domain = payload.path("shop_domain").asText(null);
        Shop shop = domain == null ? null : inSession(() -> Shop.findByDomain(domain));
        if (shop == null) {
            return "no data held for this shop";
        }
        if (topic.equals("shop/redact") && shop.uninstalledAt == null) {
            // Shopify sends shop/redact 48 h after an uninstall; a shop that has the app installed keeps its data.
            LOG.warnf("shop/redact for shop %d, which has the app installed: nothing erased", shop.id);
            return "the app is installed on this shop: nothing erased";
        }
        ShopifyDeliveries.Delivery delivery = new ShopifyDeliveries.Delivery(webhookId, topic, domain, shop.id, bodySha256);
        if (!deliveries.claim(delivery)) {
            return "duplicate delivery: handled before, nothing changed";
        }
        String result;
        try {
            result = switch (topic) {
                case "customers/data_request" -> dataRequest(shop, payload, webhookId);
                case "customers/redact" -> redactCustomer(shop, payload);
                case "shop/redact" -> redactShop(shop);
                default -> "topic ignored";
            };
        } catch (RuntimeException e) {
            deliveries.release(delivery);
            throw e;
        }
        deliveries.done(delivery);
        return result;
    }

    /**
     * The person of a customers/* payload as Shopify names them: any of id, email and phone may be missing
     * (a customer known only by phone, or only by id). Blank values count as missing.
     */
    record Person(Long shopifyId, String email, List<String> phones) {
        static Person of(JsonNode customer) {
            JsonNode id = customer.path("id");
            Long shopifyId = id.isIntegralNumber() && id.canConvertToLong() ? Long.valueOf(id.asLong())
                    : id.isTextual() && id.asText().strip().matches("\\d{1,18}") ? Long.valueOf(id.asText().strip()) : null;
            String email = text(customer.path("email"));
            String phone = text(customer.path("phone"));
            List<String> phones = new ArrayList<>();
            if (phone != null) {
                phones.add(phone);
                if (Phone.toE164(phone) instanceof Validated.Valid<String>(String e164) && !e164.equals(phone)) {
                    phones.add(e164);   // stored numbers are E.164
                }
            }
            return new Person(shopifyId, email == null ? null : email.toLowerCase(Locale.ROOT), List.copyOf(phones));
        }

        private static String text(JsonNode node) {
            return node.isTextual() && !node.asText().isBlank() ? node.asText().strip() : null;
        }
    }

    /** The shop's customer rows for the person: by Shopify id, email or phone, whichever Shopify gave. */
    private Uni<List<Customer>> matching(long shopId, Person person) {
        List<String> terms = new ArrayList<>();
        Parameters params = Parameters.with("shopId", shopId);
        if (person.shopifyId() != null) {
            terms.add("shopifyId = :shopifyId");
            params.and("shopifyId", person.shopifyId());
        }
        if (person.email() != null) {
            terms.add("lower(email) = :email");
            params.and("email", person.email());
        }
        if (!person.phones().isEmpty()) {
            terms.add("phone in :phones");
            params.and("phones", person.phones());
        }
        if (terms.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Customer.<Customer>find("shopId = :shopId and (" + String.join(" or ", terms) + ")", params).list();
    }

    /** The shop's messages to the person: to one of their customer rows, or to one of their addresses. */
    private static Uni<List<Notification>> messagesOf(long shopId, Person person, List<Customer> customers) {
        List<Long> ids = customers.stream().map(c -> c.id).toList();
        Set<String> addresses = new LinkedHashSet<>();
        if (person.email() != null) {
            addresses.add(person.email());
        }
        addresses.addAll(person.phones());
        for (Customer c : customers) {
            if (c.email != null) {
                addresses.add(c.email.toLowerCase(Locale.ROOT));
            }
            if (c.phone != null) {
                addresses.add(c.phone);
            }
        }
        List<String> terms = new ArrayList<>();
        Parameters params = Parameters.with("shopId", shopId);
        if (!ids.isEmpty()) {
            terms.add("customerId in :ids");
            params.and("ids", ids);
        }
        if (!addresses.isEmpty()) {
            terms.add("lower(recipient) in :addresses");
            params.and("addresses", List.copyOf(addresses));
        }
        if (terms.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Notification.<Notification>find("shopId = :shopId and (" + String.join(" or ", terms) + ") order by id",
                params).list();
    }

    /** Writes the customer's data (profile, messages, invoices) as JSON for the merchant, as a bulk operation. */
    String dataRequest(Shop shop, JsonNode payload, String webhookId) {
        JsonNode person = payload.path("customer");
        String requestId = payload.path("data_request").path("id").asText(webhookId == null ? "unknown" : webhookId);
        Person who = Person.of(person);
        Map<String, Object> export = inSession(() -> matching(shop.id, who).chain(customers -> {
            List<Long> ids = customers.stream().map(c -> c.id).toList();
            return messagesOf(shop.id, who, customers)
                    .chain(notifications -> Invoice.<Invoice>find("shopId = ?1 and customerId in ?2 order by id",
                                    shop.id, ids.isEmpty() ? List.of(-1L) : ids).list()
                            .map(invoices -> {
                                Map<String, Object> out = new LinkedHashMap<>();
                                out.put("shopDomain", shop.shopDomain);
                                out.put("dataRequestId", requestId);
                                out.put("customers", customers.stream().map(ShopifyCompliance::profile).toList());
                                out.put("notifications", notifications.stream().map(n -> {
                                    Map<String, Object> m = new LinkedHashMap<>();
                                    m.put("id", n.id);
                                    m.put("channel", n.channel.name());
                                    m.put("kind", n.kind);
                                    m.put("recipient", n.recipient);
                                    m.put("status", n.status.name());
                                    m.put("createdAt", String.valueOf(n.createdAt));
                                    m.put("sentAt", n.sentAt == null ? null : n.sentAt.toString());
                                    return m;
                                }).toList());
                                out.put("invoices", invoices.stream().map(i -> Map.of("number", i.number,
                                        "issueDate", i.issueDate.toString(), "grandTotal", Json.money(i.grandTotalPaise),
                                        "recipientName", i.recipientName)).toList());
                                return out;
                            }));
        }));
        String key = "exports/" + shop.id + "/data-requests/" + requestId.replaceAll("[^A-Za-z0-9_-]", "_") + ".json";
        store.put(key, Json.write(export).getBytes(StandardCharsets.UTF_8), "application/json");
        inTransaction(() -> {
            BulkOperation op = new BulkOperation();
            op.shopId = shop.id;
            op.type = "DATA_REQUEST";
            op.status = BulkOperation.Status.COMPLETED;
            op.total = 1;
            op.processed = 1;
            op.succeeded = 1;
            op.outputKey = key;
            op.startedAt = OffsetDateTime.now();
            op.finishedAt = op.startedAt;
            op.createdBy = "shopify";
            op.parameters = Json.write(Map.of("dataRequestId", requestId));
            return op.persist().call(saved -> audit.record(shop.id, "WEBHOOK", "shopify", "gdpr.customers_data_request",
                    "bulk_operation", op.id, Map.of("dataRequestId", requestId)));
        });
        return "data written for the merchant";
    }

    String redactCustomer(Shop shop, JsonNode payload) {
        JsonNode person = payload.path("customer");
        List<Long> rerender = new ArrayList<>();
        Person who = Person.of(person);
        int erased = inTransaction(() -> matching(shop.id, who).chain(customers -> {
            List<Long> ids = customers.stream().map(c -> c.id).toList();
            List<Long> idsOrNone = ids.isEmpty() ? List.of(-1L) : ids;
            return messagesOf(shop.id, who, customers)
                    .chain(notifications -> {
                        List<Long> nIds = notifications.stream().map(n -> n.id).toList();
                        Uni<Integer> events = nIds.isEmpty() ? Uni.createFrom().item(0)
                                : com.gstcomms.runtime.data.NotificationEvent.update(
                                "payload = '{}', detail = null where shopId = ?1 and notificationId in ?2", shop.id, nIds);
                        notifications.forEach(n -> {
                            n.recipient = REDACTED;
                            n.subject = null;
                            n.variables = "{}";
                            n.customerId = null;
                            n.errorMessage = null;
                        });
                        return events;
                    })
                    .chain(() -> Invoice.<Invoice>find("shopId = ?1 and customerId in ?2", shop.id, idsOrNone).list())
                    .chain(invoices -> {
                        List<Long> redacted = new ArrayList<>();
                        for (Invoice i : invoices) {
                            i.customerId = null;
                            if (i.recipientGstin == null && i.taxablePaise < RULE_46F_THRESHOLD_PAISE) {
                                i.recipientName = REDACTED;
                                i.billingAddress = REDACTED;
                                i.shippingAddress = i.shippingAddress == null ? null : REDACTED;
                                i.updatedAt = OffsetDateTime.now();
                                redacted.add(i.id);
                                if (i.pdfKey != null) {
                                    rerender.add(i.id);
                                }
                            }
                        }
                        List<Long> all = invoices.stream().map(i -> i.id).toList();
                        return all.isEmpty() ? Uni.createFrom().item(0)
                                : com.gstcomms.runtime.data.Shipment.update("toName = ?1, toAddress = ?2, toPhone = null "
                                + "where shopId = ?3 and invoiceId in ?4", REDACTED, REDACTED, shop.id, all);
                    })
                    .chain(() -> Customer.delete("shopId = ?1 and id in ?2", shop.id, idsOrNone))
                    .call(() -> audit.record(shop.id, "WEBHOOK", "shopify", "gdpr.customers_redact", "customer",
                            person.path("id").asText(""), Map.of("customersErased", customers.size(),
                                    "invoicesReduced", rerender.size())))
                    .map(n -> customers.size());
        }));
        for (Long id : rerender) {
            try {
                queue.send(QueuesConfig.required(queues.render(), "render"), new RenderInvoice(shop.id, id, List.of(), null));
            } catch (RuntimeException e) {
                LOG.warnf(e, "invoice %d redacted but not queued for re-rendering", id);
            }
        }
        return erased + " customer record(s) erased";
    }

    /** 48 hours after uninstall: everything of the shop goes, files first (rows name the files). */
    String redactShop(Shop shop) {
        List<String> keys = new ArrayList<>();
        inSession(() -> Invoice.<Invoice>find("shopId = ?1 and pdfKey is not null", shop.id).list()
                .invoke(list -> list.forEach(i -> keys.add(i.pdfKey)))
                .chain(() -> BulkOperation.<BulkOperation>find("shopId", shop.id).list())
                .invoke(list -> list.forEach(op -> {
                    keys.add(op.inputKey);
                    keys.add(op.outputKey);
                    keys.add(op.errorReportKey);
                }))
                .chain(() -> com.gstcomms.runtime.data.Shipment.<com.gstcomms.runtime.data.Shipment>find(
                        "shopId = ?1 and labelKey is not null", shop.id).list())
                .invoke(list -> list.forEach(s -> keys.add(s.labelKey))));
        keys.add(shop.logoKey);
        int deleted = 0;
        for (String key : keys.stream().filter(Objects::nonNull).distinct().toList()) {
            try {
                store.delete(key);
                deleted++;
            } catch (RuntimeException e) {
                LOG.warnf("shop %d: could not delete %s (%s); the bucket's lifecycle rules remove it later",
                        shop.id, key, e.getMessage());
            }
        }
        // Every tenant table references shop with on delete cascade.
        inTransaction(() -> Shop.delete("id", shop.id));
        LOG.infof("shop/redact: shop %d deleted with %d files", shop.id, deleted);
        return "shop deleted";
    }

    private static Map<String, Object> profile(Customer c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shopifyId", c.shopifyId);
        m.put("firstName", c.firstName);
        m.put("lastName", c.lastName);
        m.put("email", c.email);
        m.put("phone", c.phone);
        m.put("company", c.company);
        m.put("gstin", c.gstin);
        m.put("address", java.util.stream.Stream.of(c.address1, c.address2, c.city, c.stateCode, c.pin, c.countryCode)
                .filter(Objects::nonNull).toList());
        m.put("tags", List.of(c.tags));
        m.put("emailOptIn", c.emailOptIn);
        m.put("whatsappOptIn", c.whatsappOptIn);
        m.put("createdAt", String.valueOf(c.createdAt));
        return m;
    }
}
