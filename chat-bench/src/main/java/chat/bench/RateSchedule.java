package chat.bench;

import java.time.Duration;

/**
 * An open-loop timetable: event {@code k} (counting from 0) is due at {@code startNanos + k /
 * rate}, for every {@code k} below {@code total}. Fixed before the run begins, so a generator
 * that falls behind still knows when each event should have happened, and a line sent late
 * carries its intended time: the delay is measured, not hidden (no coordinated omission).
 *
 * @param startNanos    when event 0 is due ({@link BenchClock})
 * @param ratePerSecond events per second, more than 0
 * @param durationNanos the length of the window the events fall in
 * @param total         the number of events: those due before {@code startNanos + durationNanos}
 */
record RateSchedule(long startNanos, double ratePerSecond, long durationNanos, long total) {

    RateSchedule {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be a positive number, got " + ratePerSecond);
        }
        if (durationNanos < 0 || total < 0) {
            throw new IllegalArgumentException("duration and total must not be negative");
        }
    }

    /** The schedule of every event due in {@code [startNanos, startNanos + duration)}. */
    static RateSchedule of(long startNanos, double ratePerSecond, Duration duration) {
        long durationNanos = duration.toNanos();
        double exact = ratePerSecond * durationNanos / 1e9;
        // events 0..total-1 fall inside the window; the small epsilon keeps 3 s at 1000/s at 3000
        long total = (long) Math.ceil(exact - 1e-9);
        return new RateSchedule(startNanos, ratePerSecond, durationNanos, Math.max(total, 0));
    }

    /** When event {@code k} is due. */
    long dueNanos(long k) {
        return startNanos + (long) (k * 1e9 / ratePerSecond);
    }

    /** The end of the window. */
    long endNanos() {
        return startNanos + durationNanos;
    }
}
