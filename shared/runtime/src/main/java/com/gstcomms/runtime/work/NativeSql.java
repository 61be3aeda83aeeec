package com.gstcomms.runtime.work;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Native SQL through the current Hibernate Reactive session: the one way to run a statement that is not
 * an entity read or write (set-based, conditional, hot-path). Run it inside {@link Transactions#inSession}
 * (each statement commits on its own, as autocommit) or {@link Transactions#inTransaction}.
 *
 * <p>Hibernate parses the SQL: {@code ?1}, {@code ?2} are the ordinal parameters (each may appear more than
 * once), {@code :name} would be a named one, so PostgreSQL's {@code x::int} is written {@code cast(x as int)}.
 * Rows come back as {@code Object[]} in select order, with JDBC's types ({@link Number}, {@code String},
 * {@code Boolean}; dates and timestamps through {@link #localDate} and {@link #offsetDateTime}); select a
 * {@code char(n)} column {@code cast(x as text)}, or it may come back as one {@code Character}.
 */
public final class NativeSql {
    private NativeSql() {
    }

    /** The rows of {@code sql}; a row is an {@code Object[]} also when the select has one column. */
    public static Uni<List<Object[]>> rows(String sql, Object... parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.getResultList();
        }).map(NativeSql::asRows);
    }

    /** The rows changed by {@code sql} (insert, update, delete without {@code returning}). */
    public static Uni<Integer> update(String sql, Object... parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.executeUpdate();
        });
    }

    private static List<Object[]> asRows(List<?> result) {
        List<Object[]> rows = new ArrayList<>(result.size());
        for (Object row : result) {
            rows.add(row instanceof Object[] columns ? columns : new Object[]{row});
        }
        return rows;
    }

    /** A {@code date} column as Hibernate hands it over ({@code java.sql.Date} or {@code LocalDate}). */
    public static LocalDate localDate(Object value) {
        return switch (value) {
            case null -> null;
            case LocalDate d -> d;
            case java.sql.Date d -> d.toLocalDate();
            default -> LocalDate.parse(value.toString());
        };
    }

    /** A {@code timestamptz} column as Hibernate hands it over, as an instant at UTC. */
    public static OffsetDateTime offsetDateTime(Object value) {
        return switch (value) {
            case null -> null;
            case OffsetDateTime o -> o;
            case Instant i -> i.atOffset(ZoneOffset.UTC);
            case LocalDateTime l -> l.atOffset(ZoneOffset.UTC);
            case java.sql.Timestamp t -> t.toInstant().atOffset(ZoneOffset.UTC);
            default -> OffsetDateTime.parse(value.toString());
        };
    }
}
