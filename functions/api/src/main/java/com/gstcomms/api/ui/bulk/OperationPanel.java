package com.gstcomms.api.ui.bulk;

import com.gstcomms.api.bulk.BulkOperationView;
import com.gstcomms.runtime.data.BulkOperation;
import io.quarkus.qute.TemplateData;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * One bulk operation as its panel shows it: what it is, how far it got (percent, counts, duration), and
 * the links to its output and error report once they exist. While it runs, the panel asks again every
 * second (htmx polling); the finished panel carries no trigger (once its error report, if due, is there), so
 * polling stops. {@code now}: the time of the request (the injected clock).
 */
@TemplateData
@TemplateData(target = BulkOperationView.class)   // the template reads panel.op.* too (resolvers built at build time)
public record OperationPanel(BulkOperationView op, OffsetDateTime now) {

    /** How long after its end a panel with failures waits for the error report. */
    static final Duration REPORT_WAIT = Duration.ofSeconds(30);

    public long id() {
        return op.id();
    }

    public boolean finished() {
        return BulkOperation.Status.isFinished(op.status());
    }

    /**
     * Asks again while it runs, and for a short while after an end with failures until the error report is
     * there (the workers write it just after finishing the operation), so that its link appears by itself.
     */
    public boolean polling() {
        if (!finished()) {
            return true;
        }
        boolean reportDue = op.failed() > 0 && op.errorReportUrl() == null;
        return reportDue && op.finishedAt() != null && op.finishedAt().isAfter(now.minus(REPORT_WAIT));
    }

    /** "Customer import", "Invoice export", "Invoices", "Labels", "Status change". */
    public String label() {
        String type = op.type();
        if (type.startsWith("IMPORT_")) {
            return capitalised(type.substring(7)) + " import";
        }
        if (type.startsWith("EXPORT_")) {
            return capitalised(type.substring(7)) + " export";
        }
        return switch (type) {
            case "INVOICES" -> "Invoice PDFs";
            case "LABELS" -> "Shipping labels";
            case "STATUS" -> "Status change";
            default -> capitalised(type);
        };
    }

    /** "Completed with errors", "Running" … */
    public String statusText() {
        return capitalised(op.status()).replace('_', ' ');
    }

    /** The badge's colour class: ok, warn (with errors, or still going) or bad. */
    public String badge() {
        return switch (op.status()) {
            case "COMPLETED" -> "ok";
            case "FAILED", "CANCELLED" -> "bad";
            default -> "warn";
        };
    }

    /** What the download link gets: "the CSV", "the labels PDF". */
    public String outputName() {
        return op.type().startsWith("EXPORT_") ? "the CSV" : "LABELS".equals(op.type()) ? "the labels PDF" : "the output";
    }

    /** How much of the work is done (failed rows are done too); a finished operation is at 100. */
    public int percent() {
        return finished() ? 100 : Math.min(100, op.percent());
    }

    /** "12 of 20 rows" or "12 rows" while the total is not known yet. */
    public String processedText() {
        return op.processed() + (op.total() == null ? "" : " of " + op.total()) + " processed";
    }

    /**
     * How long the merchant has waited: from the request (an import: from its start, as its operation is
     * made before the file is uploaded) to the end, or until now while it runs. "850 ms", "4.2 s", "2 min 05 s".
     */
    public String duration() {
        OffsetDateTime from = op.type().startsWith("IMPORT_") ? op.startedAt() : op.createdAt();
        if (from == null) {
            return "";
        }
        long ms = Duration.between(from, op.finishedAt() != null ? op.finishedAt() : now).toMillis();
        if (ms < 1000) {
            return Math.max(0, ms) + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return String.format(Locale.ROOT, "%d min %02d s", ms / 60_000, (ms / 1000) % 60);
    }

    private static String capitalised(String upper) {
        String lower = upper.toLowerCase(Locale.ROOT);
        return lower.isEmpty() ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
