package com.gstcomms.api.ui;

import com.gstcomms.core.time.India;
import com.gstcomms.api.http.FieldErrors;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** What HTML forms send, turned into what the API's services take; bad input is a field error. */
public final class FormValues {

    private FormValues() {
    }

    /** "name=value" per line (blank lines ignored) → variables; a line without '=' is an error naming it. */
    public static Map<String, Object> variables(FieldErrors errors, String field, String text) {
        Map<String, Object> variables = new LinkedHashMap<>();
        if (text == null) {
            return variables;
        }
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                errors.add(field, "line " + (i + 1) + " must look like name=value, not '" + line + "'");
                continue;
            }
            variables.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return variables;
    }

    /**
     * A {@code datetime-local} value (India time, what the merchant means) as the ISO-8601 time with offset
     * that the API takes; null when empty.
     */
    public static String indiaTime(FieldErrors errors, String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip()).atZone(India.ZONE).toOffsetDateTime().toString();
        } catch (DateTimeParseException e) {
            errors.add(field, field + " must be a date and time like 2026-11-26T10:30");
            return null;
        }
    }

    public static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
