package com.mpac.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** {@code ./mpac status}: the launcher, the database and each service's health, without curl. */
final class PlatformStatus {

    private PlatformStatus() {
    }

    /** Prints the status table; returns 0 when every service is UP, 1 otherwise. */
    static int print(PlatformSettings settings, PrintStream out) {
        LaunchRecord record = LaunchRecord.read(settings.dataDir(), settings);
        Optional<ProcessHandle> launcher = LauncherLock.running(settings.dataDir());
        out.println("launcher   " + launcher.map(handle -> "running (pid " + handle.pid() + ")").orElse("not running")
                + ", data folder " + settings.dataDir());
        if (record.databasePort() != null) {
            out.println("database   " + (isListening(record.databasePort()) ? "UP" : "not running") + "  "
                    + "jdbc:postgresql://localhost:" + record.databasePort() + "/" + PlatformDatabase.DATABASE);
        }
        else if (!record.databaseUrl().isEmpty()) {
            out.println("database   " + record.databaseUrl());
        }

        ReadinessProbe probe = new ReadinessProbe(Duration.ofSeconds(3));
        Map<String, CompletableFuture<ReadinessProbe.Answer>> answers = new LinkedHashMap<>();
        record.ports().forEach((name, port) -> answers.put(name,
                probe.ask("http://localhost:" + port, ReadinessProbe.HEALTH_PATH)));
        int width = record.ports().keySet().stream().mapToInt(String::length).max().orElse(7);
        out.println();
        out.printf("%-" + width + "s  %-22s  %s%n", "SERVICE", "URL", "HEALTH");
        boolean allUp = true;
        for (Map.Entry<String, CompletableFuture<ReadinessProbe.Answer>> entry : answers.entrySet()) {
            ReadinessProbe.Answer answer = entry.getValue().join();
            allUp &= answer.isUp();
            out.printf("%-" + width + "s  %-22s  %s%n", entry.getKey(),
                    "http://localhost:" + record.ports().get(entry.getKey()), describe(answer));
        }
        return allUp ? 0 : 1;
    }

    static String describe(ReadinessProbe.Answer answer) {
        if (!answer.listening()) {
            return "not running";
        }
        if (answer.isUp()) {
            return "UP";
        }
        String status = answer.healthStatus() == null ? "DOWN" : answer.healthStatus();
        return status + (answer.detail() == null ? "" : " (" + answer.detail() + ")");
    }

    private static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 1000);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }
}
