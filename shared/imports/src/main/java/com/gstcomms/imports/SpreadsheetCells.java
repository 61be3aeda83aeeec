package com.gstcomms.imports;

/**
 * Keeps text from being run as a formula when a CSV is opened in a spreadsheet (CSV injection, OWASP):
 * a cell that starts with = + - @ tab or carriage return gets a leading apostrophe, which Excel and
 * Google Sheets show as text and do not display. Apply it to text the merchant or their customers typed,
 * not to amounts we format ourselves (a round-off of -0.40 is a number, not a formula). Typed text that
 * looks like a negative number ("-12.50") is still text and is defused. The one formula-defusing rule:
 * every CSV the project writes ({@link CsvWriter}) passes typed text through here.
 */
public final class SpreadsheetCells {

    private SpreadsheetCells() {
    }

    public static String defuse(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value
                : value;
    }
}
