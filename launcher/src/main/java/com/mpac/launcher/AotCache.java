package com.mpac.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A JDK 25 AOT cache for one service: the classes it loads and links while starting, recorded by one training run,
 * so later starts skip most of that work (about half the start-up time of a small Boot service).
 *
 * <p>The cache lives in {@code <aotDir>/<service>/<version>/}, next to the extracted jar it was trained with (the
 * JVM accepts a cache only for the exact class path it was trained on). The version is derived from the jar's
 * SHA-256, the JDK and the JVM flags, so a rebuilt jar that changed, another JDK or other flags train a new cache,
 * and an unchanged rebuild (Boot jars are reproducible) keeps the old one.
 */
final class AotCache {

    private static final String COMPLETE = "complete";

    private final PlatformService service;
    private final Path jar;
    private final Path serviceDir;
    private final Path versionDir;

    private AotCache(PlatformService service, Path jar, Path serviceDir, String version) {
        this.service = service;
        this.jar = jar;
        this.serviceDir = serviceDir;
        this.versionDir = serviceDir.resolve(version);
    }

    static AotCache of(Path aotDir, PlatformService service, Path jar, JavaRuntime java) {
        Path serviceDir = aotDir.resolve(service.name());
        String version = sha256(String.join("\n", jarDigest(serviceDir, jar), java.version().toString(),
                java.executable(), String.join(" ", JavaRuntime.SERVICE_FLAGS))).substring(0, 16);
        return new AotCache(service, jar, serviceDir, version);
    }

    PlatformService service() {
        return service;
    }

    /** True when a completed training for this exact jar, JDK and flags is on disk. */
    boolean isTrained() {
        return Files.exists(versionDir.resolve(COMPLETE)) && Files.exists(cacheFile())
                && Files.exists(extractedJar());
    }

    Path cacheFile() {
        return versionDir.resolve(service.name() + ".aot");
    }

    Path extractedJar() {
        return versionDir.resolve(service.name() + ".jar");
    }

    /** What follows the JVM flags when the service starts with this cache. */
    List<String> launchArguments() {
        return List.of("-XX:AOTCache=" + cacheFile(), "-jar", extractedJar().toString());
    }

    /**
     * Extracts the jar and runs the service once up to the end of its context refresh (Flyway included, so the
     * database must be up) with {@code -XX:AOTCacheOutput}. A file lock keeps two launchers that share the AOT
     * folder from training the same service at once.
     *
     * @return true when the cache is ready; false when training failed (see {@code trainingLog})
     */
    boolean train(JavaRuntime java, Map<String, String> env, Path workingDir, Path trainingLog, Duration timeout,
            ChildProcesses children) {
        try {
            Files.createDirectories(serviceDir);
            Files.createDirectories(trainingLog.getParent());
            Files.deleteIfExists(trainingLog);
            try (FileChannel channel = FileChannel.open(serviceDir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                if (isTrained()) {
                    return true;
                }
                deleteTree(versionDir);
                Files.createDirectories(versionDir);
                List<String> extract = List.of(java.executable(), "-Djarmode=tools", "-jar", jar.toString(),
                        "extract", "--destination", versionDir.toString());
                if (!run(extract, env, workingDir, trainingLog, timeout, children)) {
                    return false;
                }
                List<String> training = new ArrayList<>();
                training.add(java.executable());
                training.addAll(JavaRuntime.SERVICE_FLAGS);
                training.add("-XX:AOTCacheOutput=" + cacheFile());
                // Spring Framework stops right after the context refresh: every bean created, no web server.
                training.add("-Dspring.context.exit=onRefresh");
                training.addAll(List.of("-jar", extractedJar().toString()));
                if (!run(training, env, workingDir, trainingLog, timeout, children) || !Files.exists(cacheFile())) {
                    return false;
                }
                Files.writeString(versionDir.resolve(COMPLETE), jar + "\n");
                deleteOtherVersions();
                return true;
            }
        }
        catch (IOException ex) {
            appendToLog(trainingLog, "mpac: AOT training failed: " + ex);
            return false;
        }
    }

    private boolean run(List<String> command, Map<String, String> env, Path workingDir, Path log, Duration timeout,
            ChildProcesses children) throws IOException {
        appendToLog(log, "$ " + String.join(" ", command));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile()));
        ServiceEnvironment.apply(builder.environment(), env);
        Process process = builder.start();
        children.register(process, service.name() + " (AOT training)");
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                appendToLog(log, "mpac: gave up after " + timeout.toSeconds() + " s");
                return false;
            }
            return process.exitValue() == 0;
        }
        catch (InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Older caches of this service are for jars or JDKs no longer in use. */
    private void deleteOtherVersions() throws IOException {
        try (Stream<Path> versions = Files.list(serviceDir)) {
            for (Path version : versions.filter(Files::isDirectory).filter(dir -> !dir.equals(versionDir))
                    .toList()) {
                deleteTree(version);
            }
        }
    }

    /**
     * The jar's SHA-256, remembered with its size and modification time: hashing seven jars of 70 MB on every start
     * costs a second, and Maven rewrites jars (new mtime, same bytes) on every build.
     */
    private static String jarDigest(Path serviceDir, Path jar) {
        Path index = serviceDir.resolve("jar.properties");
        try {
            String stamp = Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis() + ":" + jar;
            Properties known = new Properties();
            if (Files.exists(index)) {
                try (Reader reader = Files.newBufferedReader(index)) {
                    known.load(reader);
                }
            }
            if (stamp.equals(known.getProperty("stamp")) && known.getProperty("sha256") != null) {
                return known.getProperty("sha256");
            }
            String digest = digest(jar);
            known.setProperty("stamp", stamp);
            known.setProperty("sha256", digest);
            Files.createDirectories(serviceDir);
            try (Writer writer = Files.newBufferedWriter(index)) {
                known.store(writer, "the service jar the AOT cache was last checked against");
            }
            return digest;
        }
        catch (IOException ex) {
            throw new LauncherException("cannot read " + jar + ": " + ex.getMessage(), ex);
        }
    }

    private static String digest(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = in.read(buffer)) > 0) {
                sha.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String sha256(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void appendToLog(Path log, String line) {
        try {
            Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        catch (IOException ex) {
            // the log is for diagnosis only
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
