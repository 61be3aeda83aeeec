package com.gstcomms.bulk;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.Map;

/**
 * Native statements in the current reactive session (and so in the caller's transaction, with
 * {@link com.gstcomms.runtime.work.BulkProgress}). The batch writes are single statements over a JSON
 * array of rows ({@code json_to_recordset}): one round trip per chunk, with parameters Hibernate Reactive
 * binds as plain text. Write {@code cast(cast(:rows as text) as json)}: with a bare {@code cast(:rows as json)}
 * PostgreSQL infers the parameter's type as json and the reactive driver then sends the Java string as a
 * JSON string scalar, not as the document it holds.
 */
public final class Sql {

    private Sql() {
    }

    /** Rows of any width (Hibernate hands back a single-column row as the bare value; it is wrapped here). */
    public static Uni<List<Object[]>> rows(String sql, Map<String, Object> parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class);
            parameters.forEach(query::setParameter);
            return query.getResultList();
        }).map(rows -> {
            List<Object[]> wrapped = new java.util.ArrayList<>(rows.size());
            for (Object row : rows) {
                wrapped.add(row instanceof Object[] columns ? columns : new Object[]{row});
            }
            return wrapped;
        });
    }

    public static <T> Uni<List<T>> column(String sql, Class<T> type, Map<String, Object> parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, type);
            parameters.forEach(query::setParameter);
            return query.getResultList();
        });
    }

    public static Uni<Integer> execute(String sql, Map<String, Object> parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            parameters.forEach(query::setParameter);
            return query.executeUpdate();
        });
    }

    /**
     * Makes the rest of the transaction look rows up through their indexes. While a bulk load fills a
     * young table its statistics lag behind (autovacuum analyses it only every so many rows): the planner,
     * believing the table nearly empty, then scans it once per input row — measured at 2–5 s for a chunk
     * of 1,000 customers against a few thousand rows, instead of 40 ms. Every lookup of the batch
     * statements here has an index (V1's unique indexes), so forbidding the sequential scan is safe.
     */
    public static Uni<Void> preferIndexes() {
        return execute("set local enable_seqscan = off", Map.of()).replaceWithVoid();
    }

    public static long longValue(Object value) {
        return ((Number) value).longValue();
    }

    public static int intValue(Object value) {
        return ((Number) value).intValue();
    }

    public static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
