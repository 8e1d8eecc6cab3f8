package com.mpac.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every process the launcher starts (services and AOT training runs), so that a shutdown stops all of them and no new
 * one starts once the shutdown has begun. Each is also written to a file: a launcher killed with SIGKILL leaves its
 * services running, and the next launcher on the same data folder stops those strays before it checks the ports.
 */
final class ChildProcesses {

    private final Path recordFile;
    private final List<Process> processes = new ArrayList<>();
    private boolean closed;

    ChildProcesses(Path recordFile) {
        this.recordFile = recordFile;
    }

    /**
     * Stops processes a previous launcher on this data folder left behind. The start time recorded with each pid
     * makes sure a pid the system has since given to another process is left alone.
     *
     * @return the names of the processes stopped
     */
    List<String> stopStrays() {
        List<String> stopped = new ArrayList<>();
        if (!Files.exists(recordFile)) {
            return stopped;
        }
        List<ProcessHandle> strays = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(recordFile, StandardCharsets.UTF_8)) {
                String[] parts = line.strip().split(" ", 3);
                if (parts.length < 3) {
                    continue;
                }
                Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(parts[0]));
                long started = Long.parseLong(parts[1]);
                if (handle.isPresent() && handle.get().isAlive() && handle.get().info().startInstant()
                        .map(Instant::toEpochMilli).orElse(-1L) == started) {
                    strays.add(handle.get());
                    stopped.add(parts[2] + " (pid " + parts[0] + ")");
                }
            }
        }
        catch (IOException | NumberFormatException ex) {
            // A damaged record only means there is nothing we can safely stop.
        }
        strays.forEach(ProcessHandle::destroy);
        awaitExit(strays.stream().map(ProcessHandle::onExit).toList(), Duration.ofSeconds(15));
        strays.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        deleteRecord();
        return stopped;
    }

    /** Tracks a process that was just started; refuses (and kills it) when the launcher is already stopping. */
    synchronized void register(Process process, String name) {
        if (closed) {
            process.destroyForcibly();
            throw new LauncherException("the platform is stopping");
        }
        processes.add(process);
        long started = process.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
        try {
            Files.writeString(recordFile, process.pid() + " " + started + " " + name + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (IOException ex) {
            // Only the stray clean-up after a SIGKILL depends on this record.
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Asks every process to stop (SIGTERM: Spring Boot shuts down gracefully), waits up to {@code grace} for all of
     * them together, then kills what is left.
     */
    void stopAll(Duration grace) {
        List<Process> running;
        synchronized (this) {
            closed = true;
            running = List.copyOf(processes);
        }
        // Through the handle: Process.destroy() also closes our end of the output pipe, so a service's shutdown
        // lines would die with EPIPE instead of reaching its log.
        running.forEach(process -> process.toHandle().destroy());
        awaitExit(running.stream().map(Process::onExit).toList(), grace);
        running.stream().filter(Process::isAlive).forEach(process -> process.toHandle().destroyForcibly());
        awaitExit(running.stream().map(Process::onExit).toList(), Duration.ofSeconds(5));
        deleteRecord();
    }

    private static void awaitExit(List<? extends CompletableFuture<?>> exits, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (var exit : exits) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                exit.get(left, TimeUnit.NANOSECONDS);
            }
            catch (TimeoutException ex) {
                return;
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (ExecutionException ex) {
                // onExit futures do not fail
            }
        }
    }

    private void deleteRecord() {
        try {
            Files.deleteIfExists(recordFile);
        }
        catch (IOException ex) {
            // stale records are checked against start times, so a leftover file is harmless
        }
    }
}
