package com.gstcomms.invoicepdf;

import com.gstcomms.core.invoice.InvoiceFileName;
import com.gstcomms.core.message.RenderInvoice;
import com.gstcomms.documents.AmountText;
import com.gstcomms.documents.DocumentDataException;
import com.gstcomms.documents.RenderedPdf;
import com.gstcomms.documents.ShopLogo;
import com.gstcomms.documents.TaxInvoice;
import com.gstcomms.documents.TaxInvoicePdf;
import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.lambda.RetryLater;
import com.gstcomms.runtime.lambda.SqsBatch;
import com.gstcomms.runtime.notify.NotificationRequest;
import com.gstcomms.runtime.notify.Notifier;
import com.gstcomms.runtime.storage.ObjectStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * Renders one invoice to PDF, stores it, records its key, and queues its delivery when asked.
 *
 * <ol>
 *   <li>Load the invoice (with lines) and its shop; claim the invoice's units in open bulk invoice
 *       operations ({@link BulkUnits}).</li>
 *   <li>Build the document (every Rule 46 check), render it, store it at
 *       {@code invoices/{shop}/{fy}/{number}.pdf} ({@link PdfKeys}). Storing again is harmless, so a
 *       redelivered command simply renders again.</li>
 *   <li>In one transaction: record the key (and clear an earlier error), complete the bulk units as
 *       succeeded, and create one INVOICE_DELIVERY notification per requested channel with the PDF as
 *       attachment ({@link Notifier}; idempotent by key, so a redelivery creates none). After commit,
 *       queue their send commands.</li>
 * </ol>
 * Bad data (a {@link DocumentDataException}, a missing invoice, no customer to deliver to) records the
 * reason on the invoice ({@code pdf_error}) and on the bulk operation, counts the unit failed, and
 * fails the message ({@link RenderFailed}). A transient S3 failure gives the bulk units back and
 * retries the message later ({@link RetryLater}).
 */
@ApplicationScoped
public class InvoiceRendering {

    public static final String KIND = "INVOICE_DELIVERY";
    static final Duration LEASE = Duration.ofMinutes(2);
    private static final Logger LOG = Logger.getLogger(InvoiceRendering.class);

    private static final String RECORD_KEY = """
            update invoice set pdf_key = :key, pdf_error = null, pdf_rendered_at = now(), updated_at = now()
             where id = :id and shop_id = :shopId""";
    private static final String RECORD_KEY_AND_ERROR = """
            update invoice set pdf_key = :key, pdf_error = :error, pdf_rendered_at = now(), updated_at = now()
             where id = :id and shop_id = :shopId""";
    private static final String RECORD_ERROR = """
            update invoice set pdf_error = :error, updated_at = now() where id = :id and shop_id = :shopId""";
    /** Another invoice with this one's PDF file name ({@link InvoiceFileName}: '/' becomes '-'). */
    private static final String SAME_KEY = """
            select count(*) from invoice
             where shop_id = :shopId and financial_year = :fy and id <> :id and replace(number, '/', '-') = :name""";

    private final ObjectStore store;
    private final TaxInvoicePdf pdf;
    private final BulkUnits bulk;
    private final Notifier notifier;

    public InvoiceRendering(ObjectStore store, TaxInvoicePdf pdf, BulkUnits bulk, Notifier notifier) {
        this.store = store;
        this.pdf = pdf;
        this.bulk = bulk;
        this.notifier = notifier;
    }

    private record Loaded(Invoice invoice, Shop shop, Customer customer, boolean keyTaken, List<BulkUnits.Unit> units) {
    }

    /** @return the S3 key of the stored PDF */
    public String render(RenderInvoice command, SqsBatch.Delivery delivery) {
        long shopId = command.shopId();
        long invoiceId = command.invoiceId();
        Loaded loaded = inSession(() -> load(shopId, invoiceId));
        List<BulkUnits.Unit> claimed = loaded.units.isEmpty() ? List.of()
                : inTransaction(() -> bulk.claim(shopId, loaded.units, LEASE));
        Invoice invoice = loaded.invoice;
        if (invoice == null || loaded.shop == null) {
            throw failed(shopId, invoiceId, null, claimed, "invoice " + invoiceId + " does not exist for shop " + shopId);
        }
        String key = PdfKeys.invoice(shopId, invoice.financialYear, invoice.number);
        try {
            if (loaded.keyTaken) {
                throw new DocumentDataException("number", "invoice " + invoice.number + " would be stored at " + key
                        + ", where another invoice of " + invoice.financialYear + " whose number differs only in '/' "
                        + "and '-' is stored; renumber one of them");
            }
            if (!command.deliverVia().isEmpty() && loaded.customer == null) {
                throw new DocumentDataException("customerId", "invoice " + invoice.number
                        + " has no customer to deliver it to by " + command.deliverVia());
            }
            TaxInvoice document = InvoiceDocuments.taxInvoice(invoice, loaded.shop, logo(loaded.shop, delivery));
            RenderedPdf rendered = pdf.render(document);
            rendered.warnings().forEach(w -> LOG.warnf("Invoice %s (id %d): %s", invoice.number, invoiceId, w));
            store.put(key, rendered.bytes(), RenderedPdf.CONTENT_TYPE);
            LOG.infof("Rendered invoice %s (id %d, shop %d): %d page(s), %d bytes at %s", invoice.number, invoiceId,
                    shopId, rendered.pages(), rendered.bytes().length, key);
        } catch (DocumentDataException e) {
            throw failed(shopId, invoiceId, invoice.number, claimed, e.getMessage());
        } catch (RetryLater e) {
            release(shopId, claimed);
            throw e;
        } catch (RuntimeException e) {
            release(shopId, claimed);
            throw StoreFailures.transientFailure(e, delivery.receiveCount(), "storing the PDF of invoice " + invoice.number)
                    .map(RuntimeException.class::cast).orElse(e);
        }

        List<NotificationRequest> requests = deliveries(command, delivery, invoice, loaded.shop, key, !claimed.isEmpty());
        List<Notification> notifications;
        try {
            notifications = inTransaction(() -> recordKey(shopId, invoiceId, key, null)
                    .chain(() -> bulk.complete(shopId, claimed, 1, 0, null))
                    .chain(() -> create(requests)));
        } catch (IllegalArgumentException e) {
            // Notifier refused (e.g. the customer has no email address): the PDF is fine and stays recorded.
            String reason = "invoice " + invoice.number + " was rendered but not delivered: " + e.getMessage();
            inTransaction(() -> recordKey(shopId, invoiceId, key, reason)
                    .chain(() -> bulk.complete(shopId, claimed, 0, 1, reason)));
            LOG.errorf("Invoice %d of shop %d: %s", invoiceId, shopId, reason);
            throw new RenderFailed(reason);
        }
        notifier.enqueue(notifications);
        return key;
    }

    private Uni<Loaded> load(long shopId, long invoiceId) {
        // A fetch join with firstResult() would page in memory (HHH90003004); the id is unique, so list() it.
        return Invoice.<Invoice>list("from Invoice i left join fetch i.lines where i.id = ?1 and i.shopId = ?2",
                        invoiceId, shopId).map(found -> found.isEmpty() ? null : found.get(0))
                .chain(invoice -> Shop.<Shop>findById(shopId)
                        .chain(shop -> customer(invoice)
                                .chain(customer -> keyTaken(invoice)
                                        .chain(taken -> bulk.ofInvoice(shopId, invoiceId)
                                                .map(units -> new Loaded(invoice, shop, customer, taken, units))))));
    }

    private static Uni<Customer> customer(Invoice invoice) {
        if (invoice == null || invoice.customerId == null) {
            return Uni.createFrom().nullItem();
        }
        return Customer.<Customer>find("id = ?1 and shopId = ?2", invoice.customerId, invoice.shopId).firstResult();
    }

    private static Uni<Boolean> keyTaken(Invoice invoice) {
        if (invoice == null || invoice.number == null || !invoice.number.contains("/")) {
            return Uni.createFrom().item(false);
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(SAME_KEY, Long.class)
                        .setParameter("shopId", invoice.shopId)
                        .setParameter("fy", invoice.financialYear)
                        .setParameter("id", invoice.id)
                        .setParameter("name", InvoiceFileName.base(invoice.number))
                        .getSingleResult())
                .map(count -> count > 0);
    }

    /** A logo decoded once per instance: its key, its size when read, when it was read. */
    private record CachedLogo(String key, long size, Instant readAt, ShopLogo logo) {
    }

    /** How long a decoded logo is reused before S3 is asked again (a re-uploaded logo shows after this). */
    static final Duration LOGO_REUSE = Duration.ofMinutes(10);
    private static final int LOGO_CACHE_SIZE = 64;
    private final Map<Long, CachedLogo> logos = new ConcurrentHashMap<>();

    /**
     * The shop's logo: its size is checked with a HEAD before a byte is read (at most ShopLogo.MAX_BYTES,
     * and the read itself stops there), then it is decoded once and reused for every invoice of the shop
     * this instance renders while the object keeps its size, for up to {@link #LOGO_REUSE}. A logo that is too large or not a PNG/JPEG is left
     * out with a warning, the invoice is still rendered.
     */
    private ShopLogo logo(Shop shop, SqsBatch.Delivery delivery) {
        if (shop.logoKey == null || shop.logoKey.isBlank()) {
            return null;
        }
        try {
            var info = store.head(shop.logoKey);
            if (info.isEmpty()) {
                LOG.warnf("Shop %d: logo %s is missing; rendering without it", shop.id, shop.logoKey);
                return null;
            }
            CachedLogo cached = logos.get(shop.id);
            if (cached != null && cached.key().equals(shop.logoKey) && cached.size() == info.get().size()
                    && cached.readAt().plus(LOGO_REUSE).isAfter(Instant.now())) {
                return cached.logo();
            }
            ShopLogo logo;
            if (info.get().size() > ShopLogo.MAX_BYTES) {
                LOG.warnf("Shop %d: logo %s has %d bytes, more than %d; rendering without it", shop.id, shop.logoKey,
                        info.get().size(), ShopLogo.MAX_BYTES);
                logo = ShopLogo.tooLarge(info.get().size());
            } else {
                logo = ShopLogo.of(readAtMost(shop.logoKey, ShopLogo.MAX_BYTES + 1));
            }
            if (logos.size() >= LOGO_CACHE_SIZE) {
                logos.clear();
            }
            logos.put(shop.id, new CachedLogo(shop.logoKey, info.get().size(), Instant.now(), logo));
            return logo;
        } catch (ObjectStore.ObjectNotFoundException e) {
            LOG.warnf("Shop %d: logo %s is missing; rendering without it", shop.id, shop.logoKey);
            return null;
        } catch (RuntimeException e) {
            throw StoreFailures.transientFailure(e, delivery.receiveCount(), "reading the logo of shop " + shop.id)
                    .map(RuntimeException.class::cast).orElse(e);
        }
    }

    private byte[] readAtMost(String key, int max) {
        try (InputStream in = store.get(key)) {
            return in.readNBytes(max);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + key, e);
        }
    }

    private List<NotificationRequest> deliveries(RenderInvoice command, SqsBatch.Delivery delivery, Invoice invoice,
                                                 Shop shop, String key, boolean bulkOperation) {
        // One delivery per request: a redelivered command (same trace id, or same SQS message id) finds the
        // notification it created; a later "send again" request comes with a new trace id.
        String request = command.traceId() != null && !command.traceId().isBlank() ? command.traceId() : delivery.messageId();
        List<NotificationRequest> requests = new ArrayList<>();
        for (Channel channel : command.deliverVia()) {
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("invoiceNumber", invoice.number);
            variables.put("invoiceDate", invoice.issueDate.toString());
            // "amount" is what the built-in invoice-delivery templates print (shared/templates); "grandTotal"
            // is kept for shop templates written against it.
            String total = AmountText.of(com.gstcomms.core.money.Money.ofPaise(invoice.grandTotalPaise));
            variables.put("amount", total);
            variables.put("grandTotal", total);
            variables.put("customerName", invoice.recipientName);
            variables.put("shopName", shop.tradeName != null ? shop.tradeName : shop.legalName);
            if (invoice.dueDate != null) {
                variables.put("dueDate", invoice.dueDate.toString());
            }
            if (invoice.orderRef != null) {
                variables.put("orderRef", invoice.orderRef);
            }
            requests.add(new NotificationRequest(invoice.shopId, invoice.customerId, channel, KIND,
                    null, null, "Tax invoice " + invoice.number + " from " + variables.get("shopName"), variables,
                    List.of(key), invoice.id, null, null,
                    "invoice-delivery:" + invoice.id + ":" + channel.name() + ":" + request, null, bulkOperation));
        }
        return requests;
    }

    private Uni<List<Notification>> create(List<NotificationRequest> requests) {
        Uni<List<Notification>> created = Uni.createFrom().item(new ArrayList<>());
        for (NotificationRequest request : requests) {
            created = created.chain(list -> notifier.create(request).map(c -> {
                list.add(c.notification());
                return list;
            }));
        }
        return created;
    }

    private RenderFailed failed(long shopId, long invoiceId, String number, List<BulkUnits.Unit> claimed, String reason) {
        String line = number == null ? reason : reason.contains(number) ? reason : "invoice " + number + ": " + reason;
        inTransaction(() -> recordError(shopId, invoiceId, line).chain(() -> bulk.complete(shopId, claimed, 0, 1, line)));
        LOG.errorf("Invoice %d of shop %d not rendered: %s", invoiceId, shopId, line);
        return new RenderFailed(line);
    }

    private void release(long shopId, List<BulkUnits.Unit> claimed) {
        if (!claimed.isEmpty()) {
            inTransaction(() -> bulk.release(shopId, claimed));
        }
    }

    private static Uni<Void> recordKey(long shopId, long invoiceId, String key, String error) {
        return Panache.getSession().chain(s -> {
            var update = s.createNativeQuery(error == null ? RECORD_KEY : RECORD_KEY_AND_ERROR)
                    .setParameter("key", key).setParameter("id", invoiceId).setParameter("shopId", shopId);
            if (error != null) {
                update.setParameter("error", error.length() > 1000 ? error.substring(0, 999) + "…" : error);
            }
            return update.executeUpdate();
        }).replaceWithVoid();
    }

    private static Uni<Void> recordError(long shopId, long invoiceId, String error) {
        String truncated = error.length() > 1000 ? error.substring(0, 999) + "…" : error;
        return Panache.getSession().chain(s -> s.createNativeQuery(RECORD_ERROR)
                .setParameter("error", truncated)
                .setParameter("id", invoiceId).setParameter("shopId", shopId)
                .executeUpdate()).replaceWithVoid();
    }
}
