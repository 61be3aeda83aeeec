package com.gstcomms.testing;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresServerTest {

    private final PostgresServer postgres = LocalServers.postgres();

    @Test
    void answersSelectOneOnLoopback() throws SQLException {
        assertThat(postgres.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres");
        assertThat(postgres.reactiveUrl()).isEqualTo("postgresql://127.0.0.1:" + postgres.port() + "/postgres");
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select 1, version()")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(1);
            assertThat(rows.getString(2)).startsWith("PostgreSQL 14");
        }
    }

    @Test
    void newDatabaseIsEmptyAndSeparateFromOthers() throws SQLException {
        PostgresServer.Database invoices = postgres.newDatabase("isolation_invoices");
        PostgresServer.Database reminders = postgres.newDatabase("isolation_reminders");

        try (Connection connection = postgres.connect(invoices.name()); Statement statement = connection.createStatement()) {
            statement.execute("create table invoice (id int primary key)");
            statement.execute("insert into invoice values (1)");
        }
        assertThat(tableCount(reminders.name())).isZero();
        assertThat(tableCount(invoices.name())).isOne();

        // Asking again for the same name gives an empty database, even with a connection still open.
        try (Connection stillOpen = postgres.connect(invoices.name())) {
            PostgresServer.Database again = postgres.newDatabase("isolation_invoices");
            assertThat(again.jdbcUrl()).isEqualTo(invoices.jdbcUrl());
            assertThat(stillOpen.isValid(1)).isFalse();
        }
        assertThat(tableCount(invoices.name())).isZero();
    }

    @Test
    void refusesNamesThatAreNotPlainIdentifiers() {
        assertThatThrownBy(() -> postgres.newDatabase("x; drop database postgres"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> postgres.newDatabase("postgres")).isInstanceOf(IllegalArgumentException.class);
    }

    private int tableCount(String database) throws SQLException {
        try (Connection connection = postgres.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select count(*) from information_schema.tables where table_schema = 'public'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
