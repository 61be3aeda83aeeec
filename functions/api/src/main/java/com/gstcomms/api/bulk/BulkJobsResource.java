package com.gstcomms.api.bulk;

import com.gstcomms.api.auth.Allowed;
import com.gstcomms.api.auth.Caller;
import com.gstcomms.api.auth.CurrentCaller;
import com.gstcomms.api.http.AuditTrail;
import com.gstcomms.api.http.FieldErrors;
import com.gstcomms.api.http.IdempotentRequests;
import com.gstcomms.api.http.Json;
import com.gstcomms.api.http.Problem;
import com.gstcomms.api.invoices.BulkInvoicing;
import com.gstcomms.api.invoices.IssueInvoice;
import com.gstcomms.core.message.RenderLabels;
import com.gstcomms.runtime.config.QueuesConfig;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.data.Shipment;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.queue.CommandQueue;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.gstcomms.runtime.data.ApiKey.Role.STAFF;
import static com.gstcomms.runtime.work.Transactions.inTransaction;

/** Batch jobs: invoices from many orders, one label PDF for many parcels, a status change on many invoices. */
@Path("/v1/bulk")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Allowed(STAFF)
public class BulkJobsResource {

    static final int MAX_ITEMS = 1000;

    private final CurrentCaller caller;
    private final BulkInvoicing invoicing;
    private final IdempotentRequests idempotent;
    private final AuditTrail audit;
    private final CommandQueue queue;
    private final QueuesConfig queues;
    private final BulkJobStarter jobs;

    public BulkJobsResource(CurrentCaller caller, BulkInvoicing invoicing, IdempotentRequests idempotent,
                            AuditTrail audit, CommandQueue queue, QueuesConfig queues, BulkJobStarter jobs) {
        this.jobs = jobs;
        this.caller = caller;
        this.invoicing = invoicing;
        this.idempotent = idempotent;
        this.audit = audit;
        this.queue = queue;
        this.queues = queues;
    }

    @RegisterForReflection
    public record BulkInvoices(List<IssueInvoice> orders, List<Long> invoiceIds, List<String> deliverVia) {
    }

    /**
     * Issues an invoice per order (each on its own: one bad order does not stop the rest; its errors go to
     * the error report) and queues every PDF; {@code invoiceIds} re-render (and deliver) existing ones.
     */
    @POST
    @Path("/invoices")
    public Response invoices(BulkInvoices body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (body == null || (isEmpty(body.orders()) && isEmpty(body.invoiceIds()))) {
            throw Problem.invalid("orders", "give orders to invoice, or invoiceIds to render again");
        }
        int count = size(body.orders()) + size(body.invoiceIds());
        if (count > BulkInvoicing.MAX_ORDERS) {
            throw Problem.invalid("orders", "at most " + BulkInvoicing.MAX_ORDERS + " orders and invoices per request; split the batch");
        }
        Caller who = caller.get();
        return idempotent.run(who.shopId(), idempotencyKey, "POST", "/v1/bulk/invoices", body,
                () -> new IdempotentRequests.Answer(202, invoicing.run(who, body.orders(), body.invoiceIds(), body.deliverVia())));
    }

    /**
     * A parcel to label: an invoice's (created from the invoice and its customer when it has none) or an
     * existing shipment's, with the courier and AWB (and, optionally, the weight in grams) to record on it.
     */
    @RegisterForReflection
    public record Parcel(Long invoiceId, Long shipmentId, String courier, String awb, Integer weightGrams) {
    }

    /**
     * {@code parcels} name each parcel with its courier and AWB; {@code shipmentIds} and {@code invoiceIds}
     * are for parcels whose shipment already has both.
     */
    @RegisterForReflection
    public record BulkLabels(List<Long> shipmentIds, List<Long> invoiceIds, List<Parcel> parcels) {
    }

    /**
     * One 4×6 label PDF for many parcels at {@code labels/{shop}/{operation}.pdf}. Invoices without a
     * shipment get one, addressed from the invoice and its customer (the PIN is needed for the label); the
     * parcels' courier, AWB and weight are recorded on their shipments. A parcel that would still have no
     * courier or AWB is refused (400) before anything is stored or queued.
     */
    @POST
    @Path("/labels")
    public Response labels(BulkLabels body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        List<LabelParcels.Item> items = LabelParcels.read(body);
        List<Long> shipmentIds = items.stream().map(LabelParcels.Item::shipmentId).filter(Objects::nonNull).toList();
        List<Long> invoiceIds = items.stream().map(LabelParcels.Item::invoiceId).filter(Objects::nonNull).toList();
        Caller who = caller.get();
        long shopId = who.shopId();
        return idempotent.run(shopId, idempotencyKey, "POST", "/v1/bulk/labels", body, () -> {
            BulkOperation op = inTransaction(() -> (shipmentIds.isEmpty() ? Uni.createFrom().item(List.<Shipment>of())
                            : Shipment.<Shipment>find("shopId = ?1 and id in ?2", shopId, shipmentIds).list())
                    .chain(shipments -> (invoiceIds.isEmpty() ? Uni.createFrom().item(List.<Invoice>of())
                            : Invoice.<Invoice>find("shopId = ?1 and id in ?2", shopId, invoiceIds).list())
                            .chain(invoices -> Shop.<Shop>findById(shopId)
                                    .chain(shop -> shipmentsFor(shopId, items, shipments, invoices, shop))))
                    .chain(shipments -> {
                        BulkOperation row = new BulkOperation();
                        row.shopId = shopId;
                        row.type = "LABELS";
                        row.total = shipments.size();
                        row.createdBy = who.actor();
                        row.parameters = Json.write(Map.of("shipmentIds", shipments.stream().map(s -> s.id).toList()));
                        return row.<BulkOperation>persist()
                                .invoke(saved -> saved.outputKey = "labels/" + shopId + "/" + saved.id + ".pdf")
                                .call(saved -> audit.record(who, "bulk.labels", "bulk_operation", saved.id,
                                        Map.of("count", shipments.size())));
                    }));
            List<Long> ids = longs(op.parameters);
            queue.send(QueuesConfig.required(queues.render(), "render"), new RenderLabels(shopId, op.id, ids, null));
            return new IdempotentRequests.Answer(202, BulkOperationView.of(op, null, null));
        });
    }

    private static List<Long> longs(String parameters) {
        List<Long> ids = new ArrayList<>();
        Json.tree(parameters).path("shipmentIds").forEach(n -> ids.add(n.asLong()));
        return ids;
    }

    /**
     * The shipment of every item, in the request's order: found, or made from its invoice; each gets the
     * item's courier, AWB and weight. Any item not this shop's, not addressable or left without courier or
     * AWB fails the whole request (the transaction rolls back what was set).
     */
    private Uni<List<Shipment>> shipmentsFor(long shopId, List<LabelParcels.Item> items, List<Shipment> found,
                                             List<Invoice> invoices, Shop shop) {
        FieldErrors errors = new FieldErrors();
        Map<Long, Shipment> shipmentsById = found.stream().collect(Collectors.toMap(s -> s.id, s -> s));
        Map<Long, Invoice> invoicesById = invoices.stream().collect(Collectors.toMap(inv -> inv.id, inv -> inv));
        for (LabelParcels.Item item : items) {
            if (item.shipmentId() != null && !shipmentsById.containsKey(item.shipmentId())) {
                errors.add(item.idField(), "shipment " + item.shipmentId() + " was not found");
            } else if (item.invoiceId() != null && !invoicesById.containsKey(item.invoiceId())) {
                errors.add(item.idField(), "invoice " + item.invoiceId() + " was not found");
            }
        }
        errors.throwIfAny();
        Set<Long> customerIds = invoices.stream().map(inv -> inv.customerId).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Uni<List<Shipment>> existing = invoices.isEmpty() ? Uni.createFrom().item(List.of())
                : Shipment.<Shipment>find("shopId = ?1 and invoiceId in ?2", shopId, List.copyOf(invoicesById.keySet())).list();
        Uni<List<Customer>> customers = customerIds.isEmpty() ? Uni.createFrom().item(List.of())
                : Customer.<Customer>find("shopId = ?1 and id in ?2", shopId, customerIds).list();
        return existing.chain(e -> customers.chain(c -> {
            Map<Long, Shipment> byInvoice = e.stream().collect(Collectors.toMap(s -> s.invoiceId, s -> s, (a, b) -> a));
            Map<Long, Customer> customersById = c.stream().collect(Collectors.toMap(x -> x.id, x -> x));
            List<Shipment> all = new ArrayList<>();
            List<Shipment> created = new ArrayList<>();
            for (LabelParcels.Item item : items) {
                Shipment s = item.shipmentId() != null ? shipmentsById.get(item.shipmentId()) : byInvoice.get(item.invoiceId());
                if (s == null) {
                    s = newShipment(item, invoicesById.get(item.invoiceId()), customersById, shop, errors);
                    if (s == null) {
                        continue;
                    }
                    created.add(s);
                }
                item.applyTo(s);
                LabelParcels.requireLabelDetails(item, s, errors);
                all.add(s);
            }
            errors.throwIfAny();
            // Panache refuses to persist an empty list; the found shipments are saved with the transaction.
            return created.isEmpty() ? Uni.createFrom().item(all) : Shipment.persist(created).replaceWith(all);
        }));
    }

    /** The parcel of an invoice without one, addressed from the invoice and its customer; null (and an error) when it cannot be. */
    private static Shipment newShipment(LabelParcels.Item item, Invoice inv, Map<Long, Customer> customers, Shop shop,
                                        FieldErrors errors) {
        Customer c = inv.customerId == null ? null : customers.get(inv.customerId);
        if (c == null || c.pin == null) {
            errors.add(item.idField(), "invoice " + inv.number + " has no customer PIN code for the label; create its shipment first");
            return null;
        }
        String toAddress = inv.shippingAddress != null ? inv.shippingAddress : inv.billingAddress;
        if (toAddress == null) {
            errors.add(item.idField(), "invoice " + inv.number + " has no address for the label");
            return null;
        }
        Shipment s = new Shipment();
        s.shopId = shop.id;
        s.invoiceId = inv.id;
        s.orderRef = inv.orderRef == null ? inv.number : inv.orderRef;
        s.fromAddress = Stream.of(shop.legalName, shop.addressLine1, shop.addressLine2, shop.city, shop.pin)
                .filter(x -> x != null && !x.isBlank()).collect(Collectors.joining(", "));
        s.toName = inv.recipientName;
        s.toAddress = toAddress;
        s.toPin = c.pin;
        s.toPhone = c.phone;
        return s;
    }

    @RegisterForReflection
    public record BulkStatus(String entity, List<Long> ids, String status) {
    }

    /**
     * Records a batch status change (invoices: PAID, CANCELLED, OVERDUE …; shipments: any courier status)
     * as a PENDING bulk operation of type STATUS with its parameters; the csv function's bulk worker
     * applies it and reports progress (see README "Hand-offs"). Ids are checked to be this shop's now.
     */
    @POST
    @Path("/status")
    public Response status(BulkStatus body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        FieldErrors errors = new FieldErrors();
        String entity = body == null || body.entity() == null ? "INVOICE" : body.entity().strip().toUpperCase(Locale.ROOT);
        if (!entity.equals("INVOICE") && !entity.equals("SHIPMENT")) {
            errors.add("entity", "entity must be INVOICE or SHIPMENT");
        }
        List<Long> ids = body == null || body.ids() == null ? List.of() : List.copyOf(new LinkedHashSet<>(body.ids()));
        if (ids.isEmpty()) {
            errors.add("ids", "ids must name at least one " + entity.toLowerCase(Locale.ROOT));
        } else if (ids.size() > MAX_ITEMS) {
            errors.add("ids", "at most " + MAX_ITEMS + " ids per request");
        }
        String status = errors.required("status", body == null ? null : body.status());
        if (status != null && entity.equals("INVOICE")) {
            Invoice.Status s = errors.oneOf("status", status, Invoice.Status.class);
            status = s == null ? null : s.name();
        } else if (status != null) {
            status = errors.maxLength("status", status.strip().toUpperCase(Locale.ROOT), 20);
        }
        errors.throwIfAny();
        Caller who = caller.get();
        String newStatus = status;
        return idempotent.run(who.shopId(), idempotencyKey, "POST", "/v1/bulk/status", body, () -> {
            BulkOperation op = inTransaction(() -> (entity.equals("INVOICE")
                    ? Invoice.count("shopId = ?1 and id in ?2", who.shopId(), ids)
                    : Shipment.count("shopId = ?1 and id in ?2", who.shopId(), ids))
                    .chain(found -> {
                        if (found != ids.size()) {
                            throw Problem.invalid("ids", (ids.size() - found) + " of the ids are not this shop's "
                                    + entity.toLowerCase(Locale.ROOT) + "s");
                        }
                        BulkOperation row = new BulkOperation();
                        row.shopId = who.shopId();
                        row.type = "STATUS";
                        row.total = ids.size();
                        row.createdBy = who.actor();
                        Map<String, Object> parameters = new LinkedHashMap<>();
                        parameters.put("entity", entity);
                        parameters.put("ids", ids);
                        parameters.put("status", newStatus);
                        row.parameters = Json.write(parameters);
                        return row.<BulkOperation>persist();
                    })
                    .call(saved -> audit.record(who, "bulk.status", "bulk_operation", saved.id,
                            Map.of("entity", entity, "status", newStatus, "count", ids.size()))));
            BulkJobs.start(jobs, op);
            return new IdempotentRequests.Answer(202, BulkOperationView.of(op, null, null));
        });
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }

}
