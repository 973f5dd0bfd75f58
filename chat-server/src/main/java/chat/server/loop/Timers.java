package chat.server.loop;

import java.util.PriorityQueue;

/**
 * The reactor's time events (as in Redis's ae.c): actions due at a {@link System#nanoTime}
 * deadline, run by the loop between selects. Cancelled timers stay queued until due and are
 * then skipped, which keeps cancel O(1).
 *
 * <p>Reactor thread only.
 */
public final class Timers {

    /** A scheduled action; {@link #cancel()} it to stop it running. */
    public static final class Timer {
        private final long deadline;
        private final Runnable action;
        /** Set once cancelled; the timer is skipped when it comes due. */
        private boolean cancelled;

        private Timer(long deadline, Runnable action) {
            this.deadline = deadline;
            this.action = action;
        }

        public void cancel() {
            cancelled = true;
        }
    }

    /** Pending timers, soonest first. */
    private final PriorityQueue<Timer> queue =
            new PriorityQueue<>((a, b) -> Long.compare(a.deadline, b.deadline));

    public Timer schedule(long deadline, Runnable action) {
        Timer timer = new Timer(deadline, action);
        queue.add(timer);
        return timer;
    }

    /** Milliseconds to wait from {@code now} for the next timer, at least 1; 0 if there is none. */
    public long millisUntilNext(long now) {
        Timer next = queue.peek();
        if (next == null) {
            return 0;
        }
        long nanos = next.deadline - now;
        return Math.max(1, (nanos + 999_999) / 1_000_000);
    }

    /** Runs every timer due at {@code now}, in deadline order. */
    public void runDue(long now) {
        Timer next;
        while ((next = queue.peek()) != null && next.deadline - now <= 0) {
            queue.poll();
            if (!next.cancelled) {
                next.action.run();
            }
        }
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }
}
