package com.gstcomms.imports;

import com.gstcomms.core.money.Money;
import com.gstcomms.core.money.Rate;
import com.gstcomms.core.state.IndianState;
import com.gstcomms.core.validation.Bounded;
import com.gstcomms.core.validation.Validated;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the fields of one record and collects every problem, so a row is reported once with all that is
 * wrong in it rather than one fault per upload.
 */
final class RowCheck {

    private final HeaderMatch match;
    private final SourceRecord record;
    private final List<RowProblem> problems = new ArrayList<>();

    RowCheck(HeaderMatch match, SourceRecord record) {
        this.match = match;
        this.record = record;
        int extra = 0;
        for (int i = match.header().size(); i < record.values().length; i++) {
            if (!record.values()[i].isBlank()) {
                extra++;
            }
        }
        if (extra > 0) {
            problems.add(new RowProblem(record.row(), "", "", "The row has " + record.values().length
                    + " values but the header has " + match.header().size()
                    + " columns; a value is probably missing its quotes."));
        }
    }

    int row() {
        return record.row();
    }

    SourceRecord record() {
        return record;
    }

    boolean ok() {
        return problems.isEmpty();
    }

    List<RowProblem> problems() {
        return problems;
    }

    void problem(String key, String reason) {
        problems.add(new RowProblem(record.row(), match.heading(key), match.raw(record, key), reason));
    }

    void problem(String key, String value, String reason) {
        problems.add(new RowProblem(record.row(), match.heading(key), value, reason));
    }

    String text(String key) {
        return match.value(record, key);
    }

    /** Optional text of at most {@code max} characters; null when empty. */
    String text(String key, int max) {
        String value = text(key);
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > max) {
            problem(key, match.heading(key) + " is " + value.length() + " characters long; at most " + max
                    + " are allowed.");
            return null;
        }
        return value;
    }

    String requiredText(String key, int max) {
        String value = text(key, max);
        if (value == null && text(key).isEmpty()) {
            problem(key, match.heading(key) + " is required.");
        }
        return value;
    }

    <T> T validated(String key, Validated<T> result) {
        if (result instanceof Validated.Invalid<T> invalid) {
            problem(key, sentence(invalid.reason()));
            return null;
        }
        return result.validValue().orElseThrow();
    }

    /** yes/no, true/false, y/n, 1/0; empty is no. */
    Boolean yesNo(String key) {
        String value = text(key).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "", "no", "n", "false", "0", "unsubscribed", "not_subscribed", "not subscribed" -> Boolean.FALSE;
            case "yes", "y", "true", "1", "subscribed" -> Boolean.TRUE;
            default -> {
                problem(key, match.heading(key) + " must be yes or no, found '" + text(key) + "'.");
                yield null;
            }
        };
    }

    /** An amount within {@code bound} (shared/core {@link Bounded}: the API's rule for the same field). */
    Money money(String key, boolean required, Bounded bound) {
        String value = text(key);
        if (value.isEmpty()) {
            if (required) {
                problem(key, match.heading(key) + " is required.");
            }
            return required ? null : Money.ZERO;
        }
        String cleaned = value.replace("₹", "").replace("Rs.", "").replace("INR", "").replace(",", "").strip();
        Money money;
        try {
            money = Money.parse(cleaned);
        } catch (IllegalArgumentException e) {
            problem(key, match.heading(key) + " must be an amount like 1299.00, found '" + value + "'.");
            return null;
        }
        if (money.isNegative()) {
            problem(key, match.heading(key) + " must not be negative, found " + value + ".");
            return null;
        }
        return validated(key, bound.check(match.heading(key), money));
    }

    /** A percentage within {@code bound} ({@link Bounded#GST_RATE}, {@link Bounded#CESS_RATE}); a trailing '%' is allowed. */
    Rate rate(String key, boolean required, Bounded bound) {
        String value = text(key);
        if (value.isEmpty()) {
            if (required) {
                problem(key, match.heading(key) + " is required.");
                return null;
            }
            return Rate.ZERO;
        }
        String number = value.endsWith("%") ? value.substring(0, value.length() - 1).strip() : value;
        BigDecimal percent = validated(key, bound.parse(match.heading(key), number));
        return percent == null ? null : Rate.of(percent);
    }

    /** A quantity within {@link Bounded#QUANTITY}; thousands separators are allowed. */
    BigDecimal quantity(String key) {
        String value = text(key);
        if (value.isEmpty()) {
            problem(key, match.heading(key) + " is required.");
            return null;
        }
        return validated(key, Bounded.QUANTITY.parse(match.heading(key), value.replace(",", "")));
    }

    /** A state or UT by province code (MH, TS), GST code (27) or name (Maharashtra). */
    Optional<IndianState> state(String key) {
        String value = text(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<IndianState> state = IndianState.byProvinceCode(value)
                .or(() -> value.chars().allMatch(Character::isDigit) ? IndianState.byCode(value) : Optional.empty())
                .or(() -> IndianState.byName(value));
        if (state.isEmpty()) {
            problem(key, match.heading(key) + " '" + value + "' is not an Indian state or union territory "
                    + "(use a code like MH or 27, or the name).");
        }
        return state;
    }

    /** The core validators' reasons are sentences without a full stop. */
    static String sentence(String reason) {
        if (reason.isEmpty()) {
            return reason;
        }
        String first = reason.substring(0, 1).toUpperCase(Locale.ROOT) + reason.substring(1);
        return first.endsWith(".") ? first : first + ".";
    }
}
