package chat.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A moment to give up waiting at. The main thread waits on progress the event loops publish
 * (plain counters, no locks), so it polls: a few hundred cheap reads a second cost nothing, and
 * a poll is never late by more than {@link #POLL_NANOS}.
 *
 * @param atNanos the moment ({@link BenchClock})
 */
record Deadline(long atNanos) {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    static Deadline after(Duration duration) {
        return new Deadline(BenchClock.now() + duration.toNanos());
    }

    boolean passed() {
        return BenchClock.now() >= atNanos;
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
