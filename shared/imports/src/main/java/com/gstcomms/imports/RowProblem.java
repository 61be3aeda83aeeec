package com.gstcomms.imports;

import java.util.Objects;

/**
 * One line of an error report: a value of the source file that could not be imported, and why.
 *
 * @param row    the row as a spreadsheet shows it: the header is row 1, the first record row 2, and a line
 *               break inside a quoted value does not start a new row; 1 for problems with the header
 * @param column the column's heading as written in the file, or empty when the whole row is concerned
 * @param value  the value as written (may be empty)
 * @param reason a sentence for the merchant
 */
public record RowProblem(int row, String column, String value, String reason) {

    public RowProblem {
        Objects.requireNonNull(reason, "reason");
        column = column == null ? "" : column;
        value = value == null ? "" : value;
    }
}
