package chat.server.net;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import tlschannel.BufferAllocator;

/**
 * The TLS connections' buffers, kept for reuse on the loop. tls-channel releases a connection's
 * buffers whenever they are empty (so an idle connection holds none) and asks for them again at
 * the next read or write; the JDK's engine wants room for a whole record (17 KiB) for every
 * wrap. Allocating and zeroing that per flush was most of the loop's time in a handshake storm,
 * so freed buffers wait here, a bounded number per size, for the next connection that needs one.
 *
 * <p>Reactor thread only: tls-channel allocates and frees only within reads, writes, handshake
 * steps and closes, all on the loop (delegated tasks never touch buffers). Invariant: each kept
 * buffer is in exactly one list, cleared, and nobody else holds it.
 */
final class TlsBuffers implements BufferAllocator {

    /** Buffers kept per size: enough for a pass's worth of flushes, at most 64 × 17 KiB per size. */
    static final int KEPT_PER_SIZE = 64;

    /** Free buffers by capacity (tls-channel asks for 4, 8, 16 and 17 KiB). */
    private final Map<Integer, ArrayDeque<ByteBuffer>> free = new HashMap<>();

    @Override
    public ByteBuffer allocate(int size) {
        ArrayDeque<ByteBuffer> kept = free.get(size);
        ByteBuffer buffer = kept == null ? null : kept.poll();
        return buffer != null ? buffer : ByteBuffer.allocate(size);
    }

    @Override
    public void free(ByteBuffer buffer) {
        ArrayDeque<ByteBuffer> kept = free.computeIfAbsent(buffer.capacity(), size -> new ArrayDeque<>());
        if (kept.size() < KEPT_PER_SIZE) {
            buffer.clear();
            kept.push(buffer);
        }
    }
}
