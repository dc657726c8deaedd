package io.ripple.devbroker.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One broker per log directory. SQLite would let a second broker process write the same file,
 * and both would then deliver every event (each believing it owns the triggers' progress). An OS
 * file lock on {@code broker.lock} goes with its process however it ends, {@code kill -9}
 * included, so a restarted broker always gets it back.
 */
final class LogOwnership implements AutoCloseable {

    static final String FILE = "broker.lock";

    private final FileChannel channel;

    private LogOwnership(FileChannel channel) {
        this.channel = channel;
    }

    /** @throws IllegalStateException if another broker holds {@code dataDir} */
    static LogOwnership take(Path dataDir) throws IOException {
        FileChannel channel = FileChannel.open(dataDir.resolve(FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("the event log in " + dataDir.toAbsolutePath() + " is in use by another"
                    + " broker: one broker per ripple.broker.data-dir (stop the other, or give this one its own)");
        }
        return new LogOwnership(channel);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }
}
