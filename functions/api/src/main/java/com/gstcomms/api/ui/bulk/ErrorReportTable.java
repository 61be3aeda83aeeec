package com.gstcomms.api.ui.bulk;

import com.gstcomms.imports.CsvSource;
import com.gstcomms.imports.ImportLimits;
import com.gstcomms.imports.ImportRefused;
import com.gstcomms.imports.SourceRecord;
import io.quarkus.qute.TemplateData;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An error report CSV (the csv function's {@code Row,Column,Value,Reason}, the bulk invoices'
 * {@code item,orderRef,field,message}) as a table for the page: the header row, then up to
 * {@link #MAX_ROWS} rows; the rest is in the downloadable file. Read with the one CSV parser,
 * {@link CsvSource} (RFC 4180, UTF-8 with or without a byte order mark).
 *
 * <p>Read as a stream: an error report can be as large as the upload it describes, so only the rows
 * shown are kept (each cell cut to {@link #MAX_CELL} characters, each row to {@link #MAX_COLUMNS} cells);
 * the others are only counted. One value is held whole while it is read, up to {@link #READ_LIMITS}'
 * value length (our own reports cut values to 1,000 characters; a longer one is a foreign file).
 */
@TemplateData
public record ErrorReportTable(List<String> header, List<List<String>> rows, int totalRows) {

    static final int MAX_ROWS = 500;
    static final int MAX_CELL = 1000;
    static final int MAX_COLUMNS = 20;
    /** Not an import: no limit on the file's size, columns or rows; values up to 16 M characters. */
    private static final ImportLimits READ_LIMITS = new ImportLimits(Long.MAX_VALUE, Integer.MAX_VALUE - 1,
            16 * 1024 * 1024, Integer.MAX_VALUE, 1);

    public boolean truncated() {
        return totalRows > rows.size();
    }

    static ErrorReportTable parse(byte[] csv) {
        return parse(new java.io.ByteArrayInputStream(csv));
    }

    /** Reads {@code csv} to its end and closes it. */
    static ErrorReportTable parse(InputStream csv) {
        try (InputStream in = csv) {
            CsvSource source;
            try {
                source = CsvSource.open(in, READ_LIMITS);
            } catch (ImportRefused empty) {
                // No header row (an empty file): nothing to show, as before the parser was shared.
                return new ErrorReportTable(List.of(), List.of(), 0);
            }
            try (source) {
                List<List<String>> rows = new ArrayList<>();
                int count = 0;
                for (SourceRecord record = source.next(); record != null; record = source.next()) {
                    if (record.isBlank()) {
                        continue;
                    }
                    count++;
                    if (rows.size() < MAX_ROWS) {
                        rows.add(bounded(Arrays.asList(record.values())));
                    }
                }
                return new ErrorReportTable(bounded(source.header()), List.copyOf(rows), count);
            }
        } catch (IOException | ImportRefused e) {
            throw new UncheckedIOException("the error report could not be read",
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    private static List<String> bounded(List<String> record) {
        List<String> cells = new ArrayList<>(Math.min(record.size(), MAX_COLUMNS));
        for (String cell : record.subList(0, Math.min(record.size(), MAX_COLUMNS))) {
            cells.add(cell.length() <= MAX_CELL ? cell : cell.substring(0, MAX_CELL));
        }
        return List.copyOf(cells);
    }
}
