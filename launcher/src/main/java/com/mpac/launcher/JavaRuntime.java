package com.mpac.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * The JDK the launcher runs on; every service runs on the same one, so {@code ./mpac} choosing a JDK chooses it for
 * the whole platform.
 *
 * @param executable the {@code java} binary of the running JVM
 * @param version    its version
 */
record JavaRuntime(String executable, Runtime.Version version) {

    /**
     * Flags for seven JVMs sharing two cores: a single-threaded GC, a heap cap, small thread stacks and C1 only
     * (peak throughput matters less than start-up for a local run). Pipes to the launcher are UTF-8 whatever the
     * locale, so log lines survive the trip.
     */
    static final List<String> SERVICE_FLAGS = List.of("-XX:+UseSerialGC", "-Xmx256m", "-Xss512k",
            "-XX:TieredStopAtLevel=1", "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8");

    /**
     * The JDK's own class-data archive, for a start without an AOT cache. Not combined with the AOT options: the JVM
     * refuses {@code -Xshare} next to them (the AOT cache includes what the archive would give).
     */
    static final String CLASS_DATA_SHARING = "-Xshare:auto";

    static JavaRuntime current() {
        String executable = ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new JavaRuntime(executable, Runtime.version());
    }

    /** JDK 25 brought the one-step AOT cache ({@code -XX:AOTCacheOutput}, JEP 514) that the launcher uses. */
    boolean supportsAotCache() {
        return version.feature() >= 25;
    }
}
