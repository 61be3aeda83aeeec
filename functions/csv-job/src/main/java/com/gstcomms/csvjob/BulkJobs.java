package com.gstcomms.csvjob;

import com.gstcomms.bulk.BulkOperations;
import com.gstcomms.runtime.data.BulkOperation;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;

import static com.gstcomms.runtime.work.Transactions.inSession;

/** Runs a bulk operation by its type: an export or a bulk status change. */
@ApplicationScoped
class BulkJobs {

    private final BulkOperations operations;
    private final Exports exports;
    private final StatusChanges statusChanges;

    BulkJobs(BulkOperations operations, Exports exports, StatusChanges statusChanges) {
        this.operations = operations;
        this.exports = exports;
        this.statusChanges = statusChanges;
    }

    BulkJobOutcome run(BulkJob job) {
        BulkOperation op = inSession(() -> operations.find(job.shopId(), job.bulkOperationId()));
        if (op == null) {
            return BulkJobOutcome.of(job.bulkOperationId(), "IGNORED", "no such bulk operation for this shop");
        }
        String type = op.type == null ? "" : op.type.toUpperCase(Locale.ROOT);
        return switch (type) {
            case "EXPORT_CUSTOMERS" -> exports.run(op, Exports.Kind.CUSTOMERS);
            case "EXPORT_INVOICES" -> exports.run(op, Exports.Kind.INVOICES);
            case "EXPORT_NOTIFICATIONS" -> exports.run(op, Exports.Kind.NOTIFICATIONS);
            case "STATUS" -> statusChanges.run(op);
            default -> BulkJobOutcome.of(op.id, "IGNORED", "bulk operation type " + op.type + " is not run here");
        };
    }
}
