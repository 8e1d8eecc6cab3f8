package com.mpac.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded PostgreSQL 18 the launcher runs: roles, schema isolation, and data that survives a restart. */
class PlatformDatabaseIntegrationTests {

    @TempDir
    Path dataDir;

    private final PlatformSecrets secrets = PlatformSecrets.generate(ServiceCatalog.SERVICES, new SecureRandom());
    private final PlatformService portal = ServiceCatalog.byName("svc-portal").orElseThrow();
    private final PlatformService smartTab = ServiceCatalog.byName("svc-smarttab").orElseThrow();

    @Test
    void shouldGiveEachServiceItsOwnSchemaAndKeepTheDataAcrossRestarts() throws Exception {
        PlatformSettings settings = PlatformSettings.from(Map.of("MPAC_DATA_DIR", dataDir.toString(),
                "MPAC_DB_PORT", Integer.toString(freePort())), dataDir);
        Path log = dataDir.resolve("postgres.log");

        try (PlatformDatabase database = PlatformDatabase.start(settings, secrets, log)) {
            database.provision(settings.services(), secrets);
            database.provision(settings.services(), secrets);
            try (Connection connection = connect(database, portal)) {
                execute(connection, "CREATE TABLE portal.merchant (name text)");
                execute(connection, "INSERT INTO merchant VALUES ('kept')");
                assertThatThrownBy(() -> execute(connection, "CREATE TABLE smarttab.bill (id int)"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied for schema smarttab");
                assertThatThrownBy(() -> execute(connection, "CREATE TABLE public.anything (id int)"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied for schema public");
            }
            try (Connection connection = connect(database, smartTab)) {
                assertThatThrownBy(() -> execute(connection, "SELECT * FROM portal.merchant"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied for schema portal");
            }
            assertThatThrownBy(() -> DriverManager.getConnection(database.serviceJdbcUrl(), "portal", "wrong"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            assertThatThrownBy(() -> DriverManager.getConnection(database.serviceJdbcUrl(), "postgres", ""))
                    .isInstanceOf(SQLException.class);
        }

        assertThat(PlatformDatabase.isSecured(PlatformDatabase.pgdata(dataDir))).isTrue();
        try (PlatformDatabase database = PlatformDatabase.start(settings, secrets, log)) {
            database.provision(settings.services(), secrets);
            try (Connection connection = connect(database, portal);
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT name FROM merchant")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("kept");
            }
        }
        // initdb ran on the first start only: the second found the existing cluster and just started it.
        assertThat(Files.readString(log)).containsOnlyOnce("The files belonging to this database system")
                .contains("database system was shut down at");
    }

    @Test
    void shouldRefuseAnotherPlatformEnvForAnExistingDatabase() throws Exception {
        PlatformSettings settings = PlatformSettings.from(Map.of("MPAC_DATA_DIR", dataDir.toString(),
                "MPAC_DB_PORT", Integer.toString(freePort())), dataDir);
        try (PlatformDatabase database = PlatformDatabase.start(settings, secrets, dataDir.resolve("postgres.log"))) {
            database.provision(settings.services(), secrets);
        }
        PlatformSecrets other = PlatformSecrets.generate(ServiceCatalog.SERVICES, new SecureRandom());

        assertThatThrownBy(() -> PlatformDatabase.requireMatchingSuperuserPassword(PlatformDatabase.pgdata(dataDir),
                other.dbSuperuserPassword()))
                .isInstanceOf(LauncherException.class)
                .hasMessageContaining("was set up with another platform.env");
    }

    private Connection connect(PlatformDatabase database, PlatformService service) throws SQLException {
        return DriverManager.getConnection(database.serviceJdbcUrl(), service.schema(), secrets.dbPassword(service));
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
