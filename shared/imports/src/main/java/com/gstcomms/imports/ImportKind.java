package com.gstcomms.imports;

import java.util.Locale;
import java.util.Optional;

/** What an import file holds; the bulk operation's type names it ({@code IMPORT_CUSTOMERS} …). */
public enum ImportKind {
    CUSTOMERS,
    ORDERS,
    PRODUCTS;

    /** The bulk operation type of this kind of import, e.g. {@code IMPORT_CUSTOMERS}. */
    public String operationType() {
        return "IMPORT_" + name();
    }

    /** {@code IMPORT_ORDERS} → ORDERS; empty for any other operation type. */
    public static Optional<ImportKind> ofOperationType(String type) {
        if (type == null || !type.toUpperCase(Locale.ROOT).startsWith("IMPORT_")) {
            return Optional.empty();
        }
        String name = type.substring("IMPORT_".length()).toUpperCase(Locale.ROOT);
        for (ImportKind kind : values()) {
            if (kind.name().equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
