package com.gstcomms.api.ui.bulk;

import io.quarkus.qute.TemplateData;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An error report CSV (the csv function's {@code Row,Column,Value,Reason}, the bulk invoices'
 * {@code item,orderRef,field,message}) as a table for the page: the header row, then up to
 * {@link #MAX_ROWS} rows; the rest is in the downloadable file. RFC 4180 (quoted fields with commas,
 * doubled quotes and line breaks), UTF-8 with or without a byte order mark.
 *
 * <p>Read as a stream: an error report can be as large as the upload it describes, so only the rows
 * shown are kept (each cell cut to {@link #MAX_CELL} characters, each row to {@link #MAX_COLUMNS} cells);
 * the others are only counted. Memory stays the same whatever the file's size.
 */
@TemplateData
public record ErrorReportTable(List<String> header, List<List<String>> rows, int totalRows) {

    static final int MAX_ROWS = 500;
    static final int MAX_CELL = 1000;
    static final int MAX_COLUMNS = 20;

    public boolean truncated() {
        return totalRows > rows.size();
    }

    static ErrorReportTable parse(byte[] csv) {
        return parse(new java.io.ByteArrayInputStream(csv));
    }

    /** Reads {@code csv} to its end and closes it. */
    static ErrorReportTable parse(InputStream csv) {
        try (Reader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8), 64 * 1024)) {
            return read(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("the error report could not be read", e);
        }
    }

    /** The header, the rows kept and the count of all rows, as the reading goes. */
    private static final class Collected {
        List<String> header;
        final List<List<String>> rows = new ArrayList<>();
        int count;

        /** Only the header and the shown rows are kept; beyond them only the ends of records matter. */
        boolean keeping() {
            return header == null || rows.size() < MAX_ROWS;
        }

        void end(List<String> record) {
            if (header == null) {
                header = List.copyOf(record);
            } else {
                count++;
                if (rows.size() < MAX_ROWS) {
                    rows.add(List.copyOf(record));
                }
            }
        }
    }

    private static ErrorReportTable read(Reader in) throws IOException {
        Collected table = new Collected();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int c = in.read();
        if (c == '\uFEFF') {
            c = in.read();
        }
        for (; c != -1; c = in.read()) {
            boolean keep = table.keeping();
            if (quoted) {
                if (c == '"') {
                    in.mark(1);
                    int next = in.read();
                    if (next == '"') {
                        append(field, '"', keep);
                    } else {
                        quoted = false;
                        if (next == -1) {
                            break;
                        }
                        in.reset();
                    }
                } else {
                    append(field, (char) c, keep);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    quoted = true;
                    any = true;
                }
                case ',' -> {
                    add(record, field, keep);
                    any = true;
                }
                case '\r' -> {
                }
                case '\n' -> {
                    add(record, field, keep);
                    table.end(record);
                    record.clear();
                    any = false;
                }
                default -> {
                    append(field, (char) c, keep);
                    any = true;
                }
            }
        }
        if (any || field.length() > 0) {
            add(record, field, table.keeping());
            table.end(record);
        }
        if (table.header == null) {
            return new ErrorReportTable(List.of(), List.of(), 0);
        }
        return new ErrorReportTable(table.header, List.copyOf(table.rows), table.count);
    }

    private static void append(StringBuilder field, char c, boolean keep) {
        if (keep && field.length() < MAX_CELL) {
            field.append(c);
        }
    }

    private static void add(List<String> record, StringBuilder field, boolean keep) {
        if (keep && record.size() < MAX_COLUMNS) {
            record.add(field.toString());
        }
        field.setLength(0);
    }
}
