package com.mpac.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The command line behind {@code ./mpac}: {@code up} runs the platform in the foreground, {@code status} shows each
 * service's health, {@code down} stops a platform started with {@code ./mpac up -d}.
 */
public final class Launcher {

    private static final Duration DOWN_TIMEOUT = Duration.ofSeconds(60);

    private static final String USAGE = """
            usage: java -jar launcher/target/launcher.jar <command>   (or ./mpac <command>)

              up       start PostgreSQL and the seven services; Ctrl-C stops everything
              status   show each service's health (UP, DOWN, not running)
              down     stop the platform a detached launcher (./mpac up -d) runs

            environment: MPAC_DATA_DIR, MPAC_DB_PORT, MPAC_DB_URL (+ MPAC_DB_ADMIN_USER, MPAC_DB_ADMIN_PASSWORD),
              MPAC_<SERVICE>_PORT (PORTAL SMARTTAB PGW MIA MOBILEPAY MQPAY PAYREQ), MPAC_READY_TIMEOUT (seconds),
              MPAC_AOT=off, MPAC_AOT_DIR
            """;

    private Launcher() {
    }

    public static void main(String[] args) {
        // zonky's and pgjdbc's informational logging would drown the service output; warnings still show.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int code;
        try {
            code = run(args, System.getenv());
        }
        catch (LauncherException ex) {
            System.err.println("mpac: " + ex.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    static int run(String[] args, Map<String, String> env) {
        String command = args.length == 0 ? "help" : args[0];
        if (args.length > 1) {
            throw new LauncherException("'" + command + "' takes no options (" + String.join(" ", List.of(args)
                    .subList(1, args.length)) + "); to detach use ./mpac up -d");
        }
        return switch (command) {
            case "up" -> {
                PlatformSettings settings = PlatformSettings.from(env, repoDir(env));
                ServiceConsole console = ServiceConsole.forTerminal(
                        settings.services().stream().map(PlatformService::name).toList(), env);
                yield new Platform(settings, JavaRuntime.current(), console).up();
            }
            case "status" -> PlatformStatus.print(PlatformSettings.from(env, repoDir(env)), System.out);
            case "down" -> down(PlatformSettings.from(env, repoDir(env)).dataDir());
            case "help", "-h", "--help" -> {
                System.out.print(USAGE);
                yield 0;
            }
            default -> {
                System.err.print("mpac: unknown command '" + command + "'\n" + USAGE);
                yield 2;
            }
        };
    }

    /** SIGTERM to the launcher: its shutdown hook stops the services, then PostgreSQL; waits until it is gone. */
    static int down(Path dataDir) {
        Optional<ProcessHandle> launcher = LauncherLock.running(dataDir);
        if (launcher.isEmpty()) {
            System.out.println("mpac: no launcher is running with the data folder " + dataDir);
            return 0;
        }
        ProcessHandle handle = launcher.get();
        System.out.println("mpac: stopping the launcher (pid " + handle.pid() + ")");
        handle.destroy();
        try {
            handle.onExit().get(DOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        catch (TimeoutException ex) {
            throw new LauncherException("the launcher (pid " + handle.pid() + ") did not stop within "
                    + DOWN_TIMEOUT.toSeconds() + " s; kill -9 " + handle.pid() + " to force it");
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return 1;
        }
        catch (ExecutionException ex) {
            // onExit does not fail
        }
        System.out.println("mpac: stopped");
        return 0;
    }

    /**
     * The repository root: {@code $MPAC_HOME} (set by ./mpac), else three levels above
     * {@code launcher/target/launcher.jar} when run with {@code -jar}, else the working directory.
     */
    static Path repoDir(Map<String, String> env) {
        String home = env.get("MPAC_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        String classPath = System.getProperty("java.class.path", "");
        Path jar = Path.of(classPath).toAbsolutePath().normalize();
        if (classPath.endsWith("launcher.jar") && jar.getNameCount() >= 3) {
            return jar.getParent().getParent().getParent();
        }
        return Path.of("").toAbsolutePath();
    }
}
