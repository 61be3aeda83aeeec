package com.gstcomms.imports;

import java.io.Writer;

/**
 * The error report of an import, {@code errors.csv}: one line per problem with the row as a spreadsheet
 * shows it, the column's heading, the value as written and the reason. UTF-8 with a byte order mark so
 * Excel shows names in any script; values are defused ({@link SpreadsheetCells}) because they come from
 * the uploaded file.
 */
public final class ErrorReport {

    public static final String[] HEADER = {"Row", "Column", "Value", "Reason"};

    private final CsvWriter csv;

    private ErrorReport(Writer out) {
        this.csv = new CsvWriter(out);
    }

    /** Starts a report: writes the byte order mark and the header. */
    public static ErrorReport start(Writer out) {
        try {
            out.write(CsvWriter.BYTE_ORDER_MARK);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ErrorReport report = new ErrorReport(out);
        report.csv.row(HEADER);
        return report;
    }

    public ErrorReport add(RowProblem problem) {
        csv.row(Integer.toString(problem.row()), SpreadsheetCells.defuse(problem.column()),
                SpreadsheetCells.defuse(problem.value()), SpreadsheetCells.defuse(problem.reason()));
        return this;
    }

    public void flush() {
        csv.flush();
    }
}
