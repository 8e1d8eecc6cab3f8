package com.mpac.launcher;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The platform's one PostgreSQL database {@code mpac}: an embedded PostgreSQL 18 whose data survives restarts, or an
 * existing server named by {@code MPAC_DB_URL}. Provisions one login role and one schema per service, so that each
 * service can use only its own schema.
 */
final class PlatformDatabase implements AutoCloseable {

    static final String DATABASE = "mpac";

    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?");
    private static final String SECURED_MARKER = "mpac-superuser.sha256";
    private static final String TRUST_HBA = """
            # Written by the MPAC launcher until the superuser has a password (first start only).
            local   all   all                  trust
            host    all   all   127.0.0.1/32   trust
            host    all   all   ::1/128        trust
            """;
    private static final String PASSWORD_HBA = """
            # Written by the MPAC launcher on every start: every connection gives its role's password.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;

    private final EmbeddedPostgres embedded;
    private final String adminUrl;
    private final Properties adminCredentials;
    private final String serviceJdbcUrl;
    private final String description;

    private PlatformDatabase(EmbeddedPostgres embedded, String adminUrl, Properties adminCredentials,
            String serviceJdbcUrl, String description) {
        this.embedded = embedded;
        this.adminUrl = adminUrl;
        this.adminCredentials = adminCredentials;
        this.serviceJdbcUrl = serviceJdbcUrl;
        this.description = description;
    }

    static PlatformDatabase start(PlatformSettings settings, PlatformSecrets secrets, Path logFile) {
        return switch (settings.database()) {
            case PlatformSettings.EmbeddedDatabase db -> startEmbedded(db.port(), pgdata(settings.dataDir()),
                    secrets.dbSuperuserPassword(), logFile);
            case PlatformSettings.ExternalDatabase db -> {
                Properties credentials = new Properties();
                credentials.setProperty("user", db.adminUser());
                if (!db.adminPassword().isEmpty()) {
                    credentials.setProperty("password", db.adminPassword());
                }
                yield new PlatformDatabase(null, db.adminUrl(), credentials,
                        withDatabase(db.adminUrl(), DATABASE), "existing server " + db.adminUrl());
            }
        };
    }

    static Path pgdata(Path dataDir) {
        return dataDir.resolve("pgdata");
    }

    /**
     * Stops a PostgreSQL still running on {@code pgdata} after its launcher was killed with SIGKILL (pg_ctl detaches
     * the server, so it outlives the launcher and would hold the port and the data directory).
     *
     * @return the stopped server's pid, if there was one
     */
    static Optional<Long> stopOrphanedServer(Path pgdata) {
        Path pidFile = pgdata.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        Optional<ProcessHandle> server;
        try {
            server = Files.readAllLines(pidFile).stream().findFirst().map(String::strip).map(Long::parseLong)
                    .flatMap(ProcessHandle::of)
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info().command().map(command -> command.endsWith("/postgres"))
                            .orElse(false));
        }
        catch (IOException | NumberFormatException ex) {
            return Optional.empty();
        }
        if (server.isEmpty()) {
            return Optional.empty();
        }
        long pid = server.get().pid();
        try {
            // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, close connections, stop.
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(Redirect.DISCARD).start().waitFor();
            server.get().onExit().get(30, TimeUnit.SECONDS);
        }
        catch (IOException | ExecutionException | TimeoutException ex) {
            throw new LauncherException("a PostgreSQL (pid " + pid + ") left running on " + pgdata
                    + " did not stop; stop it (kill -INT " + pid + ") and try again", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return Optional.of(pid);
    }

    /** The JDBC URL of the services' database: the same server, parameters kept, database {@code mpac}. */
    static String withDatabase(String jdbcUrl, String database) {
        Matcher matcher = JDBC_URL.matcher(jdbcUrl);
        if (!matcher.matches()) {
            throw new LauncherException("MPAC_DB_URL must be a PostgreSQL JDBC URL "
                    + "(jdbc:postgresql://host:port/database), not '" + jdbcUrl + "'");
        }
        return matcher.group(1) + "/" + database + (matcher.group(3) == null ? "" : matcher.group(3));
    }

    String serviceJdbcUrl() {
        return serviceJdbcUrl;
    }

    String description() {
        return description;
    }

    /**
     * Creates what is missing and corrects what drifted: database {@code mpac}, one LOGIN role per service with the
     * password from platform.env, one schema per service owned by its role; only the roles may connect, and
     * {@code public} is closed so no service can reach another's data through it. Safe to run on every start.
     */
    void provision(List<PlatformService> services, PlatformSecrets secrets) {
        try (Connection admin = connect(adminUrl)) {
            if (!exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                execute(admin, "CREATE DATABASE " + DATABASE);
            }
            for (PlatformService service : services) {
                String role = quoteIdentifier(service.schema());
                if (!exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", service.schema())) {
                    execute(admin, "CREATE ROLE " + role);
                }
                execute(admin, "ALTER ROLE " + role + " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD "
                        + quoteLiteral(secrets.dbPassword(service)));
            }
            execute(admin, "REVOKE ALL ON DATABASE " + DATABASE + " FROM PUBLIC");
            for (PlatformService service : services) {
                execute(admin, "GRANT CONNECT ON DATABASE " + DATABASE + " TO " + quoteIdentifier(service.schema()));
            }
        }
        catch (SQLException ex) {
            throw failure("could not provision database " + DATABASE, ex);
        }
        try (Connection admin = connect(withDatabase(adminUrl, DATABASE))) {
            execute(admin, "REVOKE ALL ON SCHEMA public FROM PUBLIC");
            for (PlatformService service : services) {
                String schema = quoteIdentifier(service.schema());
                execute(admin, "CREATE SCHEMA IF NOT EXISTS " + schema + " AUTHORIZATION " + schema);
                execute(admin, "ALTER SCHEMA " + schema + " OWNER TO " + schema);
                execute(admin, "REVOKE ALL ON SCHEMA " + schema + " FROM PUBLIC");
            }
        }
        catch (SQLException ex) {
            throw failure("could not provision the service schemas in " + DATABASE, ex);
        }
    }

    /** Stops the embedded server (the data stays); an existing server is left alone. */
    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            }
            catch (IOException | RuntimeException ex) {
                System.err.println("mpac: could not stop the embedded PostgreSQL cleanly: " + ex.getMessage());
            }
        }
    }

    /**
     * True when {@code pgdata} holds a database whose superuser already has a password, i.e. one that only the
     * platform.env it was created with can open.
     */
    static boolean isSecured(Path pgdata) {
        return Files.exists(pgdata.resolve(SECURED_MARKER));
    }

    /**
     * Fails before anything starts when platform.env does not belong to the existing embedded database (PostgreSQL
     * would otherwise just refuse the login, after a wait).
     */
    static void requireMatchingSuperuserPassword(Path pgdata, String superuserPassword) {
        Path marker = pgdata.resolve(SECURED_MARKER);
        if (Files.exists(marker) && !sha256(superuserPassword).equals(read(marker))) {
            throw new LauncherException("the database in " + pgdata + " was set up with another platform.env "
                    + "(its superuser password differs); restore that platform.env, or delete " + pgdata
                    + " to start with an empty database");
        }
    }

    private static PlatformDatabase startEmbedded(int port, Path pgdata, String superuserPassword, Path logFile) {
        Path marker = pgdata.resolve(SECURED_MARKER);
        String passwordHash = sha256(superuserPassword);
        boolean secured = Files.exists(marker);
        EmbeddedPostgres postgres;
        try {
            Files.createDirectories(logFile.getParent());
            // setCleanDataDirectory(false): zonky runs initdb only when pgdata has no postgresql.conf yet and
            // leaves the directory in place on close, so the data survives restarts.
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgdata)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("listen_addresses", "localhost")
                    .setConnectConfig("password", superuserPassword)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
                    .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath(), secured ? PASSWORD_HBA : TRUST_HBA))
                    .start();
        }
        catch (IOException | RuntimeException | ExceptionInInitializerError ex) {
            throw new LauncherException("the embedded PostgreSQL did not start (" + rootMessage(ex) + "); see "
                    + logFile, ex);
        }
        String adminUrl = "jdbc:postgresql://localhost:" + port + "/postgres";
        Properties credentials = new Properties();
        credentials.setProperty("user", "postgres");
        credentials.setProperty("password", superuserPassword);
        PlatformDatabase database = new PlatformDatabase(postgres, adminUrl, credentials,
                "jdbc:postgresql://localhost:" + port + "/" + DATABASE, "embedded PostgreSQL, data in " + pgdata);
        if (!secured) {
            database.requirePasswords(pgdata, superuserPassword, marker, passwordHash);
        }
        return database;
    }

    /**
     * zonky's initdb trusts every local connection; after the first start the superuser gets a password and every
     * role must give its own, so a service cannot log in as another service's role or as the superuser.
     */
    private void requirePasswords(Path pgdata, String superuserPassword, Path marker, String passwordHash) {
        try (Connection admin = connect(adminUrl)) {
            execute(admin, "ALTER ROLE postgres WITH PASSWORD " + quoteLiteral(superuserPassword));
            writeHba(pgdata, PASSWORD_HBA);
            execute(admin, "SELECT pg_reload_conf()");
            Files.writeString(marker, passwordHash + "\n");
        }
        catch (SQLException | IOException ex) {
            close();
            throw failure("could not give the embedded PostgreSQL's superuser a password", ex);
        }
    }

    private Connection connect(String url) throws SQLException {
        // The driver directly: DriverManager's service lookup does not see drivers nested in a Boot jar.
        Connection connection = new org.postgresql.Driver().connect(url, adminCredentials);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL: " + url);
        }
        connection.setAutoCommit(true);
        return connection;
    }

    private static boolean exists(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String quoteLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static void writeHba(Path pgdata, String content) {
        try {
            Files.writeString(pgdata.resolve("pg_hba.conf"), content, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new LauncherException("cannot write " + pgdata.resolve("pg_hba.conf") + ": " + ex.getMessage(), ex);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        }
        catch (IOException ex) {
            return "";
        }
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static LauncherException failure(String what, Exception ex) {
        return new LauncherException(what + ": " + rootMessage(ex), ex);
    }

    static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
