package com.gstcomms.core.invoice;

/**
 * The file name of an invoice's PDF, the one place it is made: the S3 key's last segment (so the email
 * attachment's name), the download link's Content-Disposition and the reminder's link all use it.
 *
 * <p>An invoice number may contain '/' (CGST Rule 46(b): letters, digits, '-' and '/'), which would make
 * folders in an S3 key and is not allowed in a file name; each '/' becomes '-', so {@code INV/2627/000123}
 * is {@code INV-2627-000123.pdf}. Any other character outside A–Z, a–z, 0–9 and '-' (none can pass
 * {@link InvoiceNumber#validate}) becomes '-' as well, so nothing unescaped reaches a header or a key.
 */
public final class InvoiceFileName {

    private InvoiceFileName() {
    }

    /** {@code INV/2627/000123} → {@code INV-2627-000123}. */
    public static String base(String number) {
        StringBuilder name = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            boolean safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            name.append(safe ? c : '-');
        }
        return name.toString();
    }

    /** {@code INV/2627/000123} → {@code INV-2627-000123.pdf}. */
    public static String pdf(String number) {
        return base(number) + ".pdf";
    }
}
