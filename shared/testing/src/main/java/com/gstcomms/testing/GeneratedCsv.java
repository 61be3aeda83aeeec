package com.gstcomms.testing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/**
 * A CSV file made row by row as it is read, never held in memory: the large-file tests and benchmarks
 * (millions of rows, tens of MB) measure what the code holds, not what the test holds.
 */
public final class GeneratedCsv extends InputStream {
    private final IntFunction<String> row;
    private final int rows;
    private byte[] current;
    private int position;
    private int next;

    /**
     * @param header the first bytes, written as given (with its line end; put a byte order mark in front
     *               for a file as spreadsheets save it)
     * @param row    row {@code i} (0-based) with its line end
     */
    public GeneratedCsv(String header, int rows, IntFunction<String> row) {
        this.row = row;
        this.rows = rows;
        this.current = header.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        while (position == current.length) {
            if (next == rows) {
                return -1;
            }
            current = row.apply(next++).getBytes(StandardCharsets.UTF_8);
            position = 0;
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }
}
