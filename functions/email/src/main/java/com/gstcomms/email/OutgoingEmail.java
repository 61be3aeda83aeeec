package com.gstcomms.email;

import java.util.List;
import java.util.Map;

/**
 * One provider request: a body for one recipient, or — for campaign mail — a body with substitution
 * markers shared by up to 1,000 recipients, each with the values that turn it into exactly their own
 * message (SendGrid personalizations; the SMTP fallback applies them itself).
 *
 * @param html        HTML body, or null for text-only mail
 * @param headers     headers every recipient gets (in addition to their own)
 */
record OutgoingEmail(long shopId, String kind, Long campaignId, Sender from, String html, String text,
                     List<Attachment> attachments, Map<String, String> headers, List<Recipient> recipients) {

    record Sender(String email, String name, String replyTo) {
    }

    record Attachment(String filename, String contentType, byte[] content) {
    }

    /**
     * @param substitutions marker → value, applied to the bodies (empty for a message of its own)
     * @param headers       this recipient's own headers (List-Unsubscribe)
     */
    record Recipient(long notificationId, String email, String subject, Map<String, String> substitutions,
                     Map<String, String> headers) {
    }

    /** This recipient's bodies with their substitutions applied: what they receive. */
    String htmlFor(Recipient recipient) {
        return html == null ? null : Substitutions.apply(html, recipient.substitutions());
    }

    String textFor(Recipient recipient) {
        return text == null ? null : Substitutions.apply(text, recipient.substitutions());
    }

    /** The size of the request body, roughly (bodies, base64 attachments, per-recipient parts). */
    long estimatedBytes() {
        long size = 2_000L + utf8Length(html) + utf8Length(text);
        for (Attachment a : attachments) {
            size += (a.content().length + 2L) / 3 * 4 + a.filename().length() + 100;
        }
        for (Recipient r : recipients) {
            size += 300L + utf8Length(r.subject()) + r.email().length();
            for (var e : r.substitutions().entrySet()) {
                size += utf8Length(e.getKey()) + utf8Length(e.getValue()) + 6;
            }
            for (var e : r.headers().entrySet()) {
                size += e.getKey().length() + utf8Length(e.getValue()) + 6;
            }
        }
        return size;
    }

    static long utf8Length(String s) {
        if (s == null) {
            return 0;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }
}
