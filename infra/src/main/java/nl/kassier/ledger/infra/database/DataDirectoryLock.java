package nl.kassier.ledger.infra.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one owner of a data directory: an operating-system lock on {@value #FILE_NAME} in it, taken before anything in
 * the directory is touched and held for as long as the service runs. A second start on a directory in use fails at
 * once, naming the process that holds it, and leaves that process and its PostgreSQL alone. The operating system
 * drops the lock when its process dies, however it dies, so a directory left by a killed instance is free again (and
 * the PostgreSQL it left running is stopped by the next owner).
 */
final class DataDirectoryLock implements AutoCloseable {

    static final String FILE_NAME = "kassier.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock on {@code dataDirectory}, or refuses with the process that holds it. */
    static DataDirectoryLock take(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE_NAME);
        FileChannel channel;
        try {
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not lock the data directory " + dataDirectory, e);
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldHere) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException("data directory " + dataDirectory.toAbsolutePath()
                        + " is in use by process " + holder(channel) + "; stop it first, or give this instance a data"
                        + " directory of its own (LEDGER_DATA_DIR)");
            }
            channel.truncate(0);
            channel.write(
                    ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(true);
            return new DataDirectoryLock(channel, lock);
        } catch (IOException | RuntimeException e) {
            // Closing the channel releases a lock taken on it.
            try {
                channel.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("could not lock the data directory " + dataDirectory, io);
            }
            throw (RuntimeException) e;
        }
    }

    /** The process id the lock file names: what the holder wrote when it took the lock. */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
        return text.isEmpty() ? "(unknown)" : text;
    }

    /** Releases the directory; closing it again does nothing. */
    @Override
    public void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
