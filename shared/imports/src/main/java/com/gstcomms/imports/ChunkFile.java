package com.gstcomms.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A chunk of an import as stored next to the source ({@code imports/{shop}/{import}/chunks/{n}.csv}):
 * UTF-8 CSV with the source's header, each record preceded by its source row number (column
 * {@value #ROW_COLUMN}), so the chunk worker reports rows as the merchant's spreadsheet numbers them.
 */
public final class ChunkFile {

    public static final String ROW_COLUMN = "__row";

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    private final Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
    private final CsvWriter csv = new CsvWriter(writer);
    private final List<String> header;
    private int rows;

    public ChunkFile(List<String> header) {
        this.header = header;
        List<String> first = new ArrayList<>(header.size() + 1);
        first.add(ROW_COLUMN);
        first.addAll(header);
        csv.row(first);
    }

    public void add(SourceRecord record) {
        List<String> values = new ArrayList<>(record.values().length + 1);
        values.add(Integer.toString(record.row()));
        values.addAll(Arrays.asList(record.values()));
        csv.row(values);
        rows++;
    }

    public int rows() {
        return rows;
    }

    public List<String> header() {
        return header;
    }

    public byte[] toBytes() {
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A chunk read back: the source header and the records with their source row numbers. */
    public record Content(List<String> header, List<SourceRecord> records) {
    }

    public static Content read(InputStream in, ImportLimits limits) throws IOException {
        // One more column than the source allows: the row number.
        ImportLimits chunkLimits = new ImportLimits(Long.MAX_VALUE, limits.maxColumns() + 1, limits.maxFieldChars(),
                Integer.MAX_VALUE, limits.chunkRows());
        try (CsvSource source = CsvSource.open(in, chunkLimits)) {
            List<String> header = source.header();
            if (header.isEmpty() || !header.getFirst().equals(ROW_COLUMN)) {
                throw new IOException("not a chunk file: the first column is not " + ROW_COLUMN);
            }
            List<SourceRecord> records = new ArrayList<>();
            for (SourceRecord r; (r = source.next()) != null; ) {
                if (r.values().length == 0 || r.isBlank()) {
                    continue;
                }
                int row = Integer.parseInt(r.values()[0]);
                records.add(new SourceRecord(row, Arrays.copyOfRange(r.values(), 1, r.values().length)));
            }
            return new Content(header.subList(1, header.size()), records);
        }
    }
}
