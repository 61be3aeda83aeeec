package com.gstcomms.api.http;

import io.quarkus.panache.common.Parameters;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Builds the where-clause of a list query from optional filters; every query starts with the shop, so
 * no list can show another shop's rows. Bad filter values are collected as field errors.
 */
public final class Filters {

    private final StringBuilder where = new StringBuilder("shopId = :shopId and id < :cursor");
    private final Parameters params;
    private final FieldErrors errors = new FieldErrors();

    public Filters(long shopId, String cursor) {
        this.params = Parameters.with("shopId", shopId).and("cursor", Page.decode(cursor));
    }

    public Filters eq(String field, String param, Object value) {
        if (value != null) {
            where.append(" and ").append(field).append(" = :").append(param);
            params.and(param, value);
        }
        return this;
    }

    public <E extends Enum<E>> Filters enumEq(String field, String param, String text, Class<E> type) {
        return eq(field, param, errors.oneOf(param, text, type));
    }

    public Filters upper(String field, String param, String text) {
        return eq(field, param, text == null ? null : text.strip().toUpperCase(Locale.ROOT));
    }

    public Filters time(String field, String param, String op, String text) {
        OffsetDateTime t = errors.parse(param, text, Filters::parseTime);
        if (t != null) {
            where.append(" and ").append(field).append(' ').append(op).append(" :").append(param);
            params.and(param, t);
        }
        return this;
    }

    public Filters date(String field, String param, String op, String text) {
        LocalDate d = errors.parse(param, text, s -> {
            try {
                return LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(param + " must be a date like 2026-11-25, not '" + s + "'");
            }
        });
        if (d != null) {
            where.append(" and ").append(field).append(' ').append(op).append(" :").append(param);
            params.and(param, d);
        }
        return this;
    }

    public Filters clause(String clause, String param, Object value) {
        if (value != null) {
            where.append(" and ").append(clause);
            params.and(param, value);
        }
        return this;
    }

    public FieldErrors errors() {
        return errors;
    }

    public String query() {
        errors.throwIfAny();
        return where + " order by id desc";
    }

    public Parameters params() {
        return params;
    }

    public static OffsetDateTime parseTime(String text) {
        try {
            return OffsetDateTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 time with offset, like 2026-11-25T10:15:00+05:30");
        }
    }
}
