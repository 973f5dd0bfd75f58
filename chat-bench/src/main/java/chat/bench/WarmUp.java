package chat.bench;

import java.time.Duration;

/**
 * The unmeasured run before the measured ones: it gives the server's JIT (and the generator's)
 * the hot paths at a moderate load, about 100,000 deliveries a second, and is drained before
 * anything is measured. Main thread only.
 */
final class WarmUp {

    /** The load a warm-up aims at, in deliveries per second. */
    private static final double DELIVERIES_PER_SECOND = 100_000;
    /** Slowest warm-up rate, lines per second, however big the room. */
    private static final double MIN_RATE = 10;

    private WarmUp() {}

    /**
     * Runs a warm-up like {@code measured} but shorter and no faster than it; does nothing if
     * {@code length} is zero.
     */
    static void run(ClientPool pool, RunSpec measured, Duration length, Report report) {
        if (length.isZero()) {
            return;
        }
        double rate = Math.min(measured.rate(), Math.max(MIN_RATE, DELIVERIES_PER_SECOND / pool.layout().receiversPerRoom()));
        RunSpec spec = new RunSpec(rate, measured.senders(), length, measured.sizeBytes(), measured.drain(), 0);
        RunResult result = RunResult.of(FanoutRun.execute(pool, spec, -1));
        report.note("warm-up: " + Report.seconds(result.durationS()) + " at " + Report.perSecond(rate)
                + " lines/s, p99 " + Report.millis(result.p99Ms()) + " ms, lost " + Report.count(result.lost())
                + " (not counted)");
    }
}
