package com.gstcomms.csv;

import com.gstcomms.bulk.BulkOperations;
import com.gstcomms.bulk.CsvConfig;
import com.gstcomms.bulk.ErrorReports;
import com.gstcomms.core.message.ProcessCsvChunk;
import com.gstcomms.imports.CsvSplitter;
import com.gstcomms.imports.ImportKind;
import com.gstcomms.imports.ImportRefused;
import com.gstcomms.imports.SplitResult;
import com.gstcomms.runtime.config.QueuesConfig;
import com.gstcomms.runtime.config.S3Config;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.queue.CommandQueue;
import com.gstcomms.runtime.storage.ObjectStore;
import com.gstcomms.runtime.work.BulkProgress;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * An uploaded import file → chunks in S3 and one chunk command each on the chunk queue.
 *
 * <p>The split is unit 0 of the bulk operation's progress: claimed before reading (so a repeated S3
 * event — S3 delivers at least once — does not split twice while this one runs) and completed in the
 * transaction that sets the total, records the duplicates found and creates a PENDING row per chunk.
 * Only then are the chunk commands queued; if queueing fails, the next delivery of the event finds the
 * split done and queues the chunks still PENDING (chunk workers are idempotent, so queueing one twice is
 * harmless).
 *
 * <p>A file refused as a whole (not UTF-8, a spreadsheet, a missing required column, a limit) marks the
 * operation FAILED with the reason and writes nothing: chunks already stored are deleted, no row is
 * written, no command queued.
 */
@ApplicationScoped
class ImportSplit {

    private static final Logger LOG = Logger.getLogger(ImportSplit.class);

    private final ObjectStore store;
    private final CommandQueue queue;
    private final QueuesConfig queues;
    private final BulkProgress progress;
    private final BulkOperations operations;
    private final ErrorReports reports;
    private final CsvConfig config;
    private final String bucket;

    ImportSplit(ObjectStore store, CommandQueue queue, QueuesConfig queues, BulkProgress progress,
                BulkOperations operations, ErrorReports reports, CsvConfig config, S3Config s3) {
        this.bucket = s3.bucket();
        this.store = store;
        this.queue = queue;
        this.queues = queues;
        this.progress = progress;
        this.operations = operations;
        this.reports = reports;
        this.config = config;
    }

    SplitOutcome split(String bucket, String key, long size) {
        if (!bucket.equals(this.bucket)) {
            return SplitOutcome.ignored(key, 0, "bucket " + bucket + " is not this function's bucket");
        }
        Optional<ImportKeys> parsed = ImportKeys.ofSource(key);
        if (parsed.isEmpty()) {
            return SplitOutcome.ignored(key, 0, "not an import source (imports/{shop}/{operation}/source.csv)");
        }
        ImportKeys keys = parsed.get();
        long shopId = keys.shopId();
        long opId = keys.operationId();
        BulkOperation op = inSession(() -> operations.find(shopId, opId));
        if (op == null) {
            LOG.warnf("Upload %s names no bulk operation of its shop", key);
            return SplitOutcome.ignored(key, opId, "no such bulk operation for this shop");
        }
        Optional<ImportKind> kind = ImportKind.ofOperationType(op.type);
        if (kind.isEmpty()) {
            return SplitOutcome.ignored(key, opId, "bulk operation " + opId + " is " + op.type + ", not an import");
        }
        if (op.status.finished()) {
            // A repeated event after the end: only the error report may be missing (its write failed).
            reports.finish(shopId, opId, keys.errors());
            return SplitOutcome.ignored(key, opId, "already " + op.status);
        }
        if (!inTransaction(() -> progress.claim(shopId, opId, BulkOperations.SPLIT_UNIT, config.splitLease()))) {
            return resume(keys, op);
        }

        List<Integer> written = new ArrayList<>();
        try {
            if (size > config.maxFileBytes()) {
                throw new ImportRefused("The file is " + (size / (1024 * 1024)) + " MB; at most "
                        + (config.maxFileBytes() / (1024 * 1024)) + " MB can be imported. Split it into smaller files.");
            }
            if (kind.get() == ImportKind.ORDERS) {
                requireShopState(shopId);
            }
            Optional<String> format = Optional.ofNullable(BulkOperations.parameters(op).path("format").textValue());
            SplitResult result;
            try (InputStream source = store.get(key); ChunkUploads uploads = new ChunkUploads(store)) {
                result = new CsvSplitter(config.limits()).split(source, kind.get(), format, (number, content, rows) -> {
                    written.add(number);
                    uploads.put(keys.chunk(number), content);
                });
                uploads.awaitAll();
            }
            String formatName = result.format().name();
            Optional<String> status = inTransaction(() -> operations
                    .recordSplit(shopId, opId, key, result.dataRows(), formatName, result.chunks())
                    .chain(() -> reports.record(shopId, opId, result.problems()))
                    .chain(() -> progress.complete(shopId, opId, BulkOperations.SPLIT_UNIT, 0,
                            result.rejectedRows())));
            queueChunks(keys, formatName, chunkNumbers(result.chunks()), op);
            if (status.filter(BulkOperation.Status::isFinished).isPresent()) {
                // Nothing left for chunk workers (an empty file, or every row a duplicate).
                reports.finish(shopId, opId, keys.errors());
            }
            LOG.infof("Split %s: %d rows (%s, %s) into %d chunks, %d duplicates", key, result.dataRows(),
                    formatName, delimiterName(result.delimiter()), result.chunks(), result.rejectedRows());
            return new SplitOutcome(key, opId, "SPLIT", result.dataRows(), result.chunks(),
                    result.format().description());
        } catch (ImportRefused refused) {
            for (int number : written) {
                deleteQuietly(keys.chunk(number));
            }
            inTransaction(() -> operations.fail(shopId, opId, refused.getMessage()));
            LOG.infof("Refused %s: %s", key, refused.getMessage());
            return new SplitOutcome(key, opId, "REFUSED", 0, 0, refused.getMessage());
        } catch (IOException | RuntimeException e) {
            // Transient (S3, database): give the split back so the retried event can take it.
            try {
                inTransaction(() -> progress.release(shopId, opId, BulkOperations.SPLIT_UNIT));
            } catch (RuntimeException releaseFailed) {
                LOG.warnf("Could not release the split of %s (its lease will run out): %s", key,
                        releaseFailed.getMessage());
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** A repeated event: queue the chunks an interrupted split stored but never queued. */
    private SplitOutcome resume(ImportKeys keys, BulkOperation op) {
        String unit = inSession(() -> operations.unitStatus(keys.shopId(), op.id, BulkOperations.SPLIT_UNIT));
        if (!"DONE".equals(unit)) {
            return SplitOutcome.ignored(keys.source(), op.id, "being split by another delivery of the event");
        }
        List<Integer> pending = inSession(() -> operations.pendingChunks(keys.shopId(), op.id));
        String format = BulkOperations.parameters(op).path("detectedFormat").asText("");
        if (!pending.isEmpty() && !format.isEmpty()) {
            queueChunks(keys, format, pending, op);
        }
        return new SplitOutcome(keys.source(), op.id, "RESUMED", op.total == null ? 0 : op.total, pending.size(),
                "queued again the chunks not yet started");
    }

    private void queueChunks(ImportKeys keys, String format, List<Integer> numbers, BulkOperation op) {
        if (numbers.isEmpty()) {
            return;
        }
        String queueUrl = QueuesConfig.required(queues.csvChunk(), "csv-chunk");
        List<ProcessCsvChunk> commands = numbers.stream()
                .map(n -> new ProcessCsvChunk(keys.shopId(), op.id, op.id, keys.chunk(n), n, format, "import-" + op.id))
                .toList();
        queue.sendAll(queueUrl, commands);
    }

    private void requireShopState(long shopId) {
        Shop shop = inSession(() -> Shop.<Shop>findById(shopId));
        if (shop == null || shop.stateCode == null || shop.stateCode.isBlank()) {
            throw new ImportRefused("The shop's GST state is not set: it decides CGST and SGST or IGST on every "
                    + "invoice. Set it in the shop settings, then import the orders again.");
        }
    }

    private void deleteQuietly(String key) {
        try {
            store.delete(key);
        } catch (RuntimeException e) {
            LOG.warnf("Could not delete %s of a refused import (S3 lifecycle will): %s", key, e.getMessage());
        }
    }

    private static List<Integer> chunkNumbers(int chunks) {
        List<Integer> numbers = new ArrayList<>(chunks);
        for (int n = 1; n <= chunks; n++) {
            numbers.add(n);
        }
        return numbers;
    }

    private static String delimiterName(char delimiter) {
        return switch (delimiter) {
            case ';' -> "semicolons";
            case '\t' -> "tabs";
            default -> "commas";
        };
    }
}
