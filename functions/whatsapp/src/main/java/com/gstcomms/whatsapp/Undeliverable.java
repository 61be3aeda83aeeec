package com.gstcomms.whatsapp;

/**
 * This notification cannot go by WhatsApp, and trying again will not change that (no approved template,
 * a missing template variable, a document over 16 MB, an invalid number …). The row becomes FAILED with
 * {@link #code()} and the message, which says what is wrong and where; the email fallback may follow.
 */
public class Undeliverable extends RuntimeException {

    private final String code;

    public Undeliverable(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
