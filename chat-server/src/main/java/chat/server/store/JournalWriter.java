package chat.server.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that appends history to the journal, so the reactor never touches the disk. The
 * reactor {@link #offer}s each line into a bounded queue and goes on; this thread takes them in
 * batches, writes each batch with one call, asks the disk to keep it as {@code --fsync} says,
 * and rewrites the journal ({@link Compaction}) once it has grown to twice its size after the
 * last rewrite.
 *
 * <p>When the disk is slow or full, live chat goes on: the queue holds at most
 * {@link #QUEUE_LINES} lines and {@link #QUEUE_BYTES} bytes, a line that finds it full is not
 * written, and a batch the disk refuses is cut back off the file (so the journal stays whole);
 * both are counted and logged here, at most once per {@link #REPORT_MILLIS}, never on the reactor.
 *
 * <p>Threads: {@link #offer} on the reactor thread (the one producer); everything else on the
 * writer's own thread, which alone touches the file after start. Invariant: {@code size} is the
 * journal's length, and every byte of it is whole records.
 */
final class JournalWriter implements Runnable {

    static final int QUEUE_LINES = 16_384;
    static final long QUEUE_BYTES = 16L * 1024 * 1024;
    static final long REPORT_MILLIS = 10_000;
    /** A journal is not rewritten below this size, however little of it is kept. */
    static final long MIN_COMPACT_BYTES = 4L * 1024 * 1024;
    private static final int BATCH = 4096;
    /** The batch buffer kept between batches at most (a batch of long lines may grow it past). */
    private static final int KEEP_BUFFER_BYTES = 1 << 20;
    /** Tells the thread to look at {@code closing}; never written. */
    private static final JournalRecord WAKE = new JournalRecord("", chat.core.Event.RoomEvent.chat("", "-", ""));

    private static final Logger log = LoggerFactory.getLogger(JournalWriter.class);

    private final Path file;
    private final Fsync fsync;
    private final Retention retention;
    private final LongSupplier clockMillis;
    private final long minCompactBytes;
    private final BlockingQueue<JournalRecord> queue = new ArrayBlockingQueue<>(QUEUE_LINES);
    /** Bytes of the lines queued, as {@link #cost} counts them; added by the reactor, taken here. */
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong compactions = new AtomicLong();
    private final Thread thread;
    private volatile boolean closing;

    private FileChannel channel;
    /** The batch being written, encoded; reused. */
    private JournalRecord.LineBuffer out = new JournalRecord.LineBuffer(1 << 16);
    private final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    private long size;
    private long compactAt;
    private boolean dirty;
    private long lastSync;
    private long lastReport;
    private long reportedDropped;
    private long reportedFailed;

    /** Appends to {@code file}, a whole journal of {@code size} bytes. Not started. */
    JournalWriter(Path file, long size, Fsync fsync, Retention retention, LongSupplier clockMillis,
            long minCompactBytes) throws IOException {
        this.file = file;
        this.fsync = fsync;
        this.retention = retention;
        this.clockMillis = clockMillis;
        this.minCompactBytes = minCompactBytes;
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE);
        this.channel.position(size);
        this.size = size;
        this.compactAt = Math.max(2 * size, minCompactBytes);
        this.thread = new Thread(this, "chat-history-writer");
        this.thread.setDaemon(true); // close() drains it; a halt must not wait for a stuck disk
    }

    void start() {
        lastSync = clockMillis.getAsLong();
        lastReport = lastSync;
        thread.start();
    }

    /**
     * Queues {@code record} to be written; false (and counted) if the queue is full. Reactor
     * thread: never blocks.
     */
    boolean offer(JournalRecord record) {
        long cost = cost(record);
        if (queuedBytes.get() + cost > QUEUE_BYTES || !queue.offer(record)) {
            dropped.incrementAndGet();
            return false;
        }
        queuedBytes.addAndGet(cost);
        return true;
    }

    /** Writes what is queued, asks the disk to keep it, and ends the thread; waits at most {@code millis}. */
    void close(long millis) throws InterruptedException {
        closing = true;
        queue.offer(WAKE);
        thread.join(millis);
    }

    /** Lines that could not be written: the queue was full, or the disk refused them. */
    long notWritten() {
        return dropped.get() + failed.get();
    }

    long written() {
        return written.get();
    }

    long compactions() {
        return compactions.get();
    }

    /** Lines waiting to be written. */
    int backlog() {
        return queue.size();
    }

    /**
     * The writer's counts now, for the metrics: any thread (each is an atomic or the bounded
     * queue's own count, read one after the other, so they may be a line apart).
     */
    DiskHistory.Counts counts() {
        return new DiskHistory.Counts(written.get(), dropped.get(), failed.get(), queue.size(), queuedBytes.get(),
                compactions.get());
    }

    @Override
    public void run() {
        List<JournalRecord> batch = new ArrayList<>(BATCH);
        try {
            while (true) {
                JournalRecord first = queue.poll(waitMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    write(batch);
                    batch.clear();
                }
                if (fsync == Fsync.ALWAYS || (fsync == Fsync.EVERYSEC && clockMillis.getAsLong() - lastSync >= 1000)) {
                    sync();
                }
                if (size >= compactAt) {
                    compact();
                }
                report(false);
                if (closing && queue.isEmpty()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (fsync != Fsync.NO || closing) {
                sync();
            }
            report(true);
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing: everything that could be kept has been forced
            }
        }
    }

    /** How long to wait for a line: until the next fsync is due when something waits for one. */
    private long waitMillis() {
        if (dirty && fsync == Fsync.EVERYSEC) {
            return Math.max(1, 1000 - (clockMillis.getAsLong() - lastSync));
        }
        return REPORT_MILLIS;
    }

    private void write(List<JournalRecord> batch) {
        out.clear();
        int n = 0;
        long taken = 0;
        for (JournalRecord record : batch) {
            if (record != WAKE) {
                taken += cost(record);
                record.encodeInto(out, crc);
                n++;
            }
        }
        queuedBytes.addAndGet(-taken);
        if (n == 0) {
            return;
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap(out.bytes, 0, out.length);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            size += out.length;
            dirty = true;
            written.addAndGet(n);
        } catch (IOException e) {
            failed.addAndGet(n);
            cutBack();
            warnOnce("history: " + n + " lines could not be written to " + file + ": " + e.getMessage());
        }
        if (out.bytes.length > KEEP_BUFFER_BYTES) {
            out = new JournalRecord.LineBuffer(KEEP_BUFFER_BYTES); // a batch of long lines: let it go
        }
    }

    /** After a failed write: the journal's end goes back to its last whole record. */
    private void cutBack() {
        try {
            channel.truncate(size);
            channel.position(size);
        } catch (IOException e) {
            // The disk refuses even that; the next start cuts a torn tail off with a warning.
        }
    }

    private void sync() {
        if (!dirty) {
            lastSync = clockMillis.getAsLong();
            return;
        }
        try {
            channel.force(false);
            dirty = false;
        } catch (IOException e) {
            warnOnce("history: " + file + " could not be synced to disk: " + e.getMessage());
        }
        lastSync = clockMillis.getAsLong();
    }

    private void compact() {
        sync();
        try {
            channel.close();
            size = Compaction.rewrite(file, retention, clockMillis.getAsLong());
            compactions.incrementAndGet();
        } catch (IOException e) {
            warnOnce("history: " + file + " could not be compacted (kept as it is): " + e.getMessage());
        } finally {
            try {
                channel = FileChannel.open(file, StandardOpenOption.WRITE);
                size = channel.size();
                channel.position(size);
            } catch (IOException e) {
                // Cannot reopen the journal: every later line fails and is counted.
                warnOnce("history: " + file + " cannot be reopened: " + e.getMessage());
            }
        }
        compactAt = Math.max(2 * size, minCompactBytes);
    }

    private void report(boolean last) {
        long now = clockMillis.getAsLong();
        if (!last && now - lastReport < REPORT_MILLIS) {
            return;
        }
        lastReport = now;
        long d = dropped.get();
        long f = failed.get();
        if (d > reportedDropped || f > reportedFailed) {
            log.warn("history: {} lines not written in the last {} s ({} with the writer's queue full, {} refused"
                    + " by the disk); live chat was not affected", (d - reportedDropped) + (f - reportedFailed),
                    REPORT_MILLIS / 1000, d - reportedDropped, f - reportedFailed);
            reportedDropped = d;
            reportedFailed = f;
        }
    }

    private long lastWarning = Long.MIN_VALUE / 2;

    /** A disk error, logged at most once per report interval (a full disk fails every batch). */
    private void warnOnce(String message) {
        long now = clockMillis.getAsLong();
        if (now - lastWarning >= REPORT_MILLIS) {
            lastWarning = now;
            log.warn(message);
        }
    }

    /** What a queued line counts against {@link #QUEUE_BYTES}: about its size on disk, UTF-16 counted. */
    static long cost(JournalRecord record) {
        return 64 + 2L * (record.roomKey().length() + record.event().room().length()
                + record.event().who().length() + record.event().text().length());
    }
}
