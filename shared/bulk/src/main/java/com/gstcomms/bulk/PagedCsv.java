package com.gstcomms.bulk;

import com.gstcomms.imports.CsvWriter;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A CSV file produced page by page as it is read, for {@code ObjectStore.put(key, InputStream, …)}: the
 * store uploads it in parts while it is being made, so an export of any size needs memory for one page
 * and one upload part. Each page is fetched when the previous one has been read (a query per page on the
 * reading thread, outside any transaction).
 */
public final class PagedCsv extends InputStream {

    /** The next page of rows (already formatted and defused), or an empty list at the end. */
    @FunctionalInterface
    public interface Pages {
        List<List<String>> next();
    }

    private final Pages pages;
    private byte[] current;
    private int position;
    private boolean ended;
    private long rows;

    public PagedCsv(List<String> header, Pages pages) {
        this.pages = pages;
        this.current = format(List.of(header), true);
    }

    /** Data rows read so far (all of them once the stream has ended). */
    public long rows() {
        return rows;
    }

    @Override
    public int read() {
        if (!fill()) {
            return -1;
        }
        return current[position++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    private boolean fill() {
        while (position == current.length) {
            if (ended) {
                return false;
            }
            List<List<String>> page = pages.next();
            if (page.isEmpty()) {
                ended = true;
                return false;
            }
            rows += page.size();
            current = format(page, false);
            position = 0;
        }
        return true;
    }

    private static byte[] format(List<List<String>> rows, boolean byteOrderMark) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            if (byteOrderMark) {
                // Excel opens a CSV as UTF-8 only with the mark; without it names in Devanagari are garbled.
                writer.write(CsvWriter.BYTE_ORDER_MARK);
            }
            CsvWriter csv = new CsvWriter(writer);
            for (List<String> row : rows) {
                csv.row(row);
            }
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
