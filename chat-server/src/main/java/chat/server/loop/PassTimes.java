package chat.server.loop;

import java.util.Arrays;

/**
 * How long the loop's passes take, from the end of the select to the end of the before-sleep
 * hooks (the time the loop is busy, not the time it sleeps), counted in fixed buckets.
 *
 * <p>Recording is a few compares and two long increments in arrays only the loop touches: no
 * atomics, no allocation, no cache line shared with another thread. (Prometheus's own
 * {@code Histogram.observe} is thread-safe, so it pays for striped atomic counters on every call,
 * and a scrape in progress makes it buffer; a pass happens thousands of times a second, a scrape
 * every few seconds.) Other threads see the counts only through a {@link Frozen} copy taken on
 * the loop and published with the rest of the loop's snapshot.
 *
 * <p>Reactor thread only; a {@link Frozen} is immutable and may go to any thread.
 */
public final class PassTimes {

    /** Upper bounds of the buckets, in seconds; a last bucket, +Inf, takes the rest. */
    public static final double[] BOUNDS_SECONDS = {
        0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
    };
    /** The same bounds in nanoseconds, compared with on each pass. */
    private static final long[] BOUNDS_NANOS = new long[BOUNDS_SECONDS.length];

    static {
        for (int i = 0; i < BOUNDS_SECONDS.length; i++) {
            BOUNDS_NANOS[i] = Math.round(BOUNDS_SECONDS[i] * 1e9);
        }
    }

    /** Passes per bucket (not cumulative); the last one is over every bound. */
    private final long[] counts = new long[BOUNDS_SECONDS.length + 1];
    /** All passes' time together, in nanoseconds. */
    private long sumNanos;

    /** One pass took {@code nanos}. */
    public void record(long nanos) {
        int i = 0;
        while (i < BOUNDS_NANOS.length && nanos > BOUNDS_NANOS[i]) {
            i++; // most passes are short: the first few compares find their bucket
        }
        counts[i]++;
        sumNanos += nanos;
    }

    /** A copy of the counts so far, for another thread. */
    public Frozen freeze() {
        return new Frozen(counts.clone(), sumNanos);
    }

    /**
     * The counts at one moment. {@code counts} has one entry per bound of
     * {@link #BOUNDS_SECONDS} and one more for +Inf, not cumulative; never modified.
     */
    public record Frozen(long[] counts, long sumNanos) {

        public static final Frozen EMPTY = new Frozen(new long[BOUNDS_SECONDS.length + 1], 0);

        public long count() {
            return Arrays.stream(counts).sum();
        }

        public double sumSeconds() {
            return sumNanos / 1e9;
        }
    }
}
