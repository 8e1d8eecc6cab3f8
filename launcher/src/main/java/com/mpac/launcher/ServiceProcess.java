package com.mpac.launcher;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * One running service: a separate JVM whose output goes, line by line, to {@code logs/<service>.log} and to the
 * launcher's console.
 */
final class ServiceProcess {

    private final PlatformService service;
    private final Process process;
    private final Path logFile;
    private final Thread pump;

    private ServiceProcess(PlatformService service, Process process, Path logFile, Thread pump) {
        this.service = service;
        this.process = process;
        this.logFile = logFile;
        this.pump = pump;
    }

    static ServiceProcess start(PlatformService service, List<String> command, Map<String, String> env,
            Path workingDir, Path logFile, ServiceConsole console, ChildProcesses children) {
        BufferedWriter log = openLog(logFile);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true);
        ServiceEnvironment.apply(builder.environment(), env);
        Process process;
        try {
            process = builder.start();
        }
        catch (IOException ex) {
            close(log);
            throw new LauncherException("cannot start " + service.name() + ": " + ex.getMessage(), ex);
        }
        children.register(process, service.name());
        Thread pump = Thread.ofPlatform().daemon().name("output-" + service.name())
                .start(() -> copyOutput(service, process, log, console));
        return new ServiceProcess(service, process, logFile, pump);
    }

    PlatformService service() {
        return service;
    }

    Process process() {
        return process;
    }

    Path logFile() {
        return logFile;
    }

    /** Waits a little for the last lines a stopped process wrote, so its log file is complete. */
    void awaitOutput(long millis) {
        try {
            pump.join(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copyOutput(PlatformService service, Process process, BufferedWriter log,
            ServiceConsole console) {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                log.write(line);
                log.newLine();
                log.flush();
                console.line(service.name(), line);
            }
        }
        catch (IOException ex) {
            // The process is gone; what it wrote before is in the log.
        }
        finally {
            close(log);
        }
    }

    /** Keeps the previous run's log as {@code <name>.log.1}: a crash is often explained by the run before. */
    static void keepPreviousLog(Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            if (Files.exists(logFile)) {
                Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".1"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (IOException ex) {
            throw new LauncherException("cannot write " + logFile + ": " + ex.getMessage(), ex);
        }
    }

    private static BufferedWriter openLog(Path logFile) {
        keepPreviousLog(logFile);
        try {
            return Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new LauncherException("cannot write " + logFile + ": " + ex.getMessage(), ex);
        }
    }

    private static void close(BufferedWriter log) {
        try {
            log.close();
        }
        catch (IOException ex) {
            // nothing left to save
        }
    }
}
