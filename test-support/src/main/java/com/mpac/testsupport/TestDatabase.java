package com.mpac.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one place tests get PostgreSQL from, a fresh database per test JVM, chosen in this order:
 * <ol>
 * <li>{@code MPAC_TEST_JDBC_URL} (with {@code MPAC_TEST_JDBC_USER}/{@code MPAC_TEST_JDBC_PASSWORD}): an existing
 * server, on which a new database is created for this JVM and dropped when it exits;</li>
 * <li>Testcontainers {@code postgres:18}, when a Docker engine answers;</li>
 * <li>an embedded PostgreSQL 18 (zonky), which needs neither.</li>
 * </ol>
 * Nothing is skipped for want of Docker.
 */
public final class TestDatabase {

    public record Coordinates(String jdbcUrl, String username, String password, String source) {
    }

    private static Coordinates coordinates;

    private TestDatabase() {
    }

    public static synchronized Coordinates get() {
        if (coordinates == null) {
            coordinates = start();
            System.out.println("[test-support] PostgreSQL for this JVM: " + coordinates.source() + " "
                    + coordinates.jdbcUrl());
        }
        return coordinates;
    }

    private static Coordinates start() {
        String externalUrl = System.getenv("MPAC_TEST_JDBC_URL");
        if (externalUrl != null && !externalUrl.isBlank()) {
            return freshDatabaseOn(externalUrl, env("MPAC_TEST_JDBC_USER", "postgres"),
                    env("MPAC_TEST_JDBC_PASSWORD", ""));
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:18");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return new Coordinates(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                    "Testcontainers postgres:18");
        }
        return embedded();
    }

    private static Coordinates embedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                }
                catch (IOException ignored) {
                    // The JVM is exiting; the temporary data directory goes with it.
                }
            }));
            return new Coordinates(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "",
                    "embedded PostgreSQL");
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL", ex);
        }
    }

    private static Coordinates freshDatabaseOn(String url, String user, String password) {
        String database = "mpac_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        execute(url, user, password, "CREATE DATABASE " + database);
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> execute(url, user, password, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)")));
        return new Coordinates(withDatabase(url, database), user, password, "MPAC_TEST_JDBC_URL, database " + database);
    }

    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int slash = base.lastIndexOf('/');
        if (slash < "jdbc:postgresql://".length()) {
            throw new IllegalArgumentException("MPAC_TEST_JDBC_URL must look like jdbc:postgresql://host:port/db");
        }
        return base.substring(0, slash + 1) + database + params;
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot run '" + sql + "' on MPAC_TEST_JDBC_URL", ex);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
