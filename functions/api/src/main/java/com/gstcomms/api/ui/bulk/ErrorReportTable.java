package com.gstcomms.api.ui.bulk;

import io.quarkus.qute.TemplateData;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An error report CSV (the csv function's {@code Row,Column,Value,Reason}, the bulk invoices'
 * {@code item,orderRef,field,message}) as a table for the page: the header row, then up to
 * {@link #MAX_ROWS} rows; the rest is in the downloadable file. RFC 4180 (quoted fields with commas,
 * doubled quotes and line breaks), UTF-8 with or without a byte order mark.
 */
@TemplateData
public record ErrorReportTable(List<String> header, List<List<String>> rows, int totalRows) {

    static final int MAX_ROWS = 500;

    public boolean truncated() {
        return totalRows > rows.size();
    }

    static ErrorReportTable parse(byte[] csv) {
        String text = new String(csv, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> records = records(text);
        if (records.isEmpty()) {
            return new ErrorReportTable(List.of(), List.of(), 0);
        }
        List<List<String>> body = records.subList(1, records.size());
        return new ErrorReportTable(records.getFirst(), List.copyOf(body.subList(0, Math.min(MAX_ROWS, body.size()))),
                body.size());
    }

    private static List<List<String>> records(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    quoted = true;
                    any = true;
                }
                case ',' -> {
                    record.add(field.toString());
                    field.setLength(0);
                    any = true;
                }
                case '\r' -> {
                }
                case '\n' -> {
                    record.add(field.toString());
                    records.add(record);
                    record = new ArrayList<>();
                    field.setLength(0);
                    any = false;
                }
                default -> {
                    field.append(c);
                    any = true;
                }
            }
        }
        if (any || field.length() > 0) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
