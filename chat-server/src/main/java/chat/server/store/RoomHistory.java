package chat.server.store;

import chat.core.Event.RoomEvent;
import chat.core.Wire;
import java.time.ZoneId;

/**
 * The last lines said in a room, replayed to whoever enters it, oldest first, each marked with
 * the time it was said: {@code [HH:MM] ann: hi}.
 *
 * <p>A line's replayed form never changes (its time is fixed when it is said), so it is made
 * once, the first time a newcomer needs it, and then shared like any broadcast: a replay hands
 * out references and allocates nothing. Under connection churn every arrival replays the
 * history; building it afresh each time was most of the churn's garbage (docs/benchmarks.md).
 *
 * <p>Bounded twice: at most {@code capacity} lines, and at most {@code maxBytes} of them (each
 * line counted twice, for its event and its replayed form): long lines evict the oldest sooner.
 *
 * <p>Reactor thread only. A ring: {@code size <= capacity}; the oldest line is at
 * {@code (next - size) mod capacity}; {@code replayed[i]} is null or the replayed form of
 * {@code events[i]}.
 */
final class RoomHistory {

    private final int capacity;
    /** Most bytes held, counted as {@link #cost} says. */
    private final long maxBytes;
    /** Bytes held now, counted as for {@code maxBytes}. */
    private long bytes;
    private final ZoneId zone;
    /** The lines, as the room's bus numbered them: chat or action events. */
    private final RoomEvent[] events;
    /** Each line as replayed, made on first use; null until then. */
    private final byte[][] replayed;
    /** Slot the next line goes into. */
    private int next;
    /** Lines held, at most {@code capacity}. */
    private int size;
    /** The number of the newest line dropped to make room; 0 while none has been. */
    private long newestDropped;

    RoomHistory(int capacity, long maxBytes, ZoneId zone) {
        if (capacity < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("history capacity and bytes must be >= 0, got "
                    + capacity + ", " + maxBytes);
        }
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.zone = zone;
        this.events = new RoomEvent[capacity];
        this.replayed = new byte[capacity][];
    }

    /** What a line costs against the bound: its length twice, for its event and its replayed form. */
    static long cost(RoomEvent event) {
        return 2L * (event.who().length() + event.text().length() + 4);
    }

    void add(RoomEvent event) {
        long cost = cost(event);
        if (capacity == 0 || cost > maxBytes) {
            return;
        }
        if (size == capacity) {
            dropOldest(); // the slot about to be overwritten
        }
        while (bytes + cost > maxBytes) {
            dropOldest();
        }
        bytes += cost;
        events[next] = event;
        replayed[next] = null;
        next = (next + 1) % capacity;
        size++;
    }

    private void dropOldest() {
        int oldest = Math.floorMod(next - size, capacity);
        newestDropped = Math.max(newestDropped, events[oldest].seq());
        bytes -= cost(events[oldest]);
        events[oldest] = null;
        replayed[oldest] = null;
        size--;
    }

    /** The newest line's number; 0 when none is held. */
    long lastSeq() {
        return size == 0 ? 0 : events[Math.floorMod(next - 1, capacity)].seq();
    }

    /** When the newest line was said, epoch milliseconds; 0 when none is held. */
    long lastTime() {
        return size == 0 ? 0 : events[Math.floorMod(next - 1, capacity)].time();
    }

    /** Bytes held, counted as for the bound (each line twice). */
    long bytes() {
        return bytes;
    }

    /**
     * Hands every held line numbered after {@code afterSeq} to {@code lines}, with its shared
     * replayed frame, oldest first; true if no line after {@code afterSeq} was ever dropped (they
     * are all there).
     */
    boolean since(long afterSeq, HistoryStore.Replay lines) {
        for (int i = 0; i < size; i++) {
            int slot = Math.floorMod(next - size + i, capacity);
            if (events[slot].seq() > afterSeq) {
                if (replayed[slot] == null) {
                    replayed[slot] = Wire.replayFrame(events[slot], zone);
                }
                lines.line(events[slot], replayed[slot]);
            }
        }
        return newestDropped <= afterSeq;
    }

    /** Hands every held line to {@code lines}, oldest first, with its shared {@code [HH:MM] line} frame. */
    void replayTo(HistoryStore.Replay lines) {
        for (int i = 0; i < size; i++) {
            int slot = Math.floorMod(next - size + i, capacity);
            if (replayed[slot] == null) {
                replayed[slot] = Wire.replayFrame(events[slot], zone);
            }
            lines.line(events[slot], replayed[slot]);
        }
    }
}
