package com.gstcomms.api.http;

import com.gstcomms.core.validation.Validated;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Collects every problem of a request before answering, so the client sees them all at once. */
public final class FieldErrors {

    private final List<Problem.FieldError> errors = new ArrayList<>();

    public FieldErrors add(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
        return this;
    }

    /** Records the rejection under {@code field} and returns the value, or null when invalid. */
    public <T> T check(String field, Validated<T> outcome) {
        if (outcome instanceof Validated.Invalid<T> bad) {
            add(field, bad.reason());
            return null;
        }
        return outcome.validValue().orElse(null);
    }

    public String required(String field, String value) {
        if (value == null || value.isBlank()) {
            add(field, field + " is required");
            return null;
        }
        return value.strip();
    }

    public <T> T required(String field, T value) {
        if (value == null) {
            add(field, field + " is required");
        }
        return value;
    }

    public String maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            add(field, field + " has " + value.length() + " characters; at most " + max + " are allowed");
            return null;
        }
        return value;
    }

    /** Parses with {@code parser}; its IllegalArgumentException message becomes the field's error. */
    public <T> T parse(String field, String text, Function<String, T> parser) {
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            add(field, e.getMessage());
            return null;
        }
    }

    public <E extends Enum<E>> E oneOf(String field, String text, Class<E> type) {
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            add(field, field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                    + ", not '" + text + "'");
            return null;
        }
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws a 400 problem listing every error, if there is any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw Problem.invalid(List.copyOf(errors));
        }
    }
}
