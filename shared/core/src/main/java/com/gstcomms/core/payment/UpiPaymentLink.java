package com.gstcomms.core.payment;

import com.gstcomms.core.money.Money;

import java.nio.charset.StandardCharsets;

/**
 * A UPI "pay" deep link (NPCI UPI Linking Specification): {@code upi://pay?pa=<VPA>&pn=<payee name>
 * &am=<amount>&cu=INR&tn=<note>}. Printed as a QR code on unpaid invoices and sent in payment reminders;
 * any UPI app (GPay, PhonePe, Paytm, BHIM) opens a payment of that amount to that VPA with the invoice
 * number as the note, so the merchant can match the payment to the invoice. The amount is a plain
 * decimal with two places ("1234.50", never grouped). Values are percent-encoded as UTF-8 (RFC 3986:
 * a space is %20, not '+'); '@' is left as it is in the VPA, where a query allows it and where some UPI
 * apps expect it literally.
 */
public final class UpiPaymentLink {

    private UpiPaymentLink() {
    }

    public static String of(String payeeVpa, String payeeName, Money amount, String note) {
        if (payeeVpa == null || !UpiId.matches(payeeVpa.trim())) {
            throw new IllegalArgumentException("UPI ID '" + payeeVpa + "' is not of the form name@bank");
        }
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("A UPI payment link needs a positive amount, found " + amount);
        }
        StringBuilder link = new StringBuilder("upi://pay?pa=").append(encode(payeeVpa.trim()));
        if (payeeName != null && !payeeName.isBlank()) {
            link.append("&pn=").append(encode(payeeName.trim()));
        }
        link.append("&am=").append(amount).append("&cu=INR");
        if (note != null && !note.isBlank()) {
            link.append("&tn=").append(encode(note.trim()));
        }
        return link.toString();
    }

    /** Percent-encodes everything but the RFC 3986 unreserved characters and '@'. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
