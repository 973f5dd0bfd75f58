package chat.server.net;

import java.nio.ByteBuffer;

/**
 * One connection's unsent output: a FIFO of encoded frames, shared, never copied on enqueue.
 *
 * <p>A broadcast is encoded once into a {@code byte[]} and the same array is queued to every
 * member; enqueueing stores one reference. At write time {@link #copyTo} gathers as many
 * frames as fit into the reactor's direct buffer, so many lines leave in one {@code write()}
 * and the JDK never has to copy a heap buffer into a hidden direct one.
 *
 * <p>The ring is allocated on first output and kept while the connection is busy, so it
 * allocates nothing per pass; the reactor {@link #trim}s the rings of idle connections every few
 * seconds, so an idle connection holds nothing. A ring grown past {@link #KEPT_CAPACITY} slots
 * by a huge backlog is dropped as soon as it drains.
 *
 * <p>What the queue costs is {@link #chargedBytes}: the unsent bytes plus
 * {@link #ENTRY_OVERHEAD_BYTES} per queued frame, so a flood of tiny frames (a hostile tester
 * queued 110,000 three-byte telnet replies on one connection: 2.3 MB of heap for 330 KB of
 * bytes) is charged what it really holds, not what it would send.
 *
 * <p>Reactor thread only. Invariants: {@code queuedBytes} equals the bytes of the queued
 * frames minus {@code headOffset}; {@code headOffset < frames[head].length} when not empty.
 */
public final class OutboundQueue {

    /** Slots in a new ring: a pass rarely queues more frames than this for one connection. */
    static final int FIRST_CAPACITY = 16;
    /**
     * The biggest ring kept between passes (1 KiB). Regrowing rings every pass was most of the
     * server's garbage in a join storm, where each connection queues dozens of notices per pass
     * (docs/benchmarks.md, "idle connections").
     */
    static final int KEPT_CAPACITY = 256;
    /**
     * What one queued frame costs beyond its bytes: its slot in the ring (a reference) and, for
     * a frame queued to this connection alone, its array's header. A broadcast frame is shared
     * and its header paid once, so this overstates it a little: the safe side.
     */
    static final int ENTRY_OVERHEAD_BYTES = 24;

    /** Ring of queued frames (a power of two long); null until the first output, or after a big one drained. */
    private byte[][] frames;
    /** Index of the oldest frame in the ring. */
    private int head;
    /** Number of frames in the ring. */
    private int count;
    /** Bytes of the oldest frame already written by an earlier partial write. */
    private int headOffset;
    /** Bytes queued and not yet written. */
    private long queuedBytes;

    public boolean isEmpty() {
        return count == 0;
    }

    public long queuedBytes() {
        return queuedBytes;
    }

    /** The memory the queue holds: unsent bytes plus the per-frame overhead. What the caps count. */
    public long chargedBytes() {
        return queuedBytes + (long) count * ENTRY_OVERHEAD_BYTES;
    }

    /** Queues {@code frame}; the array must never be modified afterwards (it is shared). */
    public void add(byte[] frame) {
        if (frame.length == 0) {
            return;
        }
        if (frames == null) {
            frames = new byte[FIRST_CAPACITY][];
        } else if (count == frames.length) {
            grow();
        }
        frames[(head + count) & (frames.length - 1)] = frame;
        count++;
        queuedBytes += frame.length;
    }

    /**
     * Copies queued bytes, oldest first, into {@code out} until it is full or nothing is left,
     * without consuming them: {@link #consume} does that once the socket has taken them.
     *
     * @return bytes copied
     */
    public int copyTo(ByteBuffer out) {
        int copied = 0;
        int offset = headOffset;
        int mask = frames == null ? 0 : frames.length - 1;
        for (int i = 0; i < count && out.hasRemaining(); i++) {
            byte[] frame = frames[(head + i) & mask];
            int n = Math.min(frame.length - offset, out.remaining());
            out.put(frame, offset, n);
            copied += n;
            offset = 0;
        }
        return copied;
    }

    /** Drops the first {@code written} queued bytes: the socket has taken them. */
    public void consume(int written) {
        if (written < 0 || written > queuedBytes) {
            throw new IllegalArgumentException("consumed " + written + " of " + queuedBytes + " queued bytes");
        }
        queuedBytes -= written;
        int left = written + headOffset;
        int mask = frames == null ? 0 : frames.length - 1;
        while (count > 0 && left >= frames[head].length) {
            left -= frames[head].length;
            frames[head] = null;
            head = (head + 1) & mask;
            count--;
        }
        headOffset = left;
        if (count == 0) {
            head = 0;
            headOffset = 0;
            if (frames != null && frames.length > KEPT_CAPACITY) {
                frames = null;
            }
        }
    }

    /** Slots of the ring held now; 0 when none is held. */
    int ringCapacity() {
        return frames == null ? 0 : frames.length;
    }

    /** Lets the ring go if nothing is queued: the connection has been idle for a while. */
    void trim() {
        if (count == 0) {
            frames = null;
        }
    }

    /** Forgets everything queued (the connection is gone). */
    void clear() {
        frames = null;
        head = 0;
        count = 0;
        headOffset = 0;
        queuedBytes = 0;
    }

    private void grow() {
        byte[][] bigger = new byte[frames.length * 2][];
        for (int i = 0; i < count; i++) {
            bigger[i] = frames[(head + i) & (frames.length - 1)];
        }
        frames = bigger;
        head = 0;
    }
}
