package com.gstcomms.imports;

import java.util.List;

/**
 * A column a format reads: the field it fills ({@code key}), the headings it is known by (matched
 * ignoring case, spacing and punctuation, see {@link Columns#normalise}) and whether a file without it
 * is refused.
 */
public record Column(String key, boolean required, List<String> headings) {

    public Column {
        headings = List.copyOf(headings);
        if (headings.isEmpty()) {
            throw new IllegalArgumentException("column " + key + " needs a heading");
        }
    }

    public static Column required(String key, String... headings) {
        return new Column(key, true, List.of(headings));
    }

    public static Column optional(String key, String... headings) {
        return new Column(key, false, List.of(headings));
    }

    /** The heading the merchant is told about (the first). */
    public String heading() {
        return headings.getFirst();
    }
}
