package chat.bench;

/**
 * A sweep's answer: the highest rate that held, and why the sweep stopped.
 *
 * @param maxRate        highest aggregate lines/s that held; 0 if none did
 * @param clients        receivers per line
 * @param p99BoundMs     the bound each step was held to
 * @param steps          steps run
 * @param stoppedBecause the failing step's verdict, or why the sweep ended without one
 */
record SweepSummary(double maxRate, long clients, double p99BoundMs, int steps, String stoppedBecause)
        implements Result {

    @Override
    public JsonLine json() {
        return new JsonLine().put("mode", "sweep")
                .put("max_rate", maxRate)
                .put("max_deliveries_per_s", maxRate * clients)
                .put("clients", clients)
                .put("p99_bound_ms", p99BoundMs)
                .put("steps", steps)
                .put("stopped_because", stoppedBecause);
    }

    @Override
    public String text() {
        String held = maxRate > 0
                ? Report.perSecond(maxRate) + " lines/s (" + Report.perSecond(maxRate * clients) + " deliveries/s to "
                        + Report.count(clients) + " clients)"
                : "none (not even the first rate)";
        return "sweep: highest rate that held (p99 < " + Report.bound(p99BoundMs) + " ms, nothing lost): " + held
                + "\n  stopped    " + stoppedBecause;
    }
}
