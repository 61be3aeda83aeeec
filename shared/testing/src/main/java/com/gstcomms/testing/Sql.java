package com.gstcomms.testing;

import com.gstcomms.testing.quarkus.LocalCloudResource;
import org.postgresql.util.PGobject;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Plain JDBC against a test database, for fixtures and assertions that must work from outside the
 * application — in an integration test ({@code @QuarkusIntegrationTest}) the app runs as its own
 * process (jar or native binary) and its CDI beans and Panache entities are out of reach.
 *
 * <pre>{@code
 * Sql db = Sql.ofApp();                                     // the database LocalCloudResource gave the app
 * long shop = db.insert("shop", "shop_domain", "a.myshopify.com", "settings", Sql.json("{}"));
 * String key = db.value("select pdf_key from invoice where id = ?", invoiceId);
 * }</pre>
 *
 * <p>Each call opens and closes one connection. Values: {@code Instant} becomes {@code timestamptz},
 * {@code String[]} a {@code text[]}, {@link #json(String)} a {@code jsonb}; the rest is bound as is.
 * Tables with a {@code <table>_seq} sequence (Hibernate's) get their id from it in {@link #insert}.
 */
public final class Sql {

    private final String jdbcUrl;
    private final String username;
    private final String password;

    public Sql(String jdbcUrl, String username, String password) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    /** The database the running app was configured with by {@code LocalCloudResource}. */
    public static Sql ofApp() {
        return new Sql(LocalCloudResource.appConfig("quarkus.datasource.jdbc.url"),
                LocalCloudResource.appConfig("quarkus.datasource.username"),
                LocalCloudResource.appConfig("quarkus.datasource.password"));
    }

    /** A jsonb value. */
    public static Object json(String json) {
        try {
            PGobject o = new PGobject();
            o.setType("jsonb");
            o.setValue(json);
            return o;
        } catch (SQLException e) {
            throw new IllegalArgumentException("not bindable as jsonb: " + json, e);
        }
    }

    /**
     * A {@code timestamptz} column of a {@link #row}/{@link #rows} map as an entity holds it: the JDBC driver
     * gives a {@code java.sql.Timestamp}; the entity's {@code OffsetDateTime} is that instant in UTC.
     */
    public static OffsetDateTime time(Object timestamptz) {
        return timestamptz == null ? null : ((Timestamp) timestamptz).toInstant().atOffset(ZoneOffset.UTC);
    }

    /**
     * Inserts one row and returns its id: {@code insert("customer", "shop_id", 7, "email", "a@b.in")}
     * (column, value pairs). The id comes from {@code <table>_seq}.
     */
    public long insert(String table, Object... columnValuePairs) {
        if (columnValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("insert into " + table + ": column/value pairs expected, got "
                    + columnValuePairs.length + " arguments");
        }
        StringJoiner columns = new StringJoiner(", ", "(id, ", ")");
        StringJoiner marks = new StringJoiner(", ", "(nextval('" + table + "_seq'), ", ")");
        Object[] values = new Object[columnValuePairs.length / 2];
        for (int i = 0; i < columnValuePairs.length; i += 2) {
            columns.add((String) columnValuePairs[i]);
            marks.add("?");
            values[i / 2] = columnValuePairs[i + 1];
        }
        return ((Number) value("insert into " + table + " " + columns + " values " + marks + " returning id", values))
                .longValue();
    }

    /** Runs an insert/update/delete; returns the number of rows changed. */
    public int update(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement s = prepare(c, sql, args)) {
            return s.execute() ? 1 : s.getUpdateCount();
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the only row (null for SQL NULL); fails when there is no row. */
    @SuppressWarnings("unchecked")
    public <T> T value(String sql, Object... args) {
        Map<String, Object> row = row(sql, args).orElseThrow(() -> new AssertionError("no row for: " + sql));
        return (T) row.values().iterator().next();
    }

    /** The first row, column label → value ({@code text[]} as {@code List<String>}). */
    public Optional<Map<String, Object>> row(String sql, Object... args) {
        List<Map<String, Object>> rows = rows(sql, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    /** Every row, column label → value ({@code text[]} as {@code List<String>}). */
    public List<Map<String, Object>> rows(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement s = prepare(c, sql, args); ResultSet rs = s.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof Array array) {
                        v = List.of((Object[]) array.getArray());
                    } else if (v instanceof PGobject pg) {
                        v = pg.getValue();
                    }
                    row.put(meta.getColumnLabel(i), v);
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        return PostgresServer.connectTo(jdbcUrl, username, password);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            Object v = args[i];
            if (v instanceof Instant instant) {
                s.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            } else if (v instanceof String[] strings) {
                s.setArray(i + 1, c.createArrayOf("text", strings));
            } else {
                s.setObject(i + 1, v);
            }
        }
        return s;
    }
}
