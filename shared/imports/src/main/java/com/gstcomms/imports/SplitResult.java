package com.gstcomms.imports;

import java.util.List;

/**
 * What splitting found.
 *
 * @param dataRows     rows holding data (the bulk operation's total; empty lines are not counted)
 * @param chunks       chunks written, numbered 1..chunks
 * @param rejectedRows rows refused while splitting (duplicates), not in any chunk
 * @param problems     unknown columns (row 1) and duplicates, for the error report
 * @param unreported   problems beyond the ones kept (a file of nothing but duplicates), counted only
 */
public record SplitResult(HeaderMatch match, char delimiter, boolean byteOrderMark, long bytes, int dataRows,
                          int chunks, int rejectedRows, List<RowProblem> problems, int unreported) {

    public SplitResult {
        problems = List.copyOf(problems);
    }

    public CsvFormat format() {
        return match.format();
    }
}
