package chat.bench;

/**
 * A churn run: how many connect → welcome → line → close cycles ran beside the steady room, and
 * the steady room's own fan-out result over the same window.
 *
 * @param steady          the steady room's run
 * @param churnRate       cycles per second asked for
 * @param started         cycles begun
 * @param completed       cycles that went all the way to the server's close
 * @param failed          cycles that did not
 * @param cyclesPerS      completed cycles per second of the run
 * @param cycleP50Ms      median cycle time, connect to close
 * @param cycleP99Ms      99th percentile cycle time
 * @param cycleMaxMs      longest cycle
 * @param firstError      why the first failed cycle failed, or null
 */
record ChurnResult(
        RunResult steady,
        double churnRate,
        long started,
        long completed,
        long failed,
        double cyclesPerS,
        double cycleP50Ms,
        double cycleP99Ms,
        double cycleMaxMs,
        String firstError) implements Result {

    static ChurnResult of(Measurement measurement) {
        RunTally tally = measurement.tally();
        double seconds = measurement.spec().duration().toNanos() / 1e9;
        boolean any = tally.churnCycle.getTotalCount() > 0;
        return new ChurnResult(
                RunResult.of(measurement),
                measurement.spec().churnRate(),
                tally.churnStarted,
                tally.churnCompleted,
                tally.churnFailed,
                tally.churnCompleted / seconds,
                RunResult.percentileMs(tally.churnCycle, 50),
                RunResult.percentileMs(tally.churnCycle, 99),
                any ? tally.churnCycle.getMaxValue() / 1e6 : Double.NaN,
                tally.churnFirstError);
    }

    @Override
    public JsonLine json() {
        return steady.fill(new JsonLine().put("mode", "churn"))
                .put("churn_rate", churnRate)
                .put("churn_started", started)
                .put("churn_completed", completed)
                .put("churn_failed", failed)
                .put("churn_cycles_per_s", cyclesPerS)
                .put("churn_cycle_p50_ms", cycleP50Ms)
                .put("churn_cycle_p99_ms", cycleP99Ms)
                .put("churn_cycle_max_ms", cycleMaxMs)
                .put("churn_first_error", firstError);
    }

    @Override
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("churn: ").append(Report.perSecond(cyclesPerS)).append(" cycles/s achieved of ")
                .append(Report.perSecond(churnRate)).append(" asked (connect, welcome, one line, close)\n");
        out.append("  cycles     ").append(Report.count(completed)).append(" completed of ").append(Report.count(started))
                .append(" started, ").append(Report.count(failed)).append(" failed");
        if (firstError != null) {
            out.append(" (first: ").append(firstError).append(')');
        }
        out.append("\n  cycle time p50 ").append(Report.millis(cycleP50Ms)).append("  p99 ")
                .append(Report.millis(cycleP99Ms)).append("  max ").append(Report.millis(cycleMaxMs)).append(" ms\n");
        out.append(steady.text("steady room beside it"));
        return out.toString();
    }
}
