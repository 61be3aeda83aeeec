package com.gstcomms.csv;

import com.gstcomms.bulk.BulkOperations;
import com.gstcomms.bulk.CsvConfig;
import com.gstcomms.bulk.ErrorReports;
import com.fasterxml.jackson.databind.JsonNode;
import com.gstcomms.core.message.Channel;
import com.gstcomms.core.message.ProcessCsvChunk;
import com.gstcomms.core.message.RenderInvoice;
import com.gstcomms.imports.ChunkFile;
import com.gstcomms.imports.CsvFormats;
import com.gstcomms.imports.HeaderMatch;
import com.gstcomms.imports.ImportKind;
import com.gstcomms.runtime.config.QueuesConfig;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.lambda.RetryLater;
import com.gstcomms.runtime.lambda.SqsBatch;
import com.gstcomms.runtime.queue.CommandQueue;
import com.gstcomms.runtime.storage.ObjectStore;
import com.gstcomms.runtime.work.BulkProgress;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * One chunk of an import: read it from S3, check every row with the shared/imports readers, then in ONE
 * transaction claim the chunk ({@link BulkProgress}, unit = chunk number), write the good rows in one
 * statement, record the problems and move the progress. A redelivered chunk finds its unit DONE and
 * changes nothing; a chunk that fails part-way rolls back whole and is retried later.
 *
 * <p>The chunk that completes the operation writes {@code errors.csv}; a redelivery that finds the
 * operation finished without its report (that write failed) writes it.
 */
@ApplicationScoped
class ChunkImport {

    private static final Logger LOG = Logger.getLogger(ChunkImport.class);
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final ObjectStore store;
    private final BulkProgress progress;
    private final BulkOperations operations;
    private final ErrorReports reports;
    private final CustomerImport customers;
    private final ProductImport products;
    private final OrderImport orders;
    private final CommandQueue queue;
    private final QueuesConfig queues;
    private final CsvConfig config;
    private final TableStatistics statistics;

    ChunkImport(ObjectStore store, BulkProgress progress, BulkOperations operations, ErrorReports reports,
                CustomerImport customers, ProductImport products, OrderImport orders, CommandQueue queue,
                QueuesConfig queues, CsvConfig config, TableStatistics statistics) {
        this.statistics = statistics;
        this.store = store;
        this.progress = progress;
        this.operations = operations;
        this.reports = reports;
        this.customers = customers;
        this.products = products;
        this.orders = orders;
        this.queue = queue;
        this.queues = queues;
        this.config = config;
    }

    /** What a chunk did: whether it ran (not a redelivery), the operation's status after it, new invoices. */
    record Outcome(boolean applied, Optional<String> status, List<Long> invoiceIds) {
    }

    void process(ProcessCsvChunk command, SqsBatch.Delivery delivery) {
        try {
            run(command);
        } catch (RuntimeException | IOException e) {
            // Database or S3 trouble: the transaction rolled back, nothing moved; try again later.
            throw new RetryLater("chunk " + command.chunkNumber() + " of import " + command.importId() + ": " + e,
                    RetryLater.backoff(delivery.receiveCount(), Duration.ofSeconds(10), Duration.ofMinutes(15)));
        }
    }

    Outcome run(ProcessCsvChunk command) throws IOException {
        long shopId = command.shopId();
        long opId = command.bulkOperationId();
        ImportKeys keys = new ImportKeys(shopId, opId);
        BulkOperation op = inSession(() -> operations.find(shopId, opId));
        if (op == null) {
            LOG.warnf("Chunk %d names bulk operation %d, which shop %d does not have", command.chunkNumber(), opId, shopId);
            return new Outcome(false, Optional.empty(), List.of());
        }
        Optional<ImportKind> kind = ImportKind.ofOperationType(op.type);
        if (kind.isEmpty() || op.status == BulkOperation.Status.FAILED || op.status == BulkOperation.Status.CANCELLED) {
            return new Outcome(false, Optional.empty(), List.of());
        }
        if (op.status.finished()) {
            reports.finish(shopId, opId, keys.errors());
            return new Outcome(false, Optional.of(op.status.name()), List.of());
        }
        if ("DONE".equals(inSession(() -> operations.unitStatus(shopId, opId, command.chunkNumber())))) {
            // A redelivery of a chunk that counted: nothing to read (S3 may have expired it already).
            reports.finish(shopId, opId, keys.errors());
            return new Outcome(false, Optional.empty(), List.of());
        }
        ChunkFile.Content chunk;
        try (InputStream in = store.get(command.chunkKey())) {
            chunk = ChunkFile.read(in, config.limits());
        }
        HeaderMatch match = CsvFormats.match(kind.get(), Optional.of(command.format()), chunk.header());
        ChunkWork work = switch (kind.get()) {
            case CUSTOMERS -> customers.prepare(shopId, match, chunk.records());
            case PRODUCTS -> products.prepare(shopId, match, chunk.records());
            case ORDERS -> orders.prepare(shopId, match, chunk.records());
        };
        int unit = command.chunkNumber();
        switch (kind.get()) {
            case CUSTOMERS -> statistics.keepFresh("customer", unit, config.chunkRows());
            case ORDERS -> statistics.keepFresh("invoice", unit, config.chunkRows());
            default -> { }
        }
        Outcome outcome = inTransaction(() -> progress.claim(shopId, opId, unit, LEASE).chain(claimed -> !claimed
                ? Uni.createFrom().item(new Outcome(false, Optional.empty(), List.of()))
                : work.write().chain(written -> reports.record(shopId, opId, written.problems())
                        .chain(() -> progress.complete(shopId, opId, unit, written.succeeded(), written.failed()))
                        .map(status -> new Outcome(true, status, written.invoiceIds())))));
        if (!outcome.applied()) {
            // A redelivery: this chunk counted already. Finish the report if its writer failed after commit.
            reports.finish(shopId, opId, keys.errors());
            return outcome;
        }
        if (!outcome.invoiceIds().isEmpty()) {
            queueRendering(op, outcome.invoiceIds());
        }
        if (outcome.status().filter(BulkOperation.Status::isFinished).isPresent()) {
            reports.finish(shopId, opId, keys.errors());
        }
        return outcome;
    }

    /**
     * Optional (the import's {@code parameters}: {@code "render": true, "deliverVia": ["EMAIL"]}): queue
     * each new invoice for its PDF and delivery.
     */
    private void queueRendering(BulkOperation op, List<Long> invoiceIds) {
        JsonNode parameters = BulkOperations.parameters(op);
        if (!parameters.path("render").asBoolean(false)) {
            return;
        }
        List<Channel> deliverVia = new ArrayList<>();
        parameters.path("deliverVia").forEach(c -> deliverVia.add(Channel.valueOf(c.asText().toUpperCase(Locale.ROOT))));
        String render = QueuesConfig.required(queues.render(), "render");
        queue.sendAll(render, invoiceIds.stream()
                .map(id -> new RenderInvoice(op.shopId, id, deliverVia, "import-" + op.id)).toList());
    }
}
