package chat.server.net;

import chat.server.loop.Timers;
import java.util.ArrayDeque;

/**
 * Who enters the chat, and when. A new connection enters on its first bytes, or after
 * {@link #GRACE_NANOS} of silence (a telnet user who has not typed yet); at most
 * {@link #PER_PASS} enter per pass of the loop, the rest wait in line, in the order they came.
 *
 * <p>Why a quota: each arrival sends a notice to everyone in the room, and every queue is written
 * once per pass, so the quota bounds what a join storm queues per connection per pass, and with
 * it the size of every output ring.
 *
 * <p>Reactor thread only. Invariants: {@code line} holds each QUEUED connection once, and is
 * non-empty only while this pass's quota is used up; {@code enteredThisPass <= PER_PASS}.
 */
final class Admission {

    /** How long a silent new connection waits before it enters the chat anyway. */
    static final long GRACE_NANOS = 10_000_000L;
    /** Newcomers let into the chat per pass. */
    static final int PER_PASS = 64;

    private final Timers timers;
    private int enteredThisPass;
    /** Newcomers waiting for a pass with room. */
    private final ArrayDeque<Connection> line = new ArrayDeque<>();

    Admission(Timers timers) {
        this.timers = timers;
    }

    /** A connection was accepted: it enters on its first bytes, or when the grace runs out. */
    void expect(Connection connection) {
        // Not cancelled when the first bytes come sooner: arrive() ignores a connection that is
        // no longer ARRIVING, and a 10 ms timer costs less than the bookkeeping to cancel it.
        timers.schedule(connection.now() + GRACE_NANOS, () -> arrive(connection));
    }

    /** {@code connection} asks to enter (it spoke, or its grace ran out): now, or in line. */
    void arrive(Connection connection) {
        if (connection.state() != Connection.State.ARRIVING) {
            return;
        }
        if (line.isEmpty() && enteredThisPass < PER_PASS) {
            enteredThisPass++;
            connection.admitted();
        } else {
            line.add(connection);
            connection.queued();
        }
    }

    /** True if newcomers are waiting: the loop must not sleep. */
    boolean hasWaiting() {
        return !line.isEmpty();
    }

    /** Before the loop sleeps: lets waiting newcomers in, oldest first, as far as the quota goes; a new quota. */
    void admitWaiting() {
        Connection next;
        while (enteredThisPass < PER_PASS && (next = line.poll()) != null) {
            if (next.state() == Connection.State.QUEUED) {
                enteredThisPass++;
                next.admitted();
            }
        }
        enteredThisPass = 0;
    }
}
