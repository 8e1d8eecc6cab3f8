package com.mpac.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole platform as a user runs it: {@code launcher.jar up} in its own process, which starts the embedded
 * PostgreSQL and the seven services as processes of their own. Free ports and a fresh data folder keep it apart
 * from any platform already running on this machine.
 */
final class LocalPlatform implements AutoCloseable {

    static final List<String> SERVICES = List.of("svc-portal", "svc-smarttab", "mpac-pgw", "mia-pos-gateway",
            "mobilepay-adapter", "mq-pay", "payment-request");
    private static final List<String> PORT_VARIABLES = List.of("MPAC_PORTAL_PORT", "MPAC_SMARTTAB_PORT",
            "MPAC_PGW_PORT", "MPAC_MIA_PORT", "MPAC_MOBILEPAY_PORT", "MPAC_MQPAY_PORT", "MPAC_PAYREQ_PORT");

    private final Process launcher;
    private final Map<String, Integer> ports;
    private final int databasePort;
    private final Path dataDir;
    private final Path log;

    private LocalPlatform(Process launcher, Map<String, Integer> ports, int databasePort, Path dataDir, Path log) {
        this.launcher = launcher;
        this.ports = ports;
        this.databasePort = databasePort;
        this.dataDir = dataDir;
        this.log = log;
    }

    static LocalPlatform start(Path repoRoot) throws IOException {
        Path jar = repoRoot.resolve("launcher/target/launcher.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Build the platform first: " + jar + " is missing");
        }
        Path dataDir = Files.createTempDirectory("mpac-e2e-");
        Path log = dataDir.resolve("launcher-console.log");
        Map<String, Integer> ports = new LinkedHashMap<>();
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-jar", jar.toString(), "up")
                .directory(repoRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        List<Integer> free = freePorts(SERVICES.size() + 1);
        for (int i = 0; i < SERVICES.size(); i++) {
            int port = free.get(i);
            ports.put(SERVICES.get(i), port);
            env.put(PORT_VARIABLES.get(i), Integer.toString(port));
        }
        int databasePort = free.getLast();
        env.put("MPAC_HOME", repoRoot.toString());
        env.put("MPAC_DATA_DIR", dataDir.toString());
        env.put("MPAC_DB_PORT", Integer.toString(databasePort));
        // AOT caches outlive the data folder, so a second run on this checkout skips the training runs.
        env.put("MPAC_AOT_DIR", repoRoot.resolve("e2e-tests/target/aot-cache").toString());
        env.put("MPAC_READY_TIMEOUT", "300");
        env.remove("MPAC_DB_URL");
        return new LocalPlatform(builder.start(), ports, databasePort, dataDir, log);
    }

    /** Polls every service's readiness probe until all answer UP, failing early if the launcher gives up. */
    void awaitReady(Duration deadline) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(deadline).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!launcher.isAlive()) {
                throw new IllegalStateException("The launcher exited with " + launcher.exitValue() + ":\n"
                        + Files.readString(log));
            }
            return SERVICES.stream().allMatch(service -> isReady(http, service));
        });
    }

    private boolean isReady(HttpClient http, String service) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url(service) + "/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String url(String service) {
        return "http://localhost:" + ports.get(service);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + databasePort + "/mpac";
    }

    /** A value from the platform's generated {@code platform.env}, as scripts read it. */
    String setting(String name) throws IOException {
        return Files.readAllLines(dataDir.resolve("platform.env")).stream()
                .filter(line -> line.startsWith(name + "="))
                .map(line -> line.substring(name.length() + 1).replaceAll("^'|'$", ""))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " is not in platform.env"));
    }

    String console() {
        try {
            return Files.readString(log);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Ctrl-C, as a user would stop it; the launcher stops the services and the database. The data folder goes
     * with it.
     */
    @Override
    public void close() throws InterruptedException, IOException {
        launcher.destroy();
        if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
            launcher.destroyForcibly();
        }
        try (var paths = Files.walk(dataDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    Map<String, Integer> ports() {
        return ports;
    }

    /** The launcher's console output (everything {@code launcher.jar up} printed). */
    Path consoleLog() {
        return log;
    }

    /** The platform's log folder: one {@code <service>.log} per service, and the database's. */
    Path logDir() {
        return dataDir.resolve("logs");
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Distinct free ports: every socket stays open until all are chosen, so the system cannot hand one out twice. */
    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        }
        finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
