package com.mpac.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a launch is configured with, read once from the environment so the rest of the launcher never looks
 * at {@code System.getenv()} (and tests can pass a plain map).
 *
 * @param repoDir      the repository root, where each service's module directory is
 * @param dataDir      {@code $MPAC_DATA_DIR} or {@code <repo>/.mpac}: database, logs, secrets, AOT caches
 * @param aotDir       {@code $MPAC_AOT_DIR} or {@code <dataDir>/aot}; may be shared by several data folders
 * @param ports        each service's HTTP port, in catalog order
 * @param database     an embedded PostgreSQL or an existing server
 * @param readyTimeout how long all services together may take to become ready
 * @param aotRequested false when {@code MPAC_AOT=off}
 */
record PlatformSettings(Path repoDir, Path dataDir, Path aotDir, Map<PlatformService, Integer> ports,
        DatabaseSettings database, Duration readyTimeout, boolean aotRequested) {

    static final int DEFAULT_DB_PORT = 54329;
    static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(120);

    /** Where the platform's database comes from. */
    sealed interface DatabaseSettings {
    }

    /** An embedded PostgreSQL 18 whose data lives in {@code <dataDir>/pgdata}. */
    record EmbeddedDatabase(int port) implements DatabaseSettings {
    }

    /** An existing server reached through {@code adminUrl} by a role that may create databases and roles. */
    record ExternalDatabase(String adminUrl, String adminUser, String adminPassword) implements DatabaseSettings {

        @Override
        public String toString() {
            // Keeps the admin password out of any accidental log line.
            return "ExternalDatabase[" + adminUrl + ", user=" + adminUser + "]";
        }
    }

    static PlatformSettings from(Map<String, String> env, Path repoDir) {
        Path dataDir = pathOr(env.get("MPAC_DATA_DIR"), repoDir.resolve(".mpac"));
        Path aotDir = pathOr(env.get("MPAC_AOT_DIR"), dataDir.resolve("aot"));
        Map<PlatformService, Integer> ports = new LinkedHashMap<>();
        for (PlatformService service : ServiceCatalog.SERVICES) {
            ports.put(service, port(env, service.portVariable(), service.defaultPort()));
        }
        String dbUrl = blankToNull(env.get("MPAC_DB_URL"));
        DatabaseSettings database = dbUrl == null
                ? new EmbeddedDatabase(port(env, "MPAC_DB_PORT", DEFAULT_DB_PORT))
                : new ExternalDatabase(dbUrl, env.getOrDefault("MPAC_DB_ADMIN_USER", "postgres"),
                        env.getOrDefault("MPAC_DB_ADMIN_PASSWORD", ""));
        boolean aot = !"off".equalsIgnoreCase(env.getOrDefault("MPAC_AOT", "on").trim());
        return new PlatformSettings(repoDir, dataDir, aotDir, Collections.unmodifiableMap(ports), database,
                readyTimeout(env.get("MPAC_READY_TIMEOUT")), aot);
    }

    List<PlatformService> services() {
        return List.copyOf(ports.keySet());
    }

    int port(PlatformService service) {
        return ports.get(service);
    }

    String baseUrl(PlatformService service) {
        return "http://localhost:" + port(service);
    }

    Path logsDir() {
        return dataDir.resolve("logs");
    }

    Path logFile(PlatformService service) {
        return logsDir().resolve(service.name() + ".log");
    }

    Path secretsFile() {
        return dataDir.resolve("platform.env");
    }

    private static int port(Map<String, String> env, String variable, int defaultPort) {
        String value = blankToNull(env.get(variable));
        if (value == null) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        }
        catch (NumberFormatException ignored) {
            // reported below, with the variable's name
        }
        throw new LauncherException(variable + " must be a port number (1-65535), not '" + value + "'");
    }

    private static Duration readyTimeout(String value) {
        if (blankToNull(value) == null) {
            return DEFAULT_READY_TIMEOUT;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        }
        catch (NumberFormatException ignored) {
            // reported below
        }
        throw new LauncherException("MPAC_READY_TIMEOUT must be a number of seconds, not '" + value + "'");
    }

    private static Path pathOr(String value, Path fallback) {
        return blankToNull(value) == null ? fallback.toAbsolutePath().normalize()
                : Path.of(value).toAbsolutePath().normalize();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
