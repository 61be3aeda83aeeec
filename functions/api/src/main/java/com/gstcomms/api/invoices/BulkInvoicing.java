package com.gstcomms.api.invoices;

import com.gstcomms.api.auth.Caller;
import com.gstcomms.api.bulk.BulkOperationView;
import com.gstcomms.api.http.AuditTrail;
import com.gstcomms.api.http.Json;
import com.gstcomms.api.http.Problem;
import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * {@code POST /v1/bulk/invoices}: one bulk operation; each order is issued in its own transaction, so a bad
 * order is reported (error report CSV, one row per problem) and the others are issued. Counters move once
 * per order; the PDFs are queued for the invoice-pdf function.
 */
@ApplicationScoped
public class BulkInvoicing {

    private static final Logger LOG = Logger.getLogger(BulkInvoicing.class);
    public static final int MAX_ORDERS = 200;

    private final InvoiceIssuing issuing;
    private final ObjectStore store;
    private final AuditTrail audit;

    public BulkInvoicing(InvoiceIssuing issuing, ObjectStore store, AuditTrail audit) {
        this.issuing = issuing;
        this.store = store;
        this.audit = audit;
    }

    private record Failure(String item, String orderRef, String field, String message) {
    }

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
            }
        }
        for (int i = 0; i < toRender.size(); i++) {
            long id = toRender.get(i);
            Invoice invoice = inTransaction(() -> Invoice.<Invoice>find("id = ?1 and shopId = ?2", id, shopId).firstResult());
            if (invoice == null || invoice.status == Invoice.Status.CANCELLED) {
                failures.add(new Failure("invoiceIds[" + i + "]", null, "",
                        invoice == null ? "invoice " + id + " was not found" : "invoice " + invoice.number + " is cancelled"));
            } else {
                ready.add(invoice);
            }
        }
        int queued = 0;
        for (Invoice invoice : ready) {
            try {
                issuing.render(invoice, channels);
                queued++;
            } catch (RuntimeException e) {
                LOG.warnf(e, "bulk %d: invoice %d could not be queued for rendering", op.id, invoice.id);
                failures.add(new Failure("invoice " + invoice.id, invoice.orderRef, "", "issued as " + invoice.number
                        + " but its PDF could not be queued; POST /v1/invoices/" + invoice.id + "/send"));
            }
        }
        String errorKey = failures.isEmpty() ? null : "bulk/" + shopId + "/" + op.id + "/errors.csv";
        if (errorKey != null) {
            store.put(errorKey, errorReport(failures), "text/csv");
        }
        int failedItems = (int) failures.stream().map(Failure::item).distinct().count();
        int succeeded = op.total - failedItems;
        Map<String, Object> parameters = new LinkedHashMap<>(Json.map(op.parameters));
        parameters.put("invoiceIds", ready.stream().map(inv -> inv.id).toList());
        BulkOperation done = inTransaction(() -> BulkOperation.<BulkOperation>findById(op.id).invoke(row -> {
            row.processed = row.total;
            row.succeeded = succeeded;
            row.failed = failedItems;
            row.errorReportKey = errorKey;
            row.errorSummary = failures.isEmpty() ? null : failedItems + " of " + row.total + " could not be invoiced; see the error report";
            row.parameters = Json.write(parameters);
            row.status = failedItems == 0 ? BulkOperation.Status.COMPLETED
                    : succeeded == 0 ? BulkOperation.Status.FAILED : BulkOperation.Status.COMPLETED_WITH_ERRORS;
            row.finishedAt = OffsetDateTime.now();
            row.updatedAt = row.finishedAt;
        }));
        LOG.infof("bulk %d: %d invoices queued, %d failed", op.id, queued, failedItems);
        return BulkOperationView.of(done, null, null);
    }

    static byte[] errorReport(List<Failure> failures) {
        StringBuilder csv = new StringBuilder("item,orderRef,field,message\r\n");
        for (Failure f : failures) {
            csv.append(cell(f.item())).append(',').append(cell(f.orderRef())).append(',')
                    .append(cell(f.field())).append(',').append(cell(f.message())).append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it as a formula. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
