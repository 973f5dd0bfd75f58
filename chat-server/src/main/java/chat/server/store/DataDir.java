package chat.server.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The directory a server keeps its state in ({@code --data-dir}), held for as long as the server
 * runs: a lock on its {@code lock} file (which holds the holder's pid) keeps a second server from
 * writing the same files. The lock is the operating system's, so a server killed with -9 leaves
 * nothing to clean up: its lock goes with its process.
 *
 * <p>Opened on the main thread at start, closed at exit.
 */
public final class DataDir implements AutoCloseable {

    static final String LOCK_FILE = "lock";

    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDir(Path path, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates {@code path} if needed and takes it.
     *
     * @throws IOException with a one-line message for the user: not a directory, not writable,
     *                     or held by another running server
     */
    public static DataDir open(Path path) throws IOException {
        Path dir = path.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("--data-dir " + path + " cannot be created: " + reason(e));
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("--data-dir " + path + " is not a directory");
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("--data-dir " + path + " is not writable by this user");
        }
        Path lockFile = dir.resolve(LOCK_FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IOException("--data-dir " + path + " is not writable: " + reason(e));
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null; // another server in this JVM holds it (tests): as taken as by another process
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new IOException("--data-dir " + path + " is in use by another running server"
                    + (holder.isEmpty() ? "" : " (pid " + holder + ")"));
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        return new DataDir(dir, channel, lock);
    }

    public Path path() {
        return path;
    }

    public Path resolve(String name) {
        return path.resolve(name);
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // exiting: the lock goes with the process anyway
        }
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
