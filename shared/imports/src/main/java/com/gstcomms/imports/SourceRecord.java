package com.gstcomms.imports;

/**
 * One record of a CSV file with its spreadsheet row number (header = row 1; a quoted line break does not
 * start a new row, so a record is one row however many lines it spans).
 */
public record SourceRecord(int row, String[] values) {

    /** An empty line (or one of empty values only): it occupies a row but holds no data. */
    public boolean isBlank() {
        for (String value : values) {
            if (!value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** The value at a column, or "" when the record is shorter. */
    public String value(int column) {
        return column >= 0 && column < values.length ? values[column] : "";
    }
}
