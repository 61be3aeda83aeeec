package com.gstcomms.invoicepdf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gstcomms.core.message.RenderLabels;
import com.gstcomms.documents.DocumentDataException;
import com.gstcomms.documents.LabelSheet;
import com.gstcomms.documents.RenderedPdf;
import com.gstcomms.documents.ShippingLabel;
import com.gstcomms.documents.ShippingLabelPdf;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.data.Shipment;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.lambda.RetryLater;
import com.gstcomms.runtime.lambda.SqsBatch;
import com.gstcomms.runtime.storage.ObjectStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * Renders the labels of a bulk label operation into one PDF at {@code labels/{shop}/{operation}.pdf}.
 *
 * <p>The operation's {@code parameters.labelSheet} picks the paper: {@code THERMAL_4X6} (default, one
 * label per page) or {@code A4_FOUR_UP}. Each shipment counts once on the operation: a shipment whose
 * data cannot make a label (no AWB, a bad PIN) is counted failed with its reason in the operation's
 * error summary and left out; the others are printed. The whole command is one {@link BulkProgress}
 * unit, so a redelivered command neither renders again nor counts twice. When no shipment can be
 * printed the message fails ({@link RenderFailed}); a transient S3 failure retries it.
 */
@ApplicationScoped
public class LabelRendering {

    static final Duration LEASE = Duration.ofMinutes(5);
    private static final Logger LOG = Logger.getLogger(LabelRendering.class);

    private final ObjectStore store;
    private final ShippingLabelPdf pdf;
    private final BulkUnits bulk;
    private final ObjectMapper json;

    public LabelRendering(ObjectStore store, ShippingLabelPdf pdf, BulkUnits bulk, ObjectMapper json) {
        this.store = store;
        this.pdf = pdf;
        this.bulk = bulk;
        this.json = json;
    }

    private record Loaded(BulkOperation operation, Shop shop, Map<Long, Shipment> shipments, Map<Long, String> invoiceNumbers) {
    }

    /** @return the S3 key of the label PDF, or null when the command was already done */
    public String render(RenderLabels command, SqsBatch.Delivery delivery) {
        long shopId = command.shopId();
        long opId = command.bulkOperationId();
        Loaded loaded = inSession(() -> load(command));
        if (loaded.operation == null || loaded.shop == null) {
            LOG.errorf("Label operation %d of shop %d does not exist", opId, shopId);
            throw new RenderFailed("bulk operation " + opId + " does not exist for shop " + shopId);
        }
        boolean mine = inTransaction(() -> bulk.claim(shopId, List.of(new BulkUnits.Unit(opId, BulkUnits.LABELS_UNIT)), LEASE))
                .size() == 1;
        if (!mine) {
            LOG.infof("Label operation %d is done or in progress elsewhere: nothing to do for message %s", opId,
                    delivery.messageId());
            return null;
        }
        List<BulkUnits.Unit> unit = List.of(new BulkUnits.Unit(opId, BulkUnits.LABELS_UNIT));
        List<ShippingLabel> labels = new ArrayList<>();
        List<Long> printed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Long id : command.shipmentIds()) {
            Shipment shipment = loaded.shipments.get(id);
            if (shipment == null) {
                problems.add("shipment " + id + " does not exist");
                continue;
            }
            try {
                labels.add(InvoiceDocuments.label(shipment, loaded.shop, loaded.invoiceNumbers.get(shipment.invoiceId)));
                printed.add(id);
            } catch (DocumentDataException e) {
                problems.add("shipment " + id + " (order " + shipment.orderRef + "): " + e.getMessage());
            }
        }
        String reason = problems.isEmpty() ? null : String.join("; ", problems);
        if (labels.isEmpty()) {
            inTransaction(() -> bulk.complete(shopId, unit, 0, problems.size(), reason));
            LOG.errorf("Label operation %d: no label could be made: %s", opId, reason);
            throw new RenderFailed("no label could be made: " + reason);
        }
        LabelSheet sheet = sheet(loaded.operation);
        String key = PdfKeys.labels(shopId, opId);
        try {
            RenderedPdf rendered = pdf.render(labels, sheet);
            store.put(key, rendered.bytes(), RenderedPdf.CONTENT_TYPE);
            LOG.infof("Rendered %d label(s) of operation %d (%s): %d page(s), %d bytes at %s", labels.size(), opId, sheet,
                    rendered.pages(), rendered.bytes().length, key);
        } catch (RuntimeException e) {
            inTransaction(() -> bulk.release(shopId, unit));
            if (e instanceof RetryLater retry) {
                throw retry;
            }
            throw StoreFailures.transientFailure(e, delivery.receiveCount(), "storing labels of operation " + opId)
                    .map(RuntimeException.class::cast).orElse(e);
        }
        int ok = labels.size();
        int bad = problems.size();
        inTransaction(() -> Shipment.update("labelKey = ?1, updatedAt = current_timestamp where shopId = ?2 and id in ?3",
                        key, shopId, printed)
                .chain(() -> BulkOperation.update("outputKey = ?1, total = coalesce(total, ?2), updatedAt = current_timestamp"
                        + " where id = ?3 and shopId = ?4", key, ok + bad, opId, shopId))
                .chain(() -> bulk.complete(shopId, unit, ok, bad, reason)));
        return key;
    }

    private Uni<Loaded> load(RenderLabels command) {
        return BulkOperation.<BulkOperation>find("id = ?1 and shopId = ?2", command.bulkOperationId(), command.shopId())
                .firstResult()
                .chain(op -> Shop.<Shop>findById(command.shopId())
                        .chain(shop -> Shipment.<Shipment>list("shopId = ?1 and id in ?2", command.shopId(), command.shipmentIds())
                                .chain(shipments -> invoiceNumbers(command.shopId(), shipments)
                                        .map(numbers -> new Loaded(op, shop,
                                                shipments.stream().collect(Collectors.toMap(s -> s.id, Function.identity())),
                                                numbers)))));
    }

    private static Uni<Map<Long, String>> invoiceNumbers(long shopId, List<Shipment> shipments) {
        List<Long> ids = shipments.stream().map(s -> s.invoiceId).filter(java.util.Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Invoice.<Invoice>list("shopId = ?1 and id in ?2", shopId, ids)
                .map(list -> list.stream().collect(Collectors.toMap(i -> i.id, i -> i.number)));
    }

    /** {@code parameters.labelSheet}: THERMAL_4X6 (default) or A4_FOUR_UP. */
    LabelSheet sheet(BulkOperation op) {
        try {
            JsonNode node = json.readTree(op.parameters == null ? "{}" : op.parameters).path("labelSheet");
            return node.isTextual() ? LabelSheet.valueOf(node.asText()) : LabelSheet.THERMAL_4X6;
        } catch (Exception e) {
            LOG.warnf("Label operation %d: parameters.labelSheet is not THERMAL_4X6 or A4_FOUR_UP; printing 4x6", op.id);
            return LabelSheet.THERMAL_4X6;
        }
    }
}
