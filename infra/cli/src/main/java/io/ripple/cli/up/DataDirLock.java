package io.ripple.cli.up;

import io.ripple.cli.CliException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One {@code ripple up} per data directory: a second one would run a second broker on the same
 * durable log (every event delivered twice), a second timer service on the same timers, and write
 * into the same log files. The lock is an OS file lock, so it goes with its process however that
 * process ends ({@code kill -9} included) and never needs cleaning up.
 */
public final class DataDirLock implements AutoCloseable {

    static final String FILE = "ripple-up.lock";

    private final FileChannel channel;

    private DataDirLock(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Takes the data directory for this process (creating it), or refuses naming the process that
     * has it.
     *
     * @throws CliException if another {@code ripple up} holds it, or it cannot be created
     */
    public static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        FileChannel channel;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new CliException("cannot use the data directory " + dataDir + ": " + e.getMessage());
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException inThisProcess) {
            lock = null;
        } catch (IOException e) {
            close(channel);
            throw new CliException("cannot lock " + file + ": " + e.getMessage());
        }
        if (lock == null) {
            String holder = holder(file);
            close(channel);
            throw new CliException("the data directory " + dataDir + " is in use by another `ripple up`"
                    + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                    + ": stop it, or give this one its own --data-dir");
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
        } catch (IOException e) {
            // the pid is only for the message a second `ripple up` prints; the lock holds without it
        }
        return new DataDirLock(channel);
    }

    private static String holder(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing held, nothing to undo
        }
    }

    /** Releases the directory (the process's exit does too). */
    @Override
    public void close() {
        close(channel);
    }
}
