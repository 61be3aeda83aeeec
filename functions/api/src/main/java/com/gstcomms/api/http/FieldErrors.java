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
        // PostgreSQL text cannot hold U+0000: stored, it would fail the transaction (a 500), so refuse it here.
        if (value != null && value.indexOf('\u0000') >= 0) {
            add(field, field + " must not contain NUL characters");
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
                    + ", not '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'");
            return null;
        }
    }

    /** BCP 47 language tags as templates use them ("en", "hi", "en-IN"); template.locale is varchar(10). */
    private static final java.util.regex.Pattern LOCALE = java.util.regex.Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,4})?");
    public static final int MAX_VARIABLES = 100;
    public static final int MAX_VARIABLE_NAME = 64;
    /** The variables of one message or campaign as JSON, at most (they are stored with every message). */
    public static final int MAX_VARIABLES_JSON = 20_000;

    /** A locale such as en or hi; null stays null (the default applies). */
    public String locale(String field, String value) {
        if (value == null) {
            return null;
        }
        String tag = value;
        if (tag.length() > 10 || !LOCALE.matcher(tag).matches()) {
            add(field, field + " must be a language code like en or hi (at most 10 characters)");
            return null;
        }
        return tag;
    }

    /** Template variables: at most {@value #MAX_VARIABLES} names of {@value #MAX_VARIABLE_NAME} characters, small values. */
    public void variables(String field, java.util.Map<String, Object> variables) {
        if (variables == null) {
            return;
        }
        if (variables.size() > MAX_VARIABLES) {
            add(field, field + " has " + variables.size() + " entries; at most " + MAX_VARIABLES + " are allowed");
            return;
        }
        for (String name : variables.keySet()) {
            if (name.length() > MAX_VARIABLE_NAME) {
                add(field, field + " has a name of " + name.length() + " characters; at most " + MAX_VARIABLE_NAME
                        + " are allowed");
                return;
            }
        }
        String json = Json.write(variables);
        if (json.length() > MAX_VARIABLES_JSON) {
            add(field, field + " take " + json.length() + " characters as JSON; at most " + MAX_VARIABLES_JSON + " are allowed");
        } else if (json.contains("\\u0000")) {
            // PostgreSQL's jsonb refuses U+0000 in a string: stored, it would fail the transaction.
            add(field, field + " must not contain NUL characters");
        }
    }

    /** A list of at most {@code max} entries. */
    public boolean maxSize(String field, java.util.Collection<?> list, int max) {
        if (list != null && list.size() > max) {
            add(field, field + " has " + list.size() + " entries; at most " + max + " are allowed");
            return false;
        }
        return true;
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
