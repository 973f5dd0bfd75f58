package chat.bench;

/**
 * A sweep's answer: the highest rate that held, and why the sweep stopped.
 *
 * @param target         {@code chat} or {@code redis}
 * @param maxRate        highest aggregate lines/s that held; 0 if none did
 * @param clients        receivers, all rooms together (a line reaches its room's share, clients / rooms)
 * @param rooms          rooms the lines were spread over
 * @param p99BoundMs     the bound each step was held to
 * @param steps          steps run
 * @param stoppedBecause the failing step's verdict, or why the sweep ended without one
 */
record SweepSummary(String target, double maxRate, long clients, int rooms, double p99BoundMs, int steps, String stoppedBecause)
        implements Result {

    /** Each line reaches the receivers of its room. */
    double maxDeliveriesPerS() {
        return maxRate * clients / rooms;
    }

    @Override
    public JsonLine json() {
        return new JsonLine().put("mode", "sweep")
                .put("target", target)
                .put("max_rate", maxRate)
                .put("max_deliveries_per_s", maxDeliveriesPerS())
                .put("clients", clients)
                .put("rooms", rooms)
                .put("p99_bound_ms", p99BoundMs)
                .put("steps", steps)
                .put("stopped_because", stoppedBecause);
    }

    @Override
    public String text() {
        String held = maxRate > 0
                ? Report.perSecond(maxRate) + " lines/s (" + Report.perSecond(maxDeliveriesPerS()) + " deliveries/s to "
                        + Report.count(clients) + " clients" + (rooms > 1 ? " in " + Report.count(rooms) + " rooms" : "") + ")"
                : "none (not even the first rate)";
        return "sweep: highest rate that held (p99 < " + Report.bound(p99BoundMs) + " ms, nothing lost): " + held
                + "\n  stopped    " + stoppedBecause;
    }
}
