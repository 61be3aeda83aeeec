package com.gstcomms.imports;

import java.util.List;
import java.util.Map;

/**
 * A file's header row matched to a format: where each field's column is, and which headings the format
 * does not know (reported once, as row 1 of the error report, not per row).
 */
public record HeaderMatch(CsvFormat format, List<String> header, Map<String, Integer> positions,
                          List<String> unknownHeadings) {

    public HeaderMatch {
        header = List.copyOf(header);
        positions = Map.copyOf(positions);
        unknownHeadings = List.copyOf(unknownHeadings);
    }

    /** Whether the file has the column of this field. */
    public boolean has(String key) {
        return positions.containsKey(key);
    }

    /** The field's value in a record, without surrounding spaces; "" when the column is absent or empty. */
    public String value(SourceRecord record, String key) {
        Integer position = positions.get(key);
        return position == null ? "" : record.value(position).strip();
    }

    /** The field's value exactly as written (for error reports). */
    public String raw(SourceRecord record, String key) {
        Integer position = positions.get(key);
        return position == null ? "" : record.value(position);
    }

    /** The heading of the field's column as the file writes it, for messages. */
    public String heading(String key) {
        Integer position = positions.get(key);
        if (position != null) {
            return header.get(position);
        }
        return format.columns().stream().filter(c -> c.key().equals(key)).findFirst()
                .map(Column::heading).orElse(key);
    }

    /** Problems of this header that do not stop the import: unknown columns, once each, on row 1. */
    public List<RowProblem> headerNotes() {
        return unknownHeadings.stream()
                .map(h -> new RowProblem(1, h, "", "Unknown column, ignored: it is not part of the "
                        + format.description() + " layout."))
                .toList();
    }
}
