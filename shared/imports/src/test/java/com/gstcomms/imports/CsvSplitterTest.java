package com.gstcomms.imports;

import com.gstcomms.testing.GeneratedCsv;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CsvSplitterTest {

    private final Map<Integer, ChunkFile.Content> chunks = new LinkedHashMap<>();

    private SplitResult split(InputStream in, ImportKind kind, int chunkRows) throws IOException {
        return new CsvSplitter(ImportLimits.DEFAULTS.withChunkRows(chunkRows)).split(in, kind, Optional.empty(),
                (number, content, rows) -> {
                    ChunkFile.Content read = ChunkFile.read(new ByteArrayInputStream(content), ImportLimits.DEFAULTS);
                    assertThat(read.records()).hasSize(rows);
                    chunks.put(number, read);
                });
    }

    private static InputStream resource(String name) {
        return CsvSplitterTest.class.getResourceAsStream("/" + name);
    }

    @Test
    void splitsShopifysCustomerExportAtRecordBoundariesKeepingSourceRowNumbers() throws IOException {
        SplitResult result = split(resource("shopify-customers-faults.csv"), ImportKind.CUSTOMERS, 10);

        assertThat(result.format()).isEqualTo(CsvFormats.SHOPIFY_CUSTOMERS);
        assertThat(result.byteOrderMark()).isTrue();
        assertThat(result.dataRows()).isEqualTo(32);
        assertThat(result.rejectedRows()).isEqualTo(2);
        assertThat(chunks).hasSize(3);
        List<SourceRecord> all = chunks.values().stream().flatMap(c -> c.records().stream()).toList();
        assertThat(all).hasSize(30);
        // The quoted line break of row 4 does not shift the numbering, and the empty row 27 is a row.
        assertThat(all.get(2).row()).isEqualTo(4);
        assertThat(all.get(2).values()[6]).isEqualTo("872, MG Road\nNear Kapaleeshwarar Temple");
        assertThat(all.getLast().row()).isEqualTo(34);
        assertThat(all.getLast().values()[1]).isEqualTo("राहुल");
    }

    @Test
    void reportsDuplicateCustomersOfTheFileByTheirFirstRow() throws IOException {
        SplitResult result = split(resource("shopify-customers-faults.csv"), ImportKind.CUSTOMERS, 1000);

        assertThat(result.problems()).extracting(RowProblem::row, RowProblem::column, RowProblem::value, RowProblem::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(11, "Email", "CUSTOMER5.B@EXAMPLE.IN",
                                "Duplicate of row 7 (the same email address (case ignored)); only the first is imported."),
                        org.assertj.core.groups.Tuple.tuple(30, "Customer ID", "'7000000000000",
                                "Duplicate of row 2 (the same Shopify customer ID); only the first is imported."));
    }

    @Test
    void neverCutsAnOrderAcrossChunks() throws IOException {
        SplitResult result = split(resource("shopify-orders-sample.csv"), ImportKind.ORDERS, 2);

        assertThat(result.dataRows()).isEqualTo(21);
        for (ChunkFile.Content chunk : chunks.values()) {
            HeaderMatch match = CsvFormats.match(ImportKind.ORDERS, Optional.of("shopify-orders"), chunk.header());
            List<String> names = chunk.records().stream().map(r -> OrderRows.orderName(match, r)).distinct().toList();
            for (ChunkFile.Content other : chunks.values()) {
                if (other != chunk) {
                    assertThat(other.records()).noneMatch(r -> names.contains(OrderRows.orderName(match, r)));
                }
            }
        }
        assertThat(chunks.get(1).records()).extracting(SourceRecord::row).containsExactly(2, 3, 4, 5);
    }

    @Test
    void reportsAnOrderWhoseRowsReappearApartFromItsFirstRows() throws IOException {
        String csv = "Order,Date,State,SKU,Quantity,Unit Price\n"
                + "A1,2026-05-01,MH,S1,1,100\nA2,2026-05-01,MH,S1,1,100\nA1,2026-05-01,MH,S2,1,50\n";

        SplitResult result = split(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), ImportKind.ORDERS, 1000);

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.row()).isEqualTo(4);
            assertThat(p.reason()).contains("Order A1 appears again here, apart from its rows from row 2");
        });
    }

    @Test
    void streamsAFileWithoutHoldingItWhole() throws IOException {
        int rows = 300_000;
        GeneratedCsv file = new GeneratedCsv("Email,First Name\n", rows, i -> "customer" + i + "@example.in,Name " + i + "\n");
        long[] seen = {0};
        int[] largestChunk = {0};

        SplitResult result = new CsvSplitter(ImportLimits.DEFAULTS).split(file, ImportKind.CUSTOMERS, Optional.empty(),
                (n, content, r) -> {
                    seen[0] += r;
                    largestChunk[0] = Math.max(largestChunk[0], content.length);
                });

        assertThat(result.dataRows()).isEqualTo(rows);
        assertThat(result.chunks()).isEqualTo(300);
        assertThat(seen[0]).isEqualTo(rows);
        assertThat(result.bytes()).isGreaterThan(10_000_000L);
        assertThat(largestChunk[0]).isLessThan(100_000);
    }
}
