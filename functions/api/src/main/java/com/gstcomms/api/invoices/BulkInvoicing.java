package com.gstcomms.api.invoices;

import com.gstcomms.api.auth.Caller;
import com.gstcomms.api.bulk.BulkOperationView;
import com.gstcomms.api.http.AuditTrail;
import com.gstcomms.api.http.Json;
import com.gstcomms.api.http.Problem;
import com.gstcomms.core.message.Channel;
import com.gstcomms.imports.CsvWriter;
import com.gstcomms.imports.SpreadsheetCells;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.storage.ObjectStore;
import com.gstcomms.runtime.work.BulkProgress;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * {@code POST /v1/bulk/invoices}: one bulk operation; each order is issued in its own transaction, so a bad
 * order is reported (error report CSV, one row per problem) and the others are issued.
 *
 * <p>Progress follows the invoice-pdf function's contract (its {@code BulkUnits}): orders that could not be
 * issued count as failed at once; the issued invoices are listed in {@code parameters.invoiceIds} before
 * their render commands are queued, and each rendered PDF completes its unit (its 1-based position in that
 * list) exactly once, so the operation finishes when the last PDF is in S3, not when it was asked for.
 */
@ApplicationScoped
public class BulkInvoicing {

    private static final Logger LOG = Logger.getLogger(BulkInvoicing.class);
    public static final int MAX_ORDERS = 200;

    private static final Duration LEASE = Duration.ofMinutes(5);

    private final InvoiceIssuing issuing;
    private final ObjectStore store;
    private final AuditTrail audit;
    private final BulkProgress progress;

    public BulkInvoicing(InvoiceIssuing issuing, ObjectStore store, AuditTrail audit, BulkProgress progress) {
        this.progress = progress;
        this.issuing = issuing;
        this.store = store;
        this.audit = audit;
    }

    private record Failure(String item, String orderRef, String field, String message) {
    }

    /** What the error report says of a failure that is not the order's fault (details are in the log only). */
    static final String UNEXPECTED = "could not be invoiced because of an internal error; nothing was issued for it, send it again";

    public BulkOperationView run(Caller caller, List<IssueInvoice> orders, List<Long> invoiceIds, List<String> deliverVia) {
        List<Channel> channels = InvoiceIssuing.channels(deliverVia);
        List<IssueInvoice> toIssue = orders == null ? List.of() : orders;
        List<Long> toRender = invoiceIds == null ? List.of() : invoiceIds;
        long shopId = caller.shopId();
        BulkOperation op = inTransaction(() -> {
            BulkOperation row = new BulkOperation();
            row.shopId = shopId;
            row.type = "INVOICES";
            row.status = BulkOperation.Status.RUNNING;
            row.total = toIssue.size() + toRender.size();
            row.startedAt = OffsetDateTime.now();
            row.createdBy = caller.actor();
            row.parameters = Json.write(Map.of("deliverVia", channels.stream().map(Enum::name).toList()));
            return row.<BulkOperation>persist().call(saved -> audit.record(caller, "bulk.invoices", "bulk_operation",
                    saved.id, Map.of("orders", toIssue.size(), "invoiceIds", toRender.size())));
        });

        try {
            return issueAndQueue(caller, op, toIssue, toRender, channels);
        } catch (RuntimeException e) {
            // Past the items (the report, the counts): the operation must not stay RUNNING for ever.
            LOG.errorf(e, "bulk %d stopped", op.id);
            try {
                inTransaction(() -> BulkOperation.<BulkOperation>findById(op.id).invoke(row -> {
                    if (!row.status.finished()) {
                        row.status = BulkOperation.Status.FAILED;
                        row.errorSummary = "stopped by an internal error; invoices issued so far keep their numbers";
                        row.finishedAt = OffsetDateTime.now();
                        row.updatedAt = OffsetDateTime.now();
                    }
                }));
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    private BulkOperationView issueAndQueue(Caller caller, BulkOperation op, List<IssueInvoice> toIssue,
                                            List<Long> toRender, List<Channel> channels) {
        long shopId = caller.shopId();
        List<Failure> failures = new ArrayList<>();
        List<Invoice> ready = new ArrayList<>();
        for (int i = 0; i < toIssue.size(); i++) {
            IssueInvoice order = toIssue.get(i);
            String item = "orders[" + i + "]";
            String orderRef = order == null ? null : order.orderRef();
            try {
                IssueInvoice withChannels = order == null ? null : new IssueInvoice(order.orderRef(), order.customerId(),
                        order.issueDate(), order.dueDate(), order.placeOfSupply(), order.reverseCharge(),
                        order.pricesIncludeTax(), order.recipient(), order.lines(), order.shippingCharge(), null);
                ready.add(inTransaction(() -> issuing.prepare(shopId, withChannels, "")
                        .chain(prepared -> issuing.persist(caller, prepared))));
            } catch (Problem p) {
                var body = p.body(null);
                if (body.errors() == null) {
                    failures.add(new Failure(item, orderRef, "", body.detail()));
                } else {
                    body.errors().forEach(e -> failures.add(new Failure(item, orderRef, e.field(), e.message())));
                }
            } catch (RuntimeException e) {
                // Anything else (the database, a bug) fails this order only: the invoices already committed
                // must still be rendered and the operation must still finish. Its transaction rolled back.
                LOG.errorf(e, "bulk %d: %s could not be invoiced", op.id, item);
                failures.add(new Failure(item, orderRef, "", UNEXPECTED));
            }
        }
        for (int i = 0; i < toRender.size(); i++) {
            long id = toRender.get(i);
            Invoice invoice;
            try {
                invoice = inTransaction(() -> Invoice.<Invoice>find("id = ?1 and shopId = ?2", id, shopId).firstResult());
            } catch (RuntimeException e) {
                LOG.errorf(e, "bulk %d: invoice %d could not be read", op.id, id);
                failures.add(new Failure("invoiceIds[" + i + "]", null, "", UNEXPECTED));
                continue;
            }
            if (invoice == null || invoice.status == Invoice.Status.CANCELLED) {
                failures.add(new Failure("invoiceIds[" + i + "]", null, "",
                        invoice == null ? "invoice " + id + " was not found" : "invoice " + invoice.number + " is cancelled"));
            } else {
                ready.add(invoice);
            }
        }
        // Issue failures are counted now; each issued invoice is a unit the renderer completes.
        String reportKey = failures.isEmpty() ? null : "bulk/" + shopId + "/" + op.id + "/errors.csv";
        if (reportKey != null) {
            try {
                store.put(reportKey, errorReport(failures), "text/csv");
            } catch (RuntimeException e) {
                // The counts and the summary below still say what failed; the issued invoices still render.
                LOG.errorf(e, "bulk %d: the error report could not be stored", op.id);
                reportKey = null;
            }
        }
        String errorKey = reportKey;
        int issueFailures = (int) failures.stream().map(Failure::item).distinct().count();
        Map<String, Object> parameters = new LinkedHashMap<>(Json.map(op.parameters));
        parameters.put("invoiceIds", ready.stream().map(inv -> inv.id).toList());
        inTransaction(() -> BulkOperation.<BulkOperation>findById(op.id).invoke(row -> {
            row.processed = issueFailures;
            row.failed = issueFailures;
            row.errorReportKey = errorKey;
            row.errorSummary = failures.isEmpty() ? null
                    : issueFailures + " of " + row.total + " could not be invoiced; see the error report";
            row.parameters = Json.write(parameters);
            if (ready.isEmpty()) {
                row.status = BulkOperation.Status.FAILED;
                row.finishedAt = OffsetDateTime.now();
            }
            row.updatedAt = OffsetDateTime.now();
        }));
        int queued = 0;
        for (int i = 0; i < ready.size(); i++) {
            Invoice invoice = ready.get(i);
            int unit = i + 1;
            try {
                issuing.render(invoice, channels);
                queued++;
            } catch (RuntimeException e) {
                // Never queued, so never rendered: count its unit as failed, or the operation would not finish.
                LOG.warnf(e, "bulk %d: invoice %d could not be queued for rendering", op.id, invoice.id);
                inTransaction(() -> progress.claim(shopId, op.id, unit, LEASE)
                        .chain(claimed -> claimed ? progress.complete(shopId, op.id, unit, 0, 1).replaceWith(true)
                                : io.smallrye.mutiny.Uni.createFrom().item(false)));
            }
        }
        int failedItems = issueFailures + (ready.size() - queued);
        BulkOperation done = inTransaction(() -> BulkOperation.<BulkOperation>findById(op.id));
        LOG.infof("bulk %d: %d invoices queued, %d failed", op.id, queued, failedItems);
        return BulkOperationView.of(done, null, null);
    }

    /** {@code item,orderRef,field,message}; the values come from the request, so they are defused. */
    static byte[] errorReport(List<Failure> failures) {
        java.io.StringWriter out = new java.io.StringWriter();
        out.write(CsvWriter.BYTE_ORDER_MARK);
        CsvWriter csv = new CsvWriter(out).row("item", "orderRef", "field", "message");
        for (Failure f : failures) {
            csv.row(SpreadsheetCells.defuse(f.item()), SpreadsheetCells.defuse(f.orderRef()),
                    SpreadsheetCells.defuse(f.field()), SpreadsheetCells.defuse(f.message()));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
