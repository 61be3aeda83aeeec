package com.gstcomms.documents;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Normalising the text fields of documents: trimmed, blank as null, multi-line addresses as lists. */
final class Fields {

    private Fields() {
    }

    static String required(String value, String field, String what) {
        String v = optional(value);
        if (v == null) {
            throw new DocumentDataException(field, what + " is missing");
        }
        return v;
    }

    static String optional(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        return v.isEmpty() ? null : v;
    }

    /** Non-blank lines, trimmed; a null list is empty. */
    static List<String> lines(List<String> lines) {
        if (lines == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (line == null) {
                continue;
            }
            for (String part : line.split("\\R")) {
                String v = part.strip();
                if (!v.isEmpty()) {
                    out.add(v);
                }
            }
        }
        return List.copyOf(out);
    }

    /** Lines of a stored multi-line text (one line per line break). */
    static List<String> lines(String text) {
        return text == null ? List.of() : lines(Arrays.asList(text.split("\\R")));
    }

    /** The same text apart from case, spaces and punctuation. */
    static boolean sameText(List<String> a, List<String> b) {
        return key(a).equals(key(b));
    }

    private static String key(List<String> lines) {
        return String.join(" ", lines).toLowerCase(Locale.ROOT).replaceAll("[\\s,.;:-]+", "");
    }
}
