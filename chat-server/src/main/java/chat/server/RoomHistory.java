package chat.server;

import chat.core.Protocol;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The last lines said in a room, replayed to whoever enters it, oldest first, each marked with
 * the time it was said.
 *
 * <p>Reactor thread only. A ring: {@code size <= capacity}; the oldest line is at
 * {@code (next - size) mod capacity}.
 */
final class RoomHistory {

    private final int capacity;
    /** When each line was said (epoch milliseconds), parallel to {@code lines}. */
    private final long[] saidAt;
    /** The lines as they were sent live: chat or action frames, with their CR LF, shared with the queues. */
    private final byte[][] lines;
    /** Slot the next line goes into. */
    private int next;
    /** Lines held, at most {@code capacity}. */
    private int size;

    RoomHistory(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("history capacity must be >= 0, got " + capacity);
        }
        this.capacity = capacity;
        this.saidAt = new long[capacity];
        this.lines = new byte[capacity][];
    }

    void add(long epochMillis, byte[] line) {
        if (capacity == 0) {
            return;
        }
        saidAt[next] = epochMillis;
        lines[next] = line;
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    /** Every held line as one frame, oldest first, times in {@code zone}; null if there are none. */
    byte[] replay(ZoneId zone) {
        if (size == 0) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size * 64);
        for (int i = 0; i < size; i++) {
            int slot = Math.floorMod(next - size + i, capacity);
            LocalTime time = LocalTime.ofInstant(Instant.ofEpochMilli(saidAt[slot]), zone);
            out.writeBytes(Protocol.historyPrefix(time).getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(lines[slot]);
        }
        return out.toByteArray();
    }
}
