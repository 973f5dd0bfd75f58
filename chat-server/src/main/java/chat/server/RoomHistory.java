package chat.server;

import chat.core.Protocol;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
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
 * line counted twice, for its live and its replayed form): long lines evict the oldest sooner.
 * Rooms are bounded by the users in them (an empty room goes, the lobby stays), so history's
 * memory is bounded by ({@code --max-connections} + 1) × {@code --history-bytes} in all.
 *
 * <p>Reactor thread only. A ring: {@code size <= capacity}; the oldest line is at
 * {@code (next - size) mod capacity}; {@code replayed[i]} is null or the replayed form of
 * {@code lines[i]}.
 */
final class RoomHistory {

    private final int capacity;
    /** Most bytes held: a line counts its length twice (live and replayed forms). */
    private final long maxBytes;
    /** Bytes held now, counted as for {@code maxBytes}. */
    private long bytes;
    private final ZoneId zone;
    /** When each line was said (epoch milliseconds), parallel to {@code lines}. */
    private final long[] saidAt;
    /** The lines as they were sent live: chat or action frames, with their CR LF, shared with the queues. */
    private final byte[][] lines;
    /** Each line as replayed, made on first use; null until then. */
    private final byte[][] replayed;
    /** Slot the next line goes into. */
    private int next;
    /** Lines held, at most {@code capacity}. */
    private int size;

    RoomHistory(int capacity, long maxBytes, ZoneId zone) {
        if (capacity < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("history capacity and bytes must be >= 0, got "
                    + capacity + ", " + maxBytes);
        }
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.zone = zone;
        this.saidAt = new long[capacity];
        this.lines = new byte[capacity][];
        this.replayed = new byte[capacity][];
    }

    void add(long epochMillis, byte[] line) {
        long cost = 2L * line.length;
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
        saidAt[next] = epochMillis;
        lines[next] = line;
        replayed[next] = null;
        next = (next + 1) % capacity;
        size++;
    }

    private void dropOldest() {
        int oldest = Math.floorMod(next - size, capacity);
        bytes -= 2L * lines[oldest].length;
        lines[oldest] = null;
        replayed[oldest] = null;
        size--;
    }

    /** Bytes held, counted as for the bound (each line twice). */
    long bytes() {
        return bytes;
    }

    /** Delivers every held line to {@code member}, oldest first, as {@code [HH:MM] line}. */
    void replayTo(Member member) {
        for (int i = 0; i < size; i++) {
            int slot = Math.floorMod(next - size + i, capacity);
            if (replayed[slot] == null) {
                replayed[slot] = render(saidAt[slot], lines[slot]);
            }
            member.deliver(replayed[slot]);
        }
    }

    private byte[] render(long epochMillis, byte[] line) {
        LocalTime time = LocalTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone);
        byte[] prefix = Protocol.historyPrefix(time).getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[prefix.length + line.length];
        System.arraycopy(prefix, 0, frame, 0, prefix.length);
        System.arraycopy(line, 0, frame, prefix.length, line.length);
        return frame;
    }
}
