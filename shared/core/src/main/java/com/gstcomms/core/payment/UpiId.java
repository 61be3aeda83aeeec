package com.gstcomms.core.payment;

import java.util.regex.Pattern;

/**
 * A UPI ID (virtual payment address, VPA): handle@bank, e.g. kala.handlooms@okaxis. The one place the
 * form is written: the shop settings accept only what {@link UpiPaymentLink} can put in a link.
 */
public final class UpiId {

    private static final Pattern VPA = Pattern.compile("[A-Za-z0-9.\\-_]{2,256}@[A-Za-z][A-Za-z0-9]{1,64}");

    private UpiId() {
    }

    /** Whether {@code value} (already trimmed) is of the form name@bank. */
    public static boolean matches(String value) {
        return value != null && VPA.matcher(value).matches();
    }
}
