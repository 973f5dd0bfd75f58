package chat.bench;

import org.HdrHistogram.Histogram;

/**
 * What a fan-out run did: lines sent, deliveries expected (every line to every receiver, its
 * sender included) and received, what was lost or out of order, and the latency from each
 * line's intended send time to its arrival.
 */
record RunResult(
        double rate,
        long clients,
        int senders,
        int sizeBytes,
        double durationS,
        long sent,
        long expected,
        long received,
        long lost,
        long reordered,
        long duplicated,
        long disconnected,
        double p50Ms,
        double p90Ms,
        double p99Ms,
        double p999Ms,
        double maxMs,
        double meanMs,
        double deliveriesPerS,
        double sendLagP99Ms,
        double sendLagMaxMs,
        double generatorCpuPct,
        double serverCpuPct) implements Result {

    static RunResult of(Measurement measurement) {
        RunSpec spec = measurement.spec();
        RunTally tally = measurement.tally();
        Histogram latency = tally.latency;
        double durationS = spec.duration().toNanos() / 1e9;
        long expected = tally.sent * tally.receivers;
        return new RunResult(
                spec.rate(),
                tally.receivers,
                spec.senders(),
                spec.sizeBytes(),
                durationS,
                tally.sent,
                expected,
                tally.received,
                expected - (tally.received - tally.duplicated),
                tally.reordered,
                tally.duplicated,
                tally.disconnected,
                percentileMs(latency, 50),
                percentileMs(latency, 90),
                percentileMs(latency, 99),
                percentileMs(latency, 99.9),
                latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1e6,
                latency.getTotalCount() == 0 ? Double.NaN : latency.getMean() / 1e6,
                tally.received / durationS,
                percentileMs(tally.sendLag, 99),
                tally.sendLag.getTotalCount() == 0 ? Double.NaN : tally.sendLag.getMaxValue() / 1e6,
                measurement.generatorCpuPct(),
                measurement.serverCpuPct());
    }

    /** A percentile in milliseconds, or NaN when nothing was measured. */
    static double percentileMs(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1e6;
    }

    @Override
    public JsonLine json() {
        return fill(new JsonLine().put("mode", "fanout"));
    }

    /** Adds this run's fields to {@code json}. */
    JsonLine fill(JsonLine json) {
        return json.put("rate", rate)
                .put("clients", clients)
                .put("senders", senders)
                .put("size", sizeBytes)
                .put("duration_s", durationS)
                .put("sent", sent)
                .put("expected", expected)
                .put("received", received)
                .put("lost", lost)
                .put("reordered", reordered)
                .put("duplicated", duplicated)
                .put("disconnected", disconnected)
                .put("p50_ms", p50Ms)
                .put("p90_ms", p90Ms)
                .put("p99_ms", p99Ms)
                .put("p999_ms", p999Ms)
                .put("max_ms", maxMs)
                .put("mean_ms", meanMs)
                .put("deliveries_per_s", deliveriesPerS)
                .put("send_lag_p99_ms", sendLagP99Ms)
                .put("send_lag_max_ms", sendLagMaxMs)
                .put("generator_cpu_pct", generatorCpuPct)
                .put("server_cpu_pct", serverCpuPct);
    }

    @Override
    public String text() {
        return text("fan-out");
    }

    /** The readable block, under {@code title}. */
    String text(String title) {
        StringBuilder out = new StringBuilder();
        out.append(title).append(": ").append(Report.count(clients)).append(" clients, ")
                .append(senders).append(" senders, ").append(Report.perSecond(rate)).append(" lines/s for ")
                .append(Report.seconds(durationS)).append(", ").append(sizeBytes).append("-byte lines\n");
        out.append("  delivered  ").append(Report.count(received)).append(" of ").append(Report.count(expected))
                .append(" (").append(Report.count(sent)).append(" lines sent): lost ").append(Report.count(lost))
                .append(", reordered ").append(Report.count(reordered));
        if (duplicated > 0) {
            out.append(", duplicated ").append(Report.count(duplicated));
        }
        if (disconnected > 0) {
            out.append(", ").append(disconnected).append(" clients disconnected");
        }
        out.append("; ").append(Report.perSecond(deliveriesPerS)).append(" deliveries/s\n");
        out.append("  latency    p50 ").append(Report.millis(p50Ms)).append("  p90 ").append(Report.millis(p90Ms))
                .append("  p99 ").append(Report.millis(p99Ms)).append("  p99.9 ").append(Report.millis(p999Ms))
                .append("  max ").append(Report.millis(maxMs)).append(" ms\n");
        out.append("  generator  CPU ").append(Report.percent(generatorCpuPct))
                .append(" of a core; lines queued late by p99 ").append(Report.millis(sendLagP99Ms))
                .append(", max ").append(Report.millis(sendLagMaxMs)).append(" ms");
        if (!Double.isNaN(serverCpuPct)) {
            out.append("\n  server     CPU ").append(Report.percent(serverCpuPct)).append(" of a core");
        }
        return out.toString();
    }
}
