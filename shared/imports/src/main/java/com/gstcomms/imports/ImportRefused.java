package com.gstcomms.imports;

/**
 * The file as a whole cannot be imported (wrong encoding, a spreadsheet instead of CSV, a missing
 * required column, a limit exceeded, a quote never closed). The message is for the merchant: it says
 * what the file is or where the problem is, and what to do. Nothing of a refused file is written.
 */
public class ImportRefused extends RuntimeException {

    public ImportRefused(String message) {
        super(message);
    }

    public ImportRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
