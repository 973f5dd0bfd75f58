package chat.bench;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's share of a run's churn: the cycles {@code k} of the churn timetable with
 * {@code k mod L} equal to the loop's index, each started when it falls due (open loop), and
 * the cycles still open, oldest first, so that stuck ones are found at the head.
 *
 * <p>At most {@link #IN_FLIGHT} cycles are open at once: beyond it, due cycles wait, and the
 * achieved rate shows it. A cycle open longer than {@link #TIMEOUT_NANOS} has failed.
 *
 * <p>Owned by one {@link EventLoop}; its thread only.
 */
final class ChurnShare {

    /** Churn cycles a loop keeps open at once. */
    static final int IN_FLIGHT = 1000;
    /** A churn cycle not finished after this long has failed. */
    static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** How often a loop with cycles open wakes to expire stuck ones. */
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final EventLoop loop;
    private final int loopIndex;
    private final int loopCount;
    /** Cycles begun, oldest first; finished ones leave from the head, lazily. */
    private final ArrayDeque<ChurnCycle> cycles = new ArrayDeque<>();
    /** The run's churn timetable; null when the run has no churn or no run is on. */
    private RateSchedule schedule;
    /** The next cycle index this loop starts. */
    private long next;
    /** Of {@link #cycles}, those not finished. */
    private int open;

    ChurnShare(EventLoop loop, int loopIndex, int loopCount) {
        this.loop = loop;
        this.loopIndex = loopIndex;
        this.loopCount = loopCount;
    }

    /** A run begins: {@code churn} is its timetable, or null for none. */
    void begin(RateSchedule churn) {
        schedule = churn;
        next = loopIndex;
    }

    int open() {
        return open;
    }

    /** When the loop must next wake for churn (a cycle due, or a check for stuck ones); MAX_VALUE if never. */
    long nextWakeNanos(long now) {
        long wake = Long.MAX_VALUE;
        if (schedule != null && next < schedule.total() && open < IN_FLIGHT) {
            wake = schedule.dueNanos(next);
        }
        if (open > 0) {
            wake = Math.min(wake, now + CHECK_NANOS);
        }
        return wake;
    }

    /** Starts every cycle due by {@code now}, as far as the in-flight bound allows; cycle k dials address k mod A. */
    void startDue(long now, Addresses addresses, RunTally tally) {
        if (schedule == null) {
            return;
        }
        while (next < schedule.total() && open < IN_FLIGHT && schedule.dueNanos(next) <= now) {
            long cycleIndex = next;
            next += loopCount;
            ChurnCycle cycle = new ChurnCycle(loop, now);
            cycles.add(cycle);
            open++;
            tally.churnStarted++;
            try {
                cycle.connect(addresses.forIndex(cycleIndex));
            } catch (IOException e) {
                cycle.fail(e);
            }
        }
    }

    /** Drops finished cycles from the head; fails the oldest open ones once they are too old. */
    void expire(long now) {
        while (!cycles.isEmpty()) {
            ChurnCycle oldest = cycles.peek();
            if (oldest.finished()) {
                cycles.poll();
            } else if (now - oldest.startedNanos() > TIMEOUT_NANOS) {
                oldest.abandon("no close from the server within " + TimeUnit.NANOSECONDS.toSeconds(TIMEOUT_NANOS) + " s");
                cycles.poll();
            } else {
                return;
            }
        }
    }

    /** A cycle of this share has finished (its outcome goes to the tally through the loop). */
    void onFinished() {
        open--;
    }

    /** Ends the share: no more cycles start; those still open fail with {@code reason}. */
    void abandonAll(String reason) {
        schedule = null;
        for (ChurnCycle cycle : new ArrayList<>(cycles)) {
            cycle.abandon(reason);
        }
        cycles.clear();
    }
}
