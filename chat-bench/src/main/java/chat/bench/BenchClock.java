package chat.bench;

import java.time.Instant;

/**
 * The generator's one clock: {@link System#nanoTime()}, shifted so that a reading is (roughly)
 * nanoseconds since the Unix epoch.
 *
 * <p>Every latency is a difference of two readings, so it is an exact {@code nanoTime}
 * difference: send and receive happen in this one process. The shift only makes stamps
 * comparable across runs and processes, so that a line replayed from a server's history
 * (stamped by an earlier run, perhaps by another process) is recognised as older than the run
 * being measured. It also keeps stamps positive, which {@code nanoTime} alone does not promise.
 *
 * <p>Stateless after class initialisation; any thread.
 */
final class BenchClock {

    /** nanoTime when the class was initialised. */
    private static final long NANO_ORIGIN;
    /** The wall-clock time at {@link #NANO_ORIGIN}, in nanoseconds since the epoch. */
    private static final long EPOCH_NANOS_AT_ORIGIN;

    static {
        Instant wall = Instant.now();
        NANO_ORIGIN = System.nanoTime();
        EPOCH_NANOS_AT_ORIGIN = wall.getEpochSecond() * 1_000_000_000L + wall.getNano();
    }

    private BenchClock() {}

    /** Now, in nanoseconds since the epoch, as precise as {@code nanoTime} and as monotonic. */
    static long now() {
        return EPOCH_NANOS_AT_ORIGIN + (System.nanoTime() - NANO_ORIGIN);
    }
}
