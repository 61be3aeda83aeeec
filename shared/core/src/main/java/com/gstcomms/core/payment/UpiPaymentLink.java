package com.gstcomms.core.payment;

import com.gstcomms.core.money.Money;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A UPI "pay" deep link (NPCI UPI Linking Specification): {@code upi://pay?pa=<VPA>&pn=<payee name>
 * &am=<amount>&cu=INR&tn=<note>}. Printed as a QR code on unpaid invoices and sent in payment reminders;
 * any UPI app opens it with the payee and amount filled in. The amount is written with two decimals
 * ("1234.50"); values are percent-encoded (spaces as %20, which every UPI app reads, not '+').
 */
public final class UpiPaymentLink {

    /** A virtual payment address: handle@bank, e.g. kala.handlooms@okaxis. */
    private static final Pattern VPA = Pattern.compile("[A-Za-z0-9.\\-_]{2,256}@[A-Za-z][A-Za-z0-9]{1,64}");

    private UpiPaymentLink() {
    }

    public static String of(String payeeVpa, String payeeName, Money amount, String note) {
        if (payeeVpa == null || !VPA.matcher(payeeVpa.trim()).matches()) {
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

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
