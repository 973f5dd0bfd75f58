package chat.server.store;

import chat.core.Event.RoomEvent;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * History that survives restarts ({@code --data-dir}): every line is kept in memory, as
 * {@link MemoryHistory} keeps it, and appended to a journal on disk ({@code history.log}) by
 * a {@link JournalWriter} thread. At start the journal is read back into memory, so newcomers
 * see the same history as before the restart; a replay never reads the disk.
 *
 * <p>Reactor thread only after {@link #open}, which runs on the main thread before the reactor
 * starts (reading the journal there is reading at start, not on the loop); {@link #counts},
 * {@link #written} and {@link #notWritten} from any thread.
 */
public final class DiskHistory implements HistoryStore {

    static final String JOURNAL = "history.log";
    /** The journal is not rewritten below this size, however little of it is kept. */
    public static final long MIN_COMPACT_BYTES = JournalWriter.MIN_COMPACT_BYTES;

    private static final Logger log = LoggerFactory.getLogger(DiskHistory.class);

    private final MemoryHistory memory;
    private final JournalWriter writer;
    /** False with {@code --history 0}: nothing but topics is written. */
    private final boolean keepsLines;

    private DiskHistory(MemoryHistory memory, JournalWriter writer, boolean keepsLines) {
        this.memory = memory;
        this.writer = writer;
        this.keepsLines = keepsLines;
    }

    /**
     * Reads {@code dir}'s journal into memory (cutting off a torn or corrupt tail, with one
     * warning), rewrites it first if most of it is no longer kept, and starts its writer.
     *
     * @param bytes             most bytes of lines kept per room in memory ({@code --history-bytes})
     * @param minCompactBytes   the journal is not rewritten below this size
     * @throws IOException with one line for the user when the journal cannot be read or written
     */
    public static DiskHistory open(DataDir dir, Retention retention, int bytes, Fsync fsync, ZoneId zone,
            LongSupplier clockMillis, long minCompactBytes) throws IOException {
        Path file = dir.resolve(JOURNAL);
        MemoryHistory memory = new MemoryHistory(retention.lines(), bytes, retention.rooms(),
                retention.maxAgeMillis(), zone, clockMillis);
        Map<String, long[]> tallies = new HashMap<>(); // per room: lines, newest time
        JournalFile.Scan scan;
        try {
            scan = JournalFile.read(file, r -> {
                long[] t = tallies.computeIfAbsent(r.roomKey(), k -> new long[2]);
                if (r.isTopic()) {
                    memory.setTopic(r.roomKey(), r.event());
                } else {
                    memory.append(r.roomKey(), r.event());
                    t[0]++;
                }
                t[1] = Math.max(t[1], r.event().time());
            });
            if (scan.goodBytes() == 0 && scan.badBytes() > 0 && !JournalFile.isHeaderPrefix(file)) {
                throw new IOException("it is not a history journal (its first line is not 'chat-history 1');"
                        + " move it away to start with an empty history");
            }
            if (scan.goodBytes() == 0) { // none yet, or a header cut short as the file was made
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    JournalFile.writeHeader(channel);
                    channel.force(true);
                }
                Compaction.syncDirectory(dir.path());
            } else if (scan.badBytes() > 0) {
                log.warn("history: {} ends with {} bytes that are not whole lines (a write cut short by a crash,"
                        + " or damage); cut off, keeping the {} lines before them", file, scan.badBytes(), scan.records());
                JournalFile.cutTail(file, scan.goodBytes());
            }
            long size = Files.size(file);
            if (Compaction.worthIt(tallies, retention, clockMillis.getAsLong())) {
                size = Compaction.rewrite(file, retention, clockMillis.getAsLong());
            }
            JournalWriter writer = new JournalWriter(file, size, fsync, retention, clockMillis, minCompactBytes);
            writer.start();
            log.info("history: {} lines in {} rooms read from {} (fsync {})", scan.records(), tallies.size(), file, fsync);
            return new DiskHistory(memory, writer, retention.lines() > 0);
        } catch (IOException e) {
            throw new IOException("history journal " + file + " cannot be used: " + e.getMessage(), e);
        }
    }

    @Override
    public void append(String roomKey, RoomEvent event) {
        memory.append(roomKey, event);
        if (keepsLines) {
            writer.offer(new JournalRecord(roomKey, event));
        }
    }

    @Override
    public void since(String roomKey, long afterSeq, Replay lines, Consumer<Boolean> done) {
        memory.since(roomKey, afterSeq, lines, done);
    }

    @Override
    public void setTopic(String roomKey, RoomEvent topic) {
        memory.setTopic(roomKey, topic);
        writer.offer(new JournalRecord(roomKey, topic));
    }

    @Override
    public void topic(String roomKey, Consumer<RoomEvent> topic) {
        memory.topic(roomKey, topic);
    }

    @Override
    public void replay(String roomKey, Replay lines, Runnable done) {
        memory.replay(roomKey, lines, done);
    }

    /** The number of the room's newest kept line; 0 if none. */
    public long lastSeq(String roomKey) {
        return memory.lastSeq(roomKey);
    }

    /** Writes what is queued and asks the disk to keep it; waits at most {@code millis}. */
    public void close(long millis) {
        try {
            writer.close(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lines the journal could not take (queue full, disk refused); the rest of the chat went on. */
    public long notWritten() {
        return writer.notWritten();
    }

    /** Lines the journal has written so far. */
    public long written() {
        return writer.written();
    }

    /**
     * What the journal's writer has done, for the metrics. Any thread.
     *
     * @param written      lines written to the journal
     * @param queueFull    lines not written because the writer's queue was full
     * @param diskFailed   lines not written because the disk refused them
     * @param backlogLines lines waiting to be written
     * @param backlogBytes their cost against the queue's byte bound
     * @param compactions  times the journal was rewritten
     */
    public record Counts(long written, long queueFull, long diskFailed, long backlogLines, long backlogBytes,
            long compactions) {
    }

    /** What the journal's writer has done so far. Any thread. */
    public Counts counts() {
        return writer.counts();
    }

    JournalWriter writer() {
        return writer;
    }
}
