package chat.server.net;

import chat.server.loop.Timers;
import chat.server.loop.WaitList;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One connection's output: its {@link OutboundQueue}, the flags that say when it is written, and
 * the caps that tell a busy reader from a slow one (docs/operations.md, "Slow readers"):
 * <pre>
 *   charged output                 state
 *   under the pressure mark        nothing
 *   over it (for up to PATIENCE)   pressing: its room's speakers wait for it to drain
 *   still over it after PATIENCE,  lagging: nobody waits for it any more, until it empties
 *     or no progress for STALL
 *   over the soft cap              dropped if still over it after --slow-seconds
 *   over the hard cap              dropped at once
 * </pre>
 * Pressing ends once the queue is down to half the mark, so it does not flap per line.
 *
 * <p>What the caps count is the queue's memory plus what the {@link Transport} took but the
 * socket has not (on the TLS port, an encrypted record): every byte queued, encrypted or not.
 *
 * <p>Reactor thread only. Invariants: {@code flushQueued} is true exactly while the flush list
 * holds this output's connection; while {@code writeArmed} the key asks for OP_WRITE and nothing
 * else needs to queue a flush; {@code chargedReported} is this queue's share of {@code memory}.
 */
final class Output {

    /**
     * How long a reader that is behind holds its room's speakers back. A burst drains in
     * milliseconds to anyone who reads; a reader still behind after this is not busy but slow:
     * the room goes on without waiting for it, and the soft and hard caps decide its fate.
     */
    static final long PATIENCE_NANOS = 2_000_000_000L;
    /**
     * A reader that is behind and whose socket has taken nothing for this long is not reading at
     * all: its room stops waiting for it at once rather than after {@link #PATIENCE_NANOS}.
     */
    static final long STALL_NANOS = 250_000_000L;

    /** What the caps do to the connection, and how its producers are told it is behind. */
    interface Owner {
        /** Queue a flush at the end of this pass. */
        void flushSoon();

        /** A cap condemned the connection: it closes after the current event. */
        void doom(String why);

        /** Behind, or caught up: whoever produces for it waits, or may go on. */
        void setPressing(boolean on);

        /** OP_WRITE wanted or not. */
        void setWriteArmed(boolean on);
    }

    /**
     * The caps, the same for every connection (one instance per server, so an idle connection
     * does not carry four copies of them).
     *
     * @param maxQueuedBytes  the hard cap: charged output past it drops the connection at once
     * @param slowQueuedBytes the soft cap: charged output over it for {@code slowNanos} drops it
     * @param pressureBytes   output past which the connection presses (its producers wait)
     */
    record Limits(long maxQueuedBytes, long slowQueuedBytes, long slowNanos, long pressureBytes) {
        static Limits of(chat.server.ServerConfig config) {
            return new Limits(config.maxQueuedBytes(), config.slowQueuedBytes(), (long) (config.slowSeconds() * 1e9),
                    config.pressureBytes());
        }
    }

    private final Owner owner;
    private final ConnectionContext context;
    private final Limits limits;
    private final OutboundQueue queue = new OutboundQueue();
    private long chargedReported;
    /** Output the transport holds below the queue, as of the last flush (0 on the plain port). */
    private long heldBelow;
    private boolean pressing;
    /** True once patience ran out while behind; cleared when the queue empties. Never presses then. */
    private boolean lagging;
    private Timers.Timer patienceTimer;
    private long pressingSince;
    /** The last time the socket took some of the output (or pressing began, if later). */
    private long lastProgress;
    private Timers.Timer slowTimer;
    private boolean flushQueued;
    private boolean writeArmed;
    /** This connection's own input, waiting for this output to drain (it asks more than it reads); made on first use. */
    private WaitList drained;

    Output(Owner owner, ConnectionContext context, Limits limits) {
        this.owner = owner;
        this.context = context;
        this.limits = limits;
    }

    /** True if nothing is queued, here or in the transport below. */
    boolean isEmpty() {
        return queue.isEmpty() && heldBelow == 0;
    }

    /** What the caps count: the queue's memory and what the transport holds below it. */
    private long charged() {
        return queue.chargedBytes() + heldBelow;
    }

    long queuedBytes() {
        return queue.queuedBytes();
    }

    /** True if this output is over the pressure mark: its own producer should wait ({@link #awaitDrain}). */
    boolean isOverMark() {
        return charged() > limits.pressureBytes();
    }

    /** {@code waiter} is woken once this output is under half the pressure mark. */
    void awaitDrain(WaitList.Waiter waiter) {
        if (drained == null) {
            drained = new WaitList();
        }
        drained.add(waiter);
    }

    /**
     * Queues {@code frame}; false if that would pass the hard cap (the connection is doomed).
     * Producers wait for a reader that is behind, for a while; one still this far behind is not
     * reading, and its lines cannot be kept without bound.
     */
    boolean add(byte[] frame) {
        if (charged() + frame.length + OutboundQueue.ENTRY_OVERHEAD_BYTES > limits.maxQueuedBytes()) {
            context.traffic().slowHardDrops++;
            owner.doom("too slow to read");
            return false;
        }
        queue.add(frame);
        context.traffic().deliveries++;
        changed();
        if (!flushQueued && !writeArmed) {
            flushQueued = true;
            owner.flushSoon();
        }
        return true;
    }

    /** The socket became writable again: write at the end of this pass, with everything else. */
    void writable() {
        if (!flushQueued) {
            flushQueued = true;
            owner.flushSoon();
        }
    }

    /**
     * Writes as much queued output as fits in {@code staging} (the per-pass budget) with one
     * write. OP_WRITE is asked for only if something is left; most flushes need none. With
     * nothing queued but a record held below, the write sends that record.
     *
     * @return true if the queue and the transport are empty afterwards
     */
    boolean flush(Transport transport, ByteBuffer staging) throws IOException {
        flushQueued = false;
        if (!isEmpty()) {
            staging.clear();
            queue.copyTo(staging);
            staging.flip();
            int written = transport.write(staging);
            queue.consume(written);
            context.traffic().bytesSent += written;
            if (written > 0) {
                lastProgress = context.now();
            }
            heldBelow = transport.heldOutputBytes();
            changed();
            if (!isEmpty()) {
                arm(true);
                return false;
            }
        }
        arm(false);
        return true;
    }

    /** This flush was dropped (the connection closed first): the flag must not stay set. */
    void flushSkipped() {
        flushQueued = false;
    }

    /** Called every few seconds: an idle connection gives back its output ring. */
    void trimIdle() {
        queue.trim();
    }

    /** The connection closed: everything queued goes, with its share of the server's memory. */
    void discard() {
        queue.clear();
        heldBelow = 0;
        changed();
    }

    private void arm(boolean on) {
        if (writeArmed != on) {
            writeArmed = on;
            owner.setWriteArmed(on);
        }
    }

    /** After the queue grew or shrank: report it to the server's total, move between the states above. */
    private void changed() {
        long charged = charged();
        context.memory().change(charged - chargedReported);
        chargedReported = charged;
        if (charged > limits.pressureBytes()) {
            if (!pressing && !lagging) {
                pressing = true;
                pressingSince = context.now();
                lastProgress = pressingSince;
                owner.setPressing(true);
                patienceTimer = context.timers().schedule(context.now() + STALL_NANOS, this::checkPatience);
            }
        } else if (charged <= limits.pressureBytes() / 2) {
            if (pressing) {
                stopPressing();
            }
            if (drained != null) {
                drained.wakeAll();
            }
            if (charged == 0) {
                lagging = false;
            }
        }
        if (charged > limits.slowQueuedBytes()) {
            if (slowTimer == null) {
                slowTimer = context.timers().schedule(context.now() + limits.slowNanos(), () -> {
                    slowTimer = null;
                    context.traffic().slowSoftDrops++;
                    owner.doom("too slow to read");
                });
            }
        } else if (slowTimer != null) {
            slowTimer.cancel();
            slowTimer = null;
        }
    }

    private void stopPressing() {
        pressing = false;
        if (patienceTimer != null) {
            patienceTimer.cancel();
            patienceTimer = null;
        }
        owner.setPressing(false);
    }

    /**
     * While pressing: a reader that took nothing for {@link #STALL_NANOS}, or is still behind
     * after {@link #PATIENCE_NANOS}, is slow, not busy: the room stops waiting for it.
     */
    private void checkPatience() {
        patienceTimer = null;
        if (!pressing) {
            return;
        }
        long now = context.now();
        if (now - lastProgress >= STALL_NANOS || now - pressingSince >= PATIENCE_NANOS) {
            lagging = true;
            stopPressing();
        } else {
            patienceTimer = context.timers().schedule(now + STALL_NANOS, this::checkPatience);
        }
    }
}
