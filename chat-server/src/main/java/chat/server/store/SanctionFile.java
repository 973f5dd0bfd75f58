package chat.server.store;

import chat.server.moderation.Sanction;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bans and mutes of a one-process chat in its data directory ({@code --data-dir}), file
 * {@value #FILE}: a comment line, then one {@link Sanction#encode}d sanction a line. Read whole
 * at start; written whole after each change by a thread of its own (the reactor never touches
 * the disk): into {@value #FILE}.tmp, forced to the disk, then renamed over the file, so a crash
 * leaves the old list or the new one, never half of either.
 *
 * <p>Changes come faster than the disk only in bursts: {@link #save} keeps the latest list alone,
 * and the writer takes whichever is latest when it gets to it, so at most one write waits.
 *
 * <p>{@link #read} on the main thread at start; {@link #save} on the reactor thread;
 * {@link #close} at exit. Writing happens on the writer's thread only.
 */
public final class SanctionFile implements AutoCloseable {

    static final String FILE = "bans";
    private static final String HEADER = "# chat-server bans and mutes, one a line (tab-separated); written by the server, not to be edited while it runs";

    private static final Logger log = LoggerFactory.getLogger(SanctionFile.class);

    private final Path file;
    /** The latest list not yet written; null once the writer took it. */
    private final AtomicReference<List<Sanction>> pending = new AtomicReference<>();
    /** Writes that failed (the disk full, the directory gone); each is logged. */
    private final AtomicLong failures = new AtomicLong();
    private final ThreadPoolExecutor writer;

    public SanctionFile(DataDir dir) {
        this.file = dir.resolve(FILE);
        // At most one write waits (pending coalesces the rest), so a queue of one never overflows.
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1), task -> {
            Thread thread = new Thread(task, "bans-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * What the file holds; empty if there is none yet. A line that is not a sanction is skipped
     * with a warning naming its number.
     *
     * @throws IOException with a one-line message if the file exists but cannot be read
     */
    public List<Sanction> read() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new IOException(file + " cannot be read: " + e.getMessage());
        }
        List<Sanction> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Optional<Sanction> sanction = Sanction.decode(line);
            if (sanction.isPresent()) {
                kept.add(sanction.get());
            } else {
                log.warn("{} line {} is not a ban or mute; skipped", file, i + 1);
            }
        }
        log.info("{} bans and mutes read from {}", kept.size(), file);
        return kept;
    }

    /** Writes {@code all} soon, on the writer's thread. Never blocks. */
    public void save(List<Sanction> all) {
        if (pending.getAndSet(List.copyOf(all)) != null) {
            return; // a write is already waiting: it will take this list
        }
        try {
            writer.execute(this::writeLatest);
        } catch (RejectedExecutionException closing) {
            log.warn("bans and mutes changed during shutdown were not written to {}", file);
        }
    }

    /** Writes that failed since start. */
    public long failures() {
        return failures.get();
    }

    private void writeLatest() {
        List<Sanction> all = pending.getAndSet(null);
        if (all == null) {
            return;
        }
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Sanction sanction : all) {
            text.append(sanction.encode()).append('\n');
        }
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            failures.incrementAndGet();
            log.error("could not write the bans and mutes to {}: {}", file, e.toString());
        }
    }

    /** Writes what is pending, waiting for it a few seconds at most (exit). */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("the last change to the bans and mutes may not be in {}", file);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
