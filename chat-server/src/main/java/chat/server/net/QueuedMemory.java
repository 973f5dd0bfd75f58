package chat.server.net;

import chat.server.loop.WaitList;

/**
 * The output every connection has queued, counted together against one global cap
 * ({@code --max-total-queued-bytes}), so that the server's memory for output is bounded however
 * many connections fall behind at once. Each connection's queue is also capped on its own; this
 * bounds their sum, which the per-connection caps alone would let reach connections × cap.
 *
 * <p>At the cap nothing is dropped: every connection's input waits (lines are held, sockets not
 * read, TCP slows the senders) until queues have drained below {@link #RESUME_PERCENT} of it,
 * while readers that stopped reading are dropped by their own caps, which frees what they held.
 *
 * <p>Reactor thread only. Invariant: {@code totalBytes} is the sum of every open connection's
 * {@link OutboundQueue#chargedBytes}.
 */
final class QueuedMemory {

    /** Input resumes once the total is back under this share of the cap, so it does not flap. */
    static final int RESUME_PERCENT = 90;

    private final long capBytes;
    /** All connections' charged output, in bytes. */
    private long totalBytes;
    /** Connections whose input waits for the total to come down. */
    private final WaitList waiting = new WaitList();

    QueuedMemory(long capBytes) {
        this.capBytes = capBytes;
    }

    /** A connection's charged output changed by {@code deltaBytes}. */
    void change(long deltaBytes) {
        totalBytes += deltaBytes;
        if (deltaBytes < 0 && !waiting.isEmpty() && totalBytes * 100 <= capBytes * RESUME_PERCENT) {
            waiting.wakeAll();
        }
    }

    /** True if the cap is reached: producers must wait. */
    boolean isFull() {
        return totalBytes >= capBytes;
    }

    /** {@code waiter} is woken once the total is back under {@link #RESUME_PERCENT} of the cap. */
    void await(WaitList.Waiter waiter) {
        waiting.add(waiter);
    }

    long totalBytes() {
        return totalBytes;
    }
}
