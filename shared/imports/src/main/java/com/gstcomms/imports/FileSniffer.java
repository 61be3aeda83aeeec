package com.gstcomms.imports;

import java.util.Locale;

/**
 * Tells from the first bytes whether an upload is UTF-8 text, and if not, what it is, so the merchant
 * hears "this is an Excel workbook" rather than "parse error at row 1".
 */
final class FileSniffer {

    static final int HEAD_BYTES = 8192;
    private static final String SAVE_AS = " In Excel or Google Sheets save or download it as \"CSV UTF-8 (Comma delimited)\".";

    record Sniffed(boolean byteOrderMark, int skipBytes) {
    }

    private FileSniffer() {
    }

    static Sniffed sniff(byte[] head) {
        int n = head.length;
        if (n == 0) {
            throw new ImportRefused("The file is empty.");
        }
        if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
            return new Sniffed(true, 3);
        }
        if (startsWith(head, 0x00, 0x00, 0xFE, 0xFF) || startsWith(head, 0xFF, 0xFE, 0x00, 0x00)) {
            throw new ImportRefused("The file is UTF-32 text, not UTF-8." + SAVE_AS);
        }
        if (startsWith(head, 0xFF, 0xFE) || startsWith(head, 0xFE, 0xFF)) {
            throw new ImportRefused("The file is UTF-16 text (Excel's \"Unicode Text\"), not UTF-8." + SAVE_AS);
        }
        if (startsWith(head, 0x50, 0x4B, 0x03, 0x04) || startsWith(head, 0x50, 0x4B, 0x05, 0x06)) {
            throw new ImportRefused("The file is an Excel workbook (.xlsx) or another ZIP archive, not a CSV file."
                    + SAVE_AS);
        }
        if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            throw new ImportRefused("The file is an old Excel workbook (.xls), not a CSV file." + SAVE_AS);
        }
        if (startsWith(head, 0x25, 0x50, 0x44, 0x46)) {
            throw new ImportRefused("The file is a PDF document, not a CSV file.");
        }
        if (startsWith(head, 0x1F, 0x8B)) {
            throw new ImportRefused("The file is compressed (gzip), not a CSV file; upload it uncompressed.");
        }
        if (startsWith(head, 0x89, 0x50, 0x4E, 0x47) || startsWith(head, 0xFF, 0xD8, 0xFF)
                || startsWith(head, 0x47, 0x49, 0x46, 0x38)) {
            throw new ImportRefused("The file is an image, not a CSV file.");
        }
        int zerosEven = 0;
        int zerosOdd = 0;
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xFF;
            if (b == 0) {
                if (i % 2 == 0) {
                    zerosEven++;
                } else {
                    zerosOdd++;
                }
            } else if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != 0x0C) {
                control++;
            }
        }
        int pairs = Math.max(1, n / 2);
        if (zerosOdd > pairs * 0.3 && zerosEven < pairs * 0.05 || zerosEven > pairs * 0.3 && zerosOdd < pairs * 0.05) {
            throw new ImportRefused("The file is UTF-16 text without a byte order mark, not UTF-8." + SAVE_AS);
        }
        if (zerosEven + zerosOdd > 0 || control > n / 100) {
            throw new ImportRefused("The file is binary data, not CSV text." + SAVE_AS);
        }
        return new Sniffed(false, 0);
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%d MB", bytes / (1024 * 1024));
    }

    private static boolean startsWith(byte[] head, int... magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
