package com.gstcomms.runtime.storage;

import java.util.Set;

/**
 * Whose file an S3 key is. Every file of a shop lives under {@code {area}/{shopId}/…} (docs/ARCHITECTURE.md "S3 keys":
 * {@code invoices/{shop}/…}, {@code labels/{shop}/…}, {@code exports/{shop}/…}, {@code imports/{shop}/…},
 * {@code bulk/{shop}/…}, {@code logos/{shop}/…}), and one bucket holds every shop's. A key that arrives in a
 * command or a row (an attachment, a document to send) is checked with {@link #ownedBy} before it is read
 * or presigned, so a message of one shop can never carry another shop's invoice.
 */
public final class ShopKeys {

    public static final Set<String> AREAS = Set.of("invoices", "labels", "exports", "imports", "bulk", "logos");

    private ShopKeys() {
    }

    /** True when {@code key} is a file of shop {@code shopId}: a known area, the shop's id, a plain path after it. */
    public static boolean ownedBy(long shopId, String key) {
        if (key == null || key.isEmpty() || key.length() > 1024) {
            return false;
        }
        String[] parts = key.split("/", -1);
        if (parts.length < 3 || !AREAS.contains(parts[0]) || !parts[1].equals(Long.toString(shopId))) {
            return false;
        }
        for (int i = 2; i < parts.length; i++) {
            // No empty, "." or ".." segment: S3 keys are not paths, but links and tools normalise them.
            if (parts[i].isEmpty() || parts[i].equals(".") || parts[i].equals("..")) {
                return false;
            }
        }
        return key.chars().noneMatch(c -> c < 0x20 || c == 0x7F || c == '\\');
    }
}
