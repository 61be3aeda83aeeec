package com.gstcomms.core.validation;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of checking one input field: either the normalised value, or why it was rejected.
 *
 * <p>Every validator in this module returns one of these instead of throwing, because callers
 * (CSV row validation, the HTTP API's problem+json {@code errors} list) want to collect every
 * problem of a row or request, not stop at the first. {@link Invalid#field()} is the machine
 * name of the field ({@code "gstin"}, {@code "phone"}); {@link Invalid#reason()} (also {@link #rejection()}) is a sentence
 * for a merchant that names the field itself, e.g. {@code "GSTIN must be 15 characters, found 14"}.
 *
 * @param <T> the normalised value's type
 */
public sealed interface Validated<T> permits Validated.Valid, Validated.Invalid {

    record Valid<T>(T value) implements Validated<T> {
        public Valid {
            Objects.requireNonNull(value, "value");
        }
    }

    record Invalid<T>(String field, String reason) implements Validated<T> {
        public Invalid {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(reason, "reason");
        }
    }

    static <T> Validated<T> valid(T value) {
        return new Valid<>(value);
    }

    static <T> Validated<T> invalid(String field, String reason) {
        return new Invalid<>(field, reason);
    }

    default boolean isValid() {
        return this instanceof Valid;
    }

    /** The normalised value, if valid. */
    default Optional<T> validValue() {
        return this instanceof Valid<T> v ? Optional.of(v.value()) : Optional.empty();
    }

    /** Why the value was rejected, if it was. */
    default Optional<String> rejection() {
        return this instanceof Invalid<T> i ? Optional.of(i.reason()) : Optional.empty();
    }

    /**
     * The normalised value.
     *
     * @throws IllegalArgumentException carrying the reason, if invalid
     */
    default T orElseThrow() {
        if (this instanceof Invalid<T> i) {
            throw new IllegalArgumentException(i.reason());
        }
        return ((Valid<T>) this).value();
    }

    default <U> Validated<U> map(Function<? super T, ? extends U> mapper) {
        if (this instanceof Valid<T> v) {
            return new Valid<>(mapper.apply(v.value()));
        }
        Invalid<T> i = (Invalid<T>) this;
        return new Invalid<>(i.field(), i.reason());
    }

    /** The same outcome reported under another field name, e.g. {@code "shippingPhone"}. */
    default Validated<T> forField(String field) {
        return this instanceof Invalid<T> i ? new Invalid<>(field, i.reason()) : this;
    }
}
