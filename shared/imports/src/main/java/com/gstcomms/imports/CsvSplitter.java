package com.gstcomms.imports;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits an import file into chunks of about {@link ImportLimits#chunkRows()} rows while it streams
 * (never the whole file in memory), cutting only at record boundaries, and never inside an order: an
 * order's line items stay together so an order becomes one invoice in one transaction.
 *
 * <p>Duplicates inside the file are found here, where the rows pass in file order: a customer whose
 * Shopify ID or email address (case ignored) appeared on an earlier row, a SKU listed twice, or an
 * order whose rows reappear apart from its first rows. The later row is reported ("duplicate of row 7")
 * and left out of the chunks, so it is never written twice. Everything else about a row is checked by
 * the chunk worker with the same row readers.
 */
public final class CsvSplitter {

    /** Problems kept in memory for the report; beyond this they are counted. */
    static final int MAX_REPORTED = 100_000;

    private final ImportLimits limits;

    public CsvSplitter(ImportLimits limits) {
        this.limits = limits;
    }

    /**
     * @throws ImportRefused when the file as a whole cannot be imported
     */
    public SplitResult split(InputStream source, ImportKind kind, Optional<String> formatName, ChunkSink sink)
            throws IOException {
        try (CsvSource csv = CsvSource.open(source, limits)) {
            HeaderMatch match = CsvFormats.match(kind, formatName, csv.header());
            List<RowProblem> problems = new ArrayList<>(match.headerNotes());
            int[] unreported = {0};
            KeyIndex seen = new KeyIndex();
            ChunkFile chunk = new ChunkFile(csv.header());
            int dataRows = 0;
            int rejected = 0;
            int chunks = 0;
            String group = null;
            int groupSeenAt = 0;
            for (SourceRecord record; (record = csv.next()) != null; ) {
                if (record.isBlank()) {
                    continue;
                }
                dataRows++;
                if (kind == ImportKind.ORDERS) {
                    String name = OrderRows.orderName(match, record);
                    if (!name.equals(group)) {
                        // A new order starts: the only place an order chunk may be cut.
                        if (chunk.rows() >= limits.chunkRows()) {
                            sink.write(++chunks, chunk.toBytes(), chunk.rows());
                            chunk = new ChunkFile(csv.header());
                        }
                        group = name;
                        groupSeenAt = name.isEmpty() ? 0 : seen.get("order:" + name);
                        if (groupSeenAt == 0 && !name.isEmpty()) {
                            seen.put("order:" + name, record.row());
                        }
                    }
                    if (groupSeenAt > 0) {
                        rejected++;
                        report(problems, unreported, new RowProblem(record.row(), match.heading(OrderRows.ORDER), name,
                                "Order " + name + " appears again here, apart from its rows from row " + groupSeenAt
                                        + "; an order's line items must follow it. Not imported."));
                        continue;
                    }
                } else {
                    List<String> keys = kind == ImportKind.CUSTOMERS
                            ? CustomerRows.identityKeys(match, record)
                            : ProductRows.identityKeys(match, record);
                    RowProblem duplicate = duplicate(kind, match, record, keys, seen);
                    if (duplicate != null) {
                        rejected++;
                        report(problems, unreported, duplicate);
                        continue;
                    }
                    for (String key : keys) {
                        seen.put(key, record.row());
                    }
                    if (chunk.rows() >= limits.chunkRows()) {
                        sink.write(++chunks, chunk.toBytes(), chunk.rows());
                        chunk = new ChunkFile(csv.header());
                    }
                }
                chunk.add(record);
            }
            if (chunk.rows() > 0) {
                sink.write(++chunks, chunk.toBytes(), chunk.rows());
            }
            if (unreported[0] > 0) {
                problems.add(new RowProblem(1, "", "", unreported[0] + " more rows were duplicates; fix the ones "
                        + "above and import again to see them."));
            }
            return new SplitResult(match, csv.delimiter(), csv.byteOrderMark(), csv.bytesRead(), dataRows, chunks,
                    rejected, problems, unreported[0]);
        }
    }

    private static RowProblem duplicate(ImportKind kind, HeaderMatch match, SourceRecord record, List<String> keys,
                                        KeyIndex seen) {
        for (String key : keys) {
            int earlier = seen.get(key);
            if (earlier > 0) {
                String column = key.startsWith("id:") ? CustomerRows.SHOPIFY_ID
                        : key.startsWith("email:") ? CustomerRows.EMAIL : ProductRows.SKU;
                String what = kind == ImportKind.CUSTOMERS ? CustomerRows.describeKey(key) : "the same SKU";
                return new RowProblem(record.row(), match.heading(column), match.raw(record, column),
                        "Duplicate of row " + earlier + " (" + what + "); only the first is imported.");
            }
        }
        return null;
    }

    private static void report(List<RowProblem> problems, int[] unreported, RowProblem problem) {
        if (problems.size() < MAX_REPORTED) {
            problems.add(problem);
        } else {
            unreported[0]++;
        }
    }
}
