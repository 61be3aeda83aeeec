package com.gstcomms.imports;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV file as a merchant uploads it, one record at a time, never holding the whole file.
 *
 * <ul>
 *   <li><b>Encoding:</b> UTF-8, with or without a byte order mark. Anything else is refused with a
 *       message saying what the file is ({@link FileSniffer}): UTF-16/32, an .xlsx or .xls workbook, a
 *       PDF, an archive, other binary. Bytes that are not valid UTF-8 further in (Excel's "CSV (Comma
 *       delimited)" saves Windows-1252) refuse the file naming the row and column.</li>
 *   <li><b>Delimiter:</b> comma, semicolon or tab, whichever the header row uses most outside quotes
 *       (Excel writes semicolons where the decimal separator is a comma).</li>
 *   <li><b>Records:</b> RFC 4180 through Jackson's CSV parser: quoted values may hold delimiters, doubled
 *       quotes and line breaks; CRLF or LF. Each record carries its row number as a spreadsheet shows it
 *       (header row 1; a quoted line break does not start a row; an empty line is a row).</li>
 *   <li><b>Limits</b> ({@link ImportLimits}): file size, columns, value length, rows.</li>
 * </ul>
 */
public final class CsvSource implements Closeable {

    /** How far into the file the header row is looked at to find the delimiter. */
    private static final int HEADER_SCAN_CHARS = 60_000;

    private final CsvParser parser;
    private final CountingInputStream counted;
    private final ImportLimits limits;
    private final List<String> header;
    private final char delimiter;
    private final boolean byteOrderMark;
    private int lastRow;
    private int dataRows;

    private CsvSource(CsvParser parser, CountingInputStream counted, ImportLimits limits, char delimiter,
                      boolean byteOrderMark) throws IOException {
        this.parser = parser;
        this.counted = counted;
        this.limits = limits;
        this.delimiter = delimiter;
        this.byteOrderMark = byteOrderMark;
        this.lastRow = 0;
        SourceRecord first = readRecord();
        if (first == null) {
            throw new ImportRefused("The file has no rows: the first row must hold the column headings.");
        }
        if (first.isBlank()) {
            throw new ImportRefused("Row 1 is empty: the first row must hold the column headings.");
        }
        if (first.values().length > limits.maxColumns()) {
            throw new ImportRefused("The header row has " + first.values().length + " columns; at most "
                    + limits.maxColumns() + " are allowed.");
        }
        List<String> names = new ArrayList<>(first.values().length);
        for (String name : first.values()) {
            names.add(name.strip());
        }
        this.header = List.copyOf(names);
    }

    /**
     * Opens a file: checks what it is, finds the delimiter and reads the header row.
     *
     * @throws ImportRefused when the file is not a UTF-8 CSV or breaks a limit
     */
    public static CsvSource open(InputStream raw, ImportLimits limits) throws IOException {
        CountingInputStream counted = new CountingInputStream(raw, limits.maxFileBytes());
        BufferedInputStream bytes = new BufferedInputStream(counted, 64 * 1024);
        bytes.mark(FileSniffer.HEAD_BYTES);
        byte[] head = bytes.readNBytes(FileSniffer.HEAD_BYTES);
        bytes.reset();
        FileSniffer.Sniffed sniffed = FileSniffer.sniff(head);
        bytes.skipNBytes(sniffed.skipBytes());

        // Malformed bytes become U+FFFD here and are refused per value below, with a row and column.
        BufferedReader text = new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8), 64 * 1024);
        char delimiter = detectDelimiter(text);

        // Jackson's own cap, one above ours, stops a runaway value early; we report the length ourselves.
        CsvFactory factory = CsvFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(limits.maxFieldChars() + 1).build())
                .build();
        CsvParser parser = factory.createParser(text);
        parser.setSchema(CsvSchema.emptySchema().withColumnSeparator(delimiter).withQuoteChar('"'));
        try {
            return new CsvSource(parser, counted, limits, delimiter, sniffed.byteOrderMark());
        } catch (RuntimeException | IOException e) {
            parser.close();
            throw e;
        }
    }

    public List<String> header() {
        return header;
    }

    public char delimiter() {
        return delimiter;
    }

    public boolean byteOrderMark() {
        return byteOrderMark;
    }

    /** Bytes of the file read so far. */
    public long bytesRead() {
        return counted.count;
    }

    /**
     * The next record (blank ones included, see {@link SourceRecord#isBlank()}), or null at the end.
     *
     * @throws ImportRefused when the rest of the file cannot be read as CSV or breaks a limit
     */
    public SourceRecord next() throws IOException {
        SourceRecord record = readRecord();
        if (record != null && !record.isBlank() && ++dataRows > limits.maxRows()) {
            throw new ImportRefused("The file has more than " + limits.maxRows() + " rows of data; split it into "
                    + "smaller files.");
        }
        return record;
    }

    private SourceRecord readRecord() throws IOException {
        int row = lastRow + 1;
        try {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return null;
            }
            if (token != JsonToken.START_ARRAY) {
                throw new ImportRefused("Row " + row + " cannot be read as CSV.");
            }
            List<String> values = new ArrayList<>();
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw new ImportRefused("Row " + row + " ends in the middle of a value.");
                }
                String value = parser.getText();
                if (value.length() > limits.maxFieldChars()) {
                    throw tooLong(row);
                }
                if (value.indexOf('\uFFFD') >= 0) {
                    throw notUtf8(row, values.size());
                }
                values.add(value);
                if (values.size() > limits.maxColumns()) {
                    throw new ImportRefused("Row " + row + " has more than " + limits.maxColumns()
                            + " values; at most " + limits.maxColumns() + " columns are allowed.");
                }
            }
            lastRow = row;
            return new SourceRecord(row, values.toArray(String[]::new));
        } catch (StreamConstraintsException e) {
            throw tooLong(row);
        } catch (JsonParseException e) {
            String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            if (message.contains("Missing closing quote")) {
                throw new ImportRefused("Row " + row + ": a quoted value (starting with \") is never closed, so "
                        + "the rest of the file would be read as one value. Check the quotes in row " + row + ".", e);
            }
            throw new ImportRefused("Row " + row + " cannot be read as CSV: " + message, e);
        } catch (JsonProcessingException e) {
            throw new ImportRefused("Row " + row + " cannot be read as CSV: " + e.getOriginalMessage(), e);
        }
    }

    private ImportRefused tooLong(int row) {
        return new ImportRefused("Row " + row + " has a value longer than " + limits.maxFieldChars()
                + " characters (more than a spreadsheet cell holds); usually a quote that is never closed. "
                + "Check the quotes in row " + row + ".");
    }

    private ImportRefused notUtf8(int row, int columnIndex) {
        String column = columnIndex < (header == null ? 0 : header.size())
                ? "'" + header.get(columnIndex) + "' (" + Columns.letter(columnIndex) + ")"
                : Columns.letter(columnIndex);
        return new ImportRefused("The file is not UTF-8: row " + row + ", column " + column
                + " has bytes that are not UTF-8 text (Excel's \"CSV (Comma delimited)\" saves in Windows-1252). "
                + "Save the file again as \"CSV UTF-8 (Comma delimited)\".");
    }

    /** The delimiter used most in the header row, outside quotes; comma when none is used. */
    static char detectDelimiter(BufferedReader text) throws IOException {
        text.mark(HEADER_SCAN_CHARS + 1);
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < HEADER_SCAN_CHARS; i++) {
            int c = text.read();
            if (c < 0) {
                break;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                if (c == '\n' || c == '\r') {
                    break;
                }
                switch (c) {
                    case ',' -> commas++;
                    case ';' -> semicolons++;
                    case '\t' -> tabs++;
                    default -> { }
                }
            }
        }
        text.reset();
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        if (tabs > commas && tabs > semicolons) {
            return '\t';
        }
        return ',';
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /** Counts the bytes read and refuses a file over the size limit while it streams. */
    private static final class CountingInputStream extends FilterInputStream {
        private final long max;
        private long count;

        CountingInputStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) {
            count += n;
            if (count > max) {
                throw new ImportRefused("The file is larger than " + FileSniffer.megabytes(max)
                        + "; split it into smaller files.");
            }
        }
    }
}
