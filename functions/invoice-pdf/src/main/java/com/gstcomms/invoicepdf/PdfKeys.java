package com.gstcomms.invoicepdf;

import com.gstcomms.core.invoice.InvoiceFileName;

/**
 * Where rendered PDFs go in the bucket (docs/ARCHITECTURE.md "S3 keys").
 *
 * <p>An invoice number may contain '/' (CGST Rule 46(b) allows letters, digits, '-' and '/'), which
 * would make folders in an S3 key. The key ends in the PDF's file name ({@link InvoiceFileName}: each
 * '/' becomes '-'): {@code INV/2627/000123} is stored as {@code invoices/7/2026-27/INV-2627-000123.pdf}. This cannot collide within a financial year:
 * numbers are unique per shop and year, and a shop that has both {@code A/1} and {@code A-1} is
 * refused here rather than overwriting one PDF with the other (see {@link InvoiceRendering}).
 */
public final class PdfKeys {

    private PdfKeys() {
    }

    public static String invoice(long shopId, String financialYear, String number) {
        return "invoices/" + shopId + "/" + financialYear + "/" + InvoiceFileName.pdf(number);
    }

    public static String labels(long shopId, long bulkOperationId) {
        return "labels/" + shopId + "/" + bulkOperationId + ".pdf";
    }
}
