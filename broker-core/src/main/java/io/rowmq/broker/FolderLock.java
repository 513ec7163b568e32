package io.rowmq.broker;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data folder ({@code rowmq.lock} in it), held while a process uses
 * the folder, so that a second broker on the same {@code --data-dir} fails at once with a
 * clear message instead of corrupting or waiting on the first one's files.
 */
final class FolderLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws IllegalStateException when another process (or this one) holds the folder */
    static FolderLock acquire(Path folder) {
        Path file = folder.toAbsolutePath().resolve("rowmq.lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(folder);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IllegalStateException(inUse(folder));
            }
            return new FolderLock(file, channel, lock);
        } catch (java.nio.channels.OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new IllegalStateException(inUse(folder), e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new IllegalStateException("Could not lock the data folder " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static String inUse(Path folder) {
        return "The data folder " + folder.toAbsolutePath() + " is in use by another embedded MariaDB (another broker"
                + " with this --data-dir?); stop it or choose another --data-dir";
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing held yet
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new IllegalStateException("Could not release the lock " + file + ": " + e.getMessage(), e);
        }
    }
}
