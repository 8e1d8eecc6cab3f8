package com.mpac.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * One launcher per data folder: {@code launcher.pid} holds the running launcher's pid under an exclusive file lock
 * (two launchers on one {@code pgdata} would corrupt it). {@code ./mpac down} and {@code status} read the pid;
 * {@code launcher.ready} tells a detached {@code ./mpac up -d} that the platform is ready.
 */
final class LauncherLock implements AutoCloseable {

    static final String PID_FILE = "launcher.pid";
    static final String READY_FILE = "launcher.ready";

    private final Path dataDir;
    private final FileChannel channel;
    private final FileLock lock;

    private LauncherLock(Path dataDir, FileChannel channel, FileLock lock) {
        this.dataDir = dataDir;
        this.channel = channel;
        this.lock = lock;
    }

    static LauncherLock acquire(Path dataDir) {
        Path pidFile = dataDir.resolve(PID_FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(pidFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            }
            catch (OverlappingFileLockException ex) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new LauncherException("another launcher" + running(dataDir).map(p -> " (pid " + p.pid() + ")")
                        .orElse("") + " already runs with the data folder " + dataDir
                        + "; stop it with ./mpac down, or use another MPAC_DATA_DIR");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
            Files.deleteIfExists(dataDir.resolve(READY_FILE));
            return new LauncherLock(dataDir, channel, lock);
        }
        catch (IOException ex) {
            closeQuietly(channel);
            throw new LauncherException("cannot lock " + pidFile + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * The launcher running with this data folder, if any: a live process with the pid in {@code launcher.pid} that
     * is a launcher (a stale pid may since belong to something else).
     */
    static Optional<ProcessHandle> running(Path dataDir) {
        try {
            String pid = Files.readString(dataDir.resolve(PID_FILE)).strip();
            return ProcessHandle.of(Long.parseLong(pid))
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.pid() != ProcessHandle.current().pid())
                    .filter(LauncherLock::isLauncher);
        }
        catch (IOException | NumberFormatException ex) {
            return Optional.empty();
        }
    }

    /**
     * Written once every service is ready. The first line names this launcher's pid, so {@code ./mpac up -d} does not
     * mistake a file left by a killed launcher for a ready platform; the rest is the summary (with secrets: 0600).
     */
    void markReady(String summary) {
        Path ready = dataDir.resolve(READY_FILE);
        Path temp = dataDir.resolve(READY_FILE + ".tmp");
        try {
            Files.deleteIfExists(temp);
            try {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                        "rw-------")));
            }
            catch (UnsupportedOperationException ex) {
                Files.createFile(temp);
            }
            Files.writeString(temp, "# launcher pid " + ProcessHandle.current().pid() + "\n" + summary);
            Files.move(temp, ready, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException ex) {
            System.err.println("mpac: cannot write " + ready + ": " + ex.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(dataDir.resolve(READY_FILE));
            Files.deleteIfExists(dataDir.resolve(PID_FILE));
            lock.release();
        }
        catch (IOException ex) {
            // the lock goes with the process anyway
        }
        closeQuietly(channel);
    }

    private static boolean isLauncher(ProcessHandle handle) {
        // Without a readable command line (another user's process) assume it is one: refusing to start is safer.
        return handle.info().commandLine()
                .map(line -> line.contains("launcher.jar") || line.contains("com.mpac.launcher"))
                .orElse(true);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            }
            catch (IOException ex) {
                // nothing to do
            }
        }
    }
}
