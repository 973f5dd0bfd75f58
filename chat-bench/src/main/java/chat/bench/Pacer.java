package chat.bench;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes each event loop at the moment one of its lines falls due.
 *
 * <p>Why a thread of its own: {@code Selector.select} takes its timeout in whole milliseconds,
 * so a loop that only slept in select would queue most lines up to a millisecond late, and since
 * a line carries its intended time, that lateness would be measured as the server's latency.
 * {@code LockSupport.parkNanos} wakes within tens of microseconds. The pacer only wakes; each
 * loop decides for itself what is due ({@link SendCursor}), so the two never share state.
 *
 * <p>Runs on its own daemon thread from {@link #start()} until the timetable is done or
 * {@link #stop()} (any thread) is called.
 */
final class Pacer {

    private final RateSchedule lines;
    private final int senders;
    private final List<EventLoop> loops;
    private final Thread thread;
    /** Set from any thread to end the pacer early. */
    private volatile boolean stopped;

    Pacer(RateSchedule lines, int senders, List<EventLoop> loops) {
        this.lines = lines;
        this.senders = senders;
        this.loops = List.copyOf(loops);
        this.thread = new Thread(this::run, "bench-pacer");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    private void run() {
        boolean[] due = new boolean[loops.size()];
        long k = 0;
        long total = lines.total();
        while (k < total && !stopped) {
            long now = BenchClock.now();
            long wait = lines.dueNanos(k) - now;
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            // Every line due by now: one wakeup per loop, however many of its lines that is.
            while (k < total && lines.dueNanos(k) <= now) {
                due[SendCursor.loopOf((int) (k % senders), loops.size())] = true;
                k++;
            }
            for (int i = 0; i < due.length; i++) {
                if (due[i]) {
                    due[i] = false;
                    loops.get(i).wakeup();
                }
            }
        }
    }
}
