package com.gstcomms.core.message;

/** The checks commands make on themselves, so neither a producer nor the codec can build a bad one. */
final class Require {

    private Require() {
    }

    static void positive(long id, String name) {
        if (id <= 0) {
            throw new IllegalArgumentException(name + " must be a positive id, found " + id);
        }
    }

    static void text(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
