package org.p2pvps.device.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One runtime per installation, held by a lock on {@code data/runtime.lock} (the operating system releases it
 * when the process ends, however it ends). A second runtime on the same files would rebuild the first one's
 * bundle cache under it, fight it for the gateway session and reset the renter environment it runs.
 */
final class SingleRuntime implements AutoCloseable {

    static final String LOCK_FILE = "runtime.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private SingleRuntime(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @return the installation's lock, empty while another runtime holds it */
    static Optional<SingleRuntime> acquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        FileChannel channel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        return Optional.of(new SingleRuntime(channel, lock));
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
