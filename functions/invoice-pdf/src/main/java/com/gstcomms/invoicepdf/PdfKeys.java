package com.gstcomms.invoicepdf;

/**
 * Where rendered PDFs go in the bucket (docs/ARCHITECTURE.md "S3 keys").
 *
 * <p>An invoice number may contain '/' (CGST Rule 46(b) allows letters, digits, '-' and '/'), which
 * would make folders in an S3 key. In the key each '/' becomes '-': {@code INV/2627/000123} is stored
 * as {@code invoices/7/2026-27/INV-2627-000123.pdf}. This cannot collide within a financial year:
 * numbers are unique per shop and year, and a shop that has both {@code A/1} and {@code A-1} is
 * refused here rather than overwriting one PDF with the other (see {@link InvoiceRendering}).
 */
public final class PdfKeys {

    private PdfKeys() {
    }

    public static String invoice(long shopId, String financialYear, String number) {
        return "invoices/" + shopId + "/" + financialYear + "/" + fileName(number) + ".pdf";
    }

    public static String labels(long shopId, long bulkOperationId) {
        return "labels/" + shopId + "/" + bulkOperationId + ".pdf";
    }

    /** The invoice number as a file name: '/' becomes '-'; nothing else can occur in a valid number. */
    static String fileName(String number) {
        return number.replace('/', '-');
    }
}
