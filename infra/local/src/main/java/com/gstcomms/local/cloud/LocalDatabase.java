package com.gstcomms.local.cloud;

import com.gstcomms.testing.PostgresServer;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local cloud's PostgreSQL database ({@code gstcomms}, new on every start): migrated with the same
 * Flyway scripts the functions carry (shared/runtime's db/migration) before any function starts, so the
 * local shop can be created at once; and read by the console and the demo (plain JDBC, read-mostly).
 */
public final class LocalDatabase {

    private final PostgresServer.Database database;

    private LocalDatabase(PostgresServer.Database database) {
        this.database = database;
    }

    /** A new, empty database on the server, migrated to the current schema. */
    static LocalDatabase createAndMigrate(PostgresServer server, String name) {
        PostgresServer.Database database = server.newDatabase(name);
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return new LocalDatabase(database);
    }

    public String jdbcUrl() {
        return database.jdbcUrl();
    }

    public String reactiveUrl() {
        return database.reactiveUrl();
    }

    public String username() {
        return database.username();
    }

    public String password() {
        return database.password();
    }

    public Connection connect() throws SQLException {
        return PostgresServer.connectTo(database.jdbcUrl(), database.username(), database.password());
    }

    /** Rows as column → value maps, in order. */
    public List<Map<String, Object>> query(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                ResultSetMetaData meta = rows.getMetaData();
                List<Map<String, Object>> out = new ArrayList<>();
                while (rows.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        Object value = rows.getObject(c);
                        if (value instanceof java.sql.Array array) {
                            value = List.of((Object[]) array.getArray());
                        } else if (value instanceof org.postgresql.util.PGobject json) {
                            value = json.getValue();
                        } else if (value instanceof java.sql.Timestamp timestamp) {
                            value = timestamp.toInstant().toString();
                        } else if (value instanceof java.sql.Date date) {
                            value = date.toString();
                        }
                        row.put(meta.getColumnLabel(c), value);
                    }
                    out.add(row);
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + e.getMessage(), e);
        }
    }

    /** One number (count(*) and the like); 0 when there is no row. */
    public long count(String sql, Object... parameters) {
        List<Map<String, Object>> rows = query(sql, parameters);
        if (rows.isEmpty()) {
            return 0;
        }
        Object value = rows.getFirst().values().iterator().next();
        return value == null ? 0 : ((Number) value).longValue();
    }

    public int update(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("update failed: " + e.getMessage(), e);
        }
    }
}
