package com.mpac.launcher;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code up}: PostgreSQL first, then the seven services as separate JVMs, then wait until every one is ready. Runs in
 * the foreground until interrupted; the shutdown hook stops the services, then PostgreSQL.
 */
final class Platform {

    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final int TRAINING_PARALLELISM = 2;
    private static final int LOG_TAIL_LINES = 40;

    private final PlatformSettings settings;
    private final JavaRuntime java;
    private final ServiceConsole console;
    private final ChildProcesses children;
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private final Object databaseGuard = new Object();
    private volatile boolean stopping;
    private PlatformDatabase database;
    private LauncherLock lock;
    private boolean trainedNow;

    Platform(PlatformSettings settings, JavaRuntime java, ServiceConsole console) {
        this.settings = settings;
        this.java = java;
        this.console = console;
        this.children = new ChildProcesses(settings.dataDir().resolve("children.pid"));
    }

    /**
     * Starts the platform and blocks while it runs.
     *
     * @return the exit code: 1 when a service failed to become ready or all services exited
     */
    int up() {
        // The JVM's own start (millisecond precise), so the figure includes the launcher's start-up too.
        Instant launched = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        requireBuild();
        prepareDataDir();
        lock = LauncherLock.acquire(settings.dataDir());
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("mpac-shutdown").unstarted(this::shutdown));
        stopStrays();
        requireFreePorts();
        PlatformSecrets secrets = loadSecrets();

        long databaseStart = System.nanoTime();
        PlatformDatabase db = startDatabase(secrets);
        Duration databaseTime = since(databaseStart);
        console.info("PostgreSQL ready: " + db.serviceJdbcUrl() + " (" + ReadySummary.seconds(databaseTime) + ")");
        LaunchRecord.of(settings, db.serviceJdbcUrl()).write(settings.dataDir());

        long trainingStart = System.nanoTime();
        Map<PlatformService, AotCache> caches = prepareAotCaches(secrets, db);
        Duration trainingTime = trainedNow ? since(trainingStart) : Duration.ZERO;

        long servicesStart = System.nanoTime();
        startServices(secrets, db, caches);
        Optional<String> failure = awaitReady(servicesStart);
        if (failure.isPresent()) {
            console.warn(failure.get());
            console.warn("stopping the platform");
            return 1;
        }
        ReadySummary summary = new ReadySummary(Duration.between(launched, Instant.now()), databaseTime,
                trainingTime, since(servicesStart));
        String text = summary.render(settings, secrets, db);
        console.block(text);
        lock.markReady(text);
        return awaitExit();
    }

    private void requireBuild() {
        List<String> missing = settings.services().stream()
                .map(service -> service.jar(settings.repoDir()))
                .filter(jar -> !Files.isRegularFile(jar))
                .map(jar -> settings.repoDir().relativize(jar).toString())
                .toList();
        if (!missing.isEmpty()) {
            throw new LauncherException("the build is missing (" + missing.getFirst()
                    + (missing.size() > 1 ? " and " + (missing.size() - 1) + " more jar(s)" : "")
                    + " not found): run ./mvnw -DskipTests package");
        }
    }

    private void prepareDataDir() {
        Path dataDir = settings.dataDir();
        try {
            if (!Files.isDirectory(dataDir)) {
                // Secrets, the database and logs with secrets in them live here: owner only.
                Files.createDirectories(dataDir);
                try {
                    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
                }
                catch (UnsupportedOperationException ex) {
                    // not a POSIX file system
                }
            }
            Files.createDirectories(settings.logsDir());
        }
        catch (IOException ex) {
            throw new LauncherException("cannot create the data folder " + dataDir + ": " + ex.getMessage(), ex);
        }
    }

    private void stopStrays() {
        List<String> strays = children.stopStrays();
        if (!strays.isEmpty()) {
            console.info("stopped processes a killed launcher left running: " + String.join(", ", strays));
        }
        if (settings.database() instanceof PlatformSettings.EmbeddedDatabase) {
            PlatformDatabase.stopOrphanedServer(PlatformDatabase.pgdata(settings.dataDir()))
                    .ifPresent(pid -> console.info("stopped the PostgreSQL (pid " + pid
                            + ") a killed launcher left running"));
        }
    }

    private void requireFreePorts() {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        if (settings.database() instanceof PlatformSettings.EmbeddedDatabase db) {
            wanted.put("the embedded PostgreSQL (MPAC_DB_PORT)", db.port());
        }
        settings.ports().forEach((service, port) ->
                wanted.put(service.name() + " (" + service.portVariable() + ")", port));
        PortCheck.requireFree(wanted);
    }

    private PlatformSecrets loadSecrets() {
        boolean existed = Files.exists(settings.secretsFile());
        Path pgdata = PlatformDatabase.pgdata(settings.dataDir());
        boolean embedded = settings.database() instanceof PlatformSettings.EmbeddedDatabase;
        if (!existed && embedded && PlatformDatabase.isSecured(pgdata)) {
            // New secrets could not open the existing database; keep the folder as it is so the old file can return.
            throw new LauncherException(settings.secretsFile() + " is missing, and the database in " + pgdata
                    + " only opens with the secrets it was created with; restore platform.env, or delete " + pgdata
                    + " to start with an empty database");
        }
        PlatformSecrets secrets = PlatformSecrets.loadOrCreate(settings.secretsFile(), settings.services(),
                new SecureRandom());
        if (!existed) {
            console.info("generated new platform secrets in " + settings.secretsFile());
        }
        if (embedded) {
            PlatformDatabase.requireMatchingSuperuserPassword(pgdata, secrets.dbSuperuserPassword());
        }
        return secrets;
    }

    private PlatformDatabase startDatabase(PlatformSecrets secrets) {
        synchronized (databaseGuard) {
            if (stopping) {
                throw new LauncherException("interrupted while starting");
            }
            console.info(settings.database() instanceof PlatformSettings.EmbeddedDatabase db
                    ? "starting the embedded PostgreSQL on port " + db.port()
                    : "using the existing PostgreSQL server " + ((PlatformSettings.ExternalDatabase) settings
                            .database()).adminUrl());
            Path log = settings.logsDir().resolve("postgres.log");
            ServiceProcess.keepPreviousLog(log);
            try {
                database = PlatformDatabase.start(settings, secrets, log);
                database.provision(settings.services(), secrets);
            }
            catch (LauncherException ex) {
                printTail(log, "postgres", LOG_TAIL_LINES);
                throw ex;
            }
            return database;
        }
    }

    /**
     * Trains the missing AOT caches, two services at a time (each training run is a full service start, and two
     * keep both cores busy without making each one slower than it is alone).
     *
     * @return the services that start with a cache
     */
    private Map<PlatformService, AotCache> prepareAotCaches(PlatformSecrets secrets, PlatformDatabase db) {
        if (!settings.aotRequested()) {
            console.info("AOT cache off (MPAC_AOT=off)");
            return Map.of();
        }
        if (!java.supportsAotCache()) {
            console.info("AOT cache needs JDK 25 or newer, this is " + java.version().feature()
                    + ": services start without it");
            return Map.of();
        }
        Map<PlatformService, AotCache> caches = new LinkedHashMap<>();
        for (PlatformService service : settings.services()) {
            caches.put(service, AotCache.of(settings.aotDir(), service, service.jar(settings.repoDir()), java));
        }
        List<AotCache> untrained = caches.values().stream().filter(cache -> !cache.isTrained()).toList();
        if (!untrained.isEmpty()) {
            trainedNow = true;
            console.info("training the AOT cache of " + untrained.size() + " service(s), " + TRAINING_PARALLELISM
                    + " at a time; needed once per build of a service");
            ExecutorService pool = Executors.newFixedThreadPool(TRAINING_PARALLELISM);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (AotCache cache : untrained) {
                    runs.add(pool.submit(() -> train(cache, secrets, db)));
                }
                for (Future<?> run : runs) {
                    run.get();
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new LauncherException("interrupted while training AOT caches", ex);
            }
            catch (ExecutionException ex) {
                throw ex.getCause() instanceof LauncherException le ? le
                        : new LauncherException("AOT training failed: " + ex.getCause(), ex.getCause());
            }
            finally {
                pool.shutdownNow();
            }
        }
        Map<PlatformService, AotCache> trained = new LinkedHashMap<>(caches);
        trained.values().removeIf(cache -> !cache.isTrained());
        return trained;
    }

    private void train(AotCache cache, PlatformSecrets secrets, PlatformDatabase db) {
        PlatformService service = cache.service();
        long start = System.nanoTime();
        Path log = settings.logsDir().resolve(service.name() + ".aot-training.log");
        boolean trained = cache.train(java, ServiceEnvironment.forService(service, settings, secrets,
                db.serviceJdbcUrl()), moduleDir(service), log, TRAINING_TIMEOUT, children);
        if (stopping) {
            return;
        }
        if (trained) {
            console.info("AOT cache trained for " + service.name() + " (" + ReadySummary.seconds(since(start)) + ")");
        }
        else {
            console.warn("AOT training failed for " + service.name() + "; it starts without the cache (see " + log
                    + ")");
        }
    }

    private void startServices(PlatformSecrets secrets, PlatformDatabase db, Map<PlatformService, AotCache> caches) {
        console.info("starting " + settings.services().size() + " services" + (caches.isEmpty() ? ""
                : " (" + caches.size() + " with an AOT cache)"));
        for (PlatformService service : settings.services()) {
            List<String> command = new ArrayList<>();
            command.add(java.executable());
            command.addAll(JavaRuntime.SERVICE_FLAGS);
            AotCache cache = caches.get(service);
            command.addAll(cache != null ? cache.launchArguments()
                    : List.of(JavaRuntime.CLASS_DATA_SHARING, "-jar", service.jar(settings.repoDir()).toString()));
            services.add(ServiceProcess.start(service, command,
                    ServiceEnvironment.forService(service, settings, secrets, db.serviceJdbcUrl()), moduleDir(service),
                    settings.logFile(service), console, children));
        }
    }

    /**
     * Polls every service's readiness probe until all answer UP.
     *
     * @return why the platform is not ready, when a service died or the deadline passed
     */
    private Optional<String> awaitReady(long servicesStart) {
        ReadinessProbe probe = new ReadinessProbe(Duration.ofSeconds(2));
        long deadline = servicesStart + settings.readyTimeout().toNanos();
        Set<ServiceProcess> waiting = new LinkedHashSet<>(services);
        Map<ServiceProcess, ReadinessProbe.Answer> lastAnswers = new HashMap<>();
        while (!waiting.isEmpty()) {
            for (ServiceProcess service : waiting) {
                if (!service.process().isAlive()) {
                    service.awaitOutput(2000);
                    printTail(service.logFile(), service.service().name(), LOG_TAIL_LINES);
                    return Optional.of(service.service().name() + " exited with code "
                            + service.process().exitValue() + " before it was ready (log: " + service.logFile() + ")");
                }
            }
            Map<ServiceProcess, CompletableFuture<ReadinessProbe.Answer>> asked = new LinkedHashMap<>();
            waiting.forEach(service -> asked.put(service,
                    probe.ask(settings.baseUrl(service.service()), ReadinessProbe.READINESS_PATH)));
            asked.forEach((service, answer) -> {
                ReadinessProbe.Answer result = answer.join();
                lastAnswers.put(service, result);
                if (result.isUp()) {
                    waiting.remove(service);
                    console.info(service.service().name() + " is ready ("
                            + ReadySummary.seconds(since(servicesStart)) + ")");
                }
            });
            if (!waiting.isEmpty() && System.nanoTime() > deadline) {
                List<String> late = new ArrayList<>();
                int tailLines = Math.max(8, LOG_TAIL_LINES / waiting.size());
                for (ServiceProcess service : waiting) {
                    ReadinessProbe.Answer answer = lastAnswers.get(service);
                    late.add(service.service().name() + " (" + (answer == null || answer.detail() == null
                            ? "not ready" : answer.detail()) + ")");
                    printTail(service.logFile(), service.service().name(), tailLines);
                }
                return Optional.of("not ready within " + settings.readyTimeout().toSeconds()
                        + " s (MPAC_READY_TIMEOUT): " + String.join(", ", late));
            }
            sleep(POLL_INTERVAL);
        }
        return Optional.empty();
    }

    /** Keeps running like {@code docker compose up}: a service that exits is reported, the others go on. */
    private int awaitExit() {
        CompletableFuture<?>[] exits = services.stream()
                .map(service -> service.process().onExit().thenAccept(process -> {
                    if (!stopping) {
                        console.warn(service.service().name() + " exited with code " + process.exitValue());
                    }
                }))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(exits).join();
        if (!stopping) {
            console.warn("every service has exited; stopping");
        }
        return 1;
    }

    /** The shutdown hook: on Ctrl-C, SIGTERM ({@code ./mpac down}) or any exit of the launcher. */
    private void shutdown() {
        stopping = true;
        if (!services.isEmpty()) {
            console.info("stopping the services");
        }
        children.stopAll(STOP_GRACE);
        services.forEach(service -> service.awaitOutput(2000));
        synchronized (databaseGuard) {
            if (database != null) {
                console.info("stopping PostgreSQL");
                database.close();
                database = null;
                console.info("stopped");
            }
        }
        if (lock != null) {
            lock.close();
        }
    }

    private void printTail(Path log, String name, int lines) {
        List<String> tail = LogTail.of(log, lines);
        if (tail.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder("---- last lines of " + log + " ----\n");
        tail.forEach(line -> text.append("  ").append(name).append(" | ").append(line).append('\n'));
        text.append("----\n");
        console.block(text.toString());
    }

    private Path moduleDir(PlatformService service) {
        return settings.repoDir().resolve(service.name());
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
