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

    @RegisterForReflection
    public record BulkLabels(List<Long> shipmentIds, List<Long> invoiceIds) {
    }

    /**
     * One 4×6 label PDF for many parcels at {@code labels/{shop}/{operation}.pdf}. Invoices without a
     * shipment get one, addressed from the invoice and its customer (the PIN is needed for the label).
     */
    @POST
    @Path("/labels")
    public Response labels(BulkLabels body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        List<Long> shipmentIds = body == null || body.shipmentIds() == null ? List.of() : body.shipmentIds();
        List<Long> invoiceIds = body == null || body.invoiceIds() == null ? List.of() : body.invoiceIds();
        if (shipmentIds.isEmpty() && invoiceIds.isEmpty()) {
            throw Problem.invalid("shipmentIds", "give shipmentIds or invoiceIds");
        }
        if (shipmentIds.size() + invoiceIds.size() > MAX_ITEMS) {
            throw Problem.invalid("shipmentIds", "at most " + MAX_ITEMS + " labels per request");
        }
        Caller who = caller.get();
        long shopId = who.shopId();
        return idempotent.run(shopId, idempotencyKey, "POST", "/v1/bulk/labels", body, () -> {
            BulkOperation op = inTransaction(() -> (shipmentIds.isEmpty() ? Uni.createFrom().item(List.<Shipment>of())
                            : Shipment.<Shipment>find("shopId = ?1 and id in ?2", shopId, shipmentIds).list())
                    .chain(shipments -> (invoiceIds.isEmpty() ? Uni.createFrom().item(List.<Invoice>of())
                            : Invoice.<Invoice>find("shopId = ?1 and id in ?2", shopId, invoiceIds).list())
                            .chain(invoices -> Shop.<Shop>findById(shopId)
                                    .chain(shop -> shipmentsFor(shopId, shipmentIds, invoiceIds, shipments, invoices, shop))))
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

    private Uni<List<Shipment>> shipmentsFor(long shopId, List<Long> shipmentIds, List<Long> invoiceIds,
                                             List<Shipment> found, List<Invoice> invoices, Shop shop) {
        FieldErrors errors = new FieldErrors();
        Set<Long> foundIds = found.stream().map(s -> s.id).collect(Collectors.toSet());
        for (int i = 0; i < shipmentIds.size(); i++) {
            if (!foundIds.contains(shipmentIds.get(i))) {
                errors.add("shipmentIds[" + i + "]", "shipment " + shipmentIds.get(i) + " was not found");
            }
        }
        Set<Long> invoiceFound = invoices.stream().map(inv -> inv.id).collect(Collectors.toSet());
        for (int i = 0; i < invoiceIds.size(); i++) {
            if (!invoiceFound.contains(invoiceIds.get(i))) {
                errors.add("invoiceIds[" + i + "]", "invoice " + invoiceIds.get(i) + " was not found");
            }
        }
        errors.throwIfAny();
        if (invoices.isEmpty()) {
            return Uni.createFrom().item(found);
        }
        Set<Long> customerIds = invoices.stream().map(inv -> inv.customerId).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        Uni<List<Shipment>> existing = Shipment.<Shipment>find("shopId = ?1 and invoiceId in ?2", shopId,
                invoices.stream().map(inv -> inv.id).toList()).list();
        Uni<List<Customer>> customers = customerIds.isEmpty() ? Uni.createFrom().item(List.of())
                : Customer.<Customer>find("shopId = ?1 and id in ?2", shopId, customerIds).list();
        return existing.chain(e -> customers.map(c -> new Object[] {e, c})).chain(pair -> {
            @SuppressWarnings("unchecked") List<Shipment> existingShipments = (List<Shipment>) pair[0];
            @SuppressWarnings("unchecked") List<Customer> customerRows = (List<Customer>) pair[1];
            Map<Long, Shipment> byInvoice = existingShipments.stream().collect(Collectors.toMap(s -> s.invoiceId, s -> s, (a, b) -> a));
            Map<Long, Customer> byId = customerRows.stream().collect(Collectors.toMap(c -> c.id, c -> c));
            List<Shipment> all = new ArrayList<>(found);
            List<Shipment> created = new ArrayList<>();
            for (int i = 0; i < invoiceIds.size(); i++) {
                long invoiceId = invoiceIds.get(i);
                Invoice inv = invoices.stream().filter(x -> x.id == invoiceId).findFirst().orElseThrow();
                Shipment s = byInvoice.get(inv.id);
                if (s == null) {
                    Customer c = inv.customerId == null ? null : byId.get(inv.customerId);
                    if (c == null || c.pin == null) {
                        errors.add("invoiceIds[" + i + "]", "invoice " + inv.number
                                + " has no customer PIN code for the label; create its shipment first");
                        continue;
                    }
                    s = new Shipment();
                    s.shopId = shopId;
                    s.invoiceId = inv.id;
                    s.orderRef = inv.orderRef == null ? inv.number : inv.orderRef;
                    s.fromAddress = Stream.of(shop.legalName, shop.addressLine1, shop.addressLine2, shop.city, shop.pin)
                            .filter(x -> x != null && !x.isBlank()).collect(Collectors.joining(", "));
                    s.toName = inv.recipientName;
                    s.toAddress = inv.shippingAddress != null ? inv.shippingAddress : inv.billingAddress;
                    s.toPin = c.pin;
                    s.toPhone = c.phone;
                    if (s.toAddress == null) {
                        errors.add("invoiceIds[" + i + "]", "invoice " + inv.number + " has no address for the label");
                        continue;
                    }
                    created.add(s);
                }
                all.add(s);
            }
            errors.throwIfAny();
            return Shipment.persist(created).replaceWith(all);
        });
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
