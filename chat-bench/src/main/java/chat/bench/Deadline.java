package chat.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A moment to give up waiting at. The main thread waits on progress the event loops publish
 * (plain counters, no locks), so it polls: a hundred cheap reads a second cost next to nothing
 * (the process's CPU use is part of what a run reports), and a run's phases end at most
 * {@link #POLL_NANOS} later than they could.
 *
 * @param atNanos the moment ({@link BenchClock})
 */
record Deadline(long atNanos) {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    static Deadline after(Duration duration) {
        return new Deadline(BenchClock.now() + duration.toNanos());
    }

    boolean passed() {
        return BenchClock.now() >= atNanos;
    }

    /** Waits until the deadline, without polling. */
    void sleep() {
        for (long left = atNanos - BenchClock.now(); left > 0; left = atNanos - BenchClock.now()) {
            LockSupport.parkNanos(left);
        }
    }

    /** Waits until {@code condition} holds (true) or the deadline passes (false). */
    boolean await(BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            long left = atNanos - BenchClock.now();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(Math.min(left, POLL_NANOS));
        }
        return true;
    }
}
