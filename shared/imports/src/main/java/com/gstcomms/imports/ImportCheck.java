package com.gstcomms.imports;

import com.gstcomms.core.gst.PriceBasis;
import com.gstcomms.core.state.IndianState;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a file the way an import would, without writing anything: split (duplicates, limits,
 * encoding), then every row of every chunk read and checked — the same code the csv function runs, for
 * the local command-line tool and for tests. Orders are also worked out as invoices when a catalogue
 * and the shop's state are given.
 */
public final class ImportCheck {

    /** The outcome: rows with data, rows that would be imported, and every problem in row order. */
    public record Report(CsvFormat format, int dataRows, int goodRows, List<RowProblem> problems) {
        public Report {
            problems = List.copyOf(problems);
        }

        public int badRows() {
            return dataRows - goodRows;
        }
    }

    /** What orders need to become invoices; absent to check the rows only. */
    public record Invoicing(Map<String, CatalogueItem> catalogue, IndianState supplierState, PriceBasis basis) {
    }

    private ImportCheck() {
    }

    /**
     * @throws ImportRefused when the file as a whole would be refused
     */
    public static Report check(InputStream file, ImportKind kind, Optional<String> format, ImportLimits limits,
                               Optional<Invoicing> invoicing) throws IOException {
        List<RowProblem> problems = new ArrayList<>();
        int[] good = {0};
        SplitResult split = new CsvSplitter(limits).split(file, kind, format, (number, content, rows) -> {
            ChunkFile.Content chunk = ChunkFile.read(new ByteArrayInputStream(content), limits);
            HeaderMatch match = CsvFormats.match(kind, format, chunk.header());
            java.util.Set<Integer> badRows = new java.util.HashSet<>();
            for (RowResult<?> result : read(kind, match, chunk.records(), invoicing)) {
                if (result instanceof RowResult.Rejected<?> rejected) {
                    problems.addAll(rejected.problems());
                    rejected.problems().forEach(p -> badRows.add(p.row()));
                }
            }
            good[0] += rows - badRows.size();
        });
        problems.addAll(split.problems());
        problems.sort(Comparator.comparingInt(RowProblem::row));
        return new Report(split.format(), split.dataRows(), good[0], problems);
    }

    private static List<? extends RowResult<?>> read(ImportKind kind, HeaderMatch match, List<SourceRecord> records,
                                                     Optional<Invoicing> invoicing) {
        return switch (kind) {
            case CUSTOMERS -> records.stream().map(r -> CustomerRows.read(match, r)).toList();
            case PRODUCTS -> records.stream().map(r -> ProductRows.read(match, r)).toList();
            case ORDERS -> OrderRows.read(match, records).stream()
                    .map(order -> invoicing.isPresent() && order.result() instanceof RowResult.Accepted<OrderRecord> ok
                            ? OrderInvoicing.plan(match, ok.value(), invoicing.get().catalogue(),
                                    invoicing.get().supplierState(), invoicing.get().basis())
                            : order.result())
                    .toList();
        };
    }
}
