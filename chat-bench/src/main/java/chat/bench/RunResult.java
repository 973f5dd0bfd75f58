package chat.bench;

import org.HdrHistogram.Histogram;

/**
 * What a fan-out run did: lines sent, deliveries expected (every line to every receiver of its
 * room, its sender included if it is one) and received, what was lost, out of order or in the
 * wrong room, the latency from each line's intended send time to its arrival, and what the run
 * cost the generator and the server.
 */
record RunResult(
        String target,
        double rate,
        long clients,
        int rooms,
        int senders,
        int sizeBytes,
        double durationS,
        long sent,
        long expected,
        long received,
        long lost,
        long reordered,
        long duplicated,
        long misrouted,
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
        double serverCpuPct,
        double serverCpuS,
        double serverCpuNsPerDelivery) implements Result {

    static RunResult of(Measurement measurement) {
        RunSpec spec = measurement.spec();
        RunTally tally = measurement.tally();
        Histogram latency = tally.latency;
        double durationS = spec.duration().toNanos() / 1e9;
        long expected = tally.expected;
        long serverCpu = measurement.serverCpuNanos();
        return new RunResult(
                measurement.target(),
                spec.rate(),
                tally.receivers,
                measurement.rooms(),
                spec.senders(),
                spec.sizeBytes(),
                durationS,
                tally.sent,
                expected,
                tally.received,
                expected - (tally.received - tally.duplicated),
                tally.reordered,
                tally.duplicated,
                tally.misrouted,
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
                measurement.serverCpuPct(),
                serverCpu < 0 ? Double.NaN : serverCpu / 1e9,
                serverCpu < 0 || tally.received == 0 ? Double.NaN : (double) serverCpu / tally.received);
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
        return json.put("target", target)
                .put("rate", rate)
                .put("clients", clients)
                .put("rooms", rooms)
                .put("senders", senders)
                .put("size", sizeBytes)
                .put("duration_s", durationS)
                .put("sent", sent)
                .put("expected", expected)
                .put("received", received)
                .put("lost", lost)
                .put("reordered", reordered)
                .put("duplicated", duplicated)
                .put("misrouted", misrouted)
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
                .put("server_cpu_pct", serverCpuPct)
                .put("server_cpu_s", serverCpuS)
                .put("server_cpu_ns_per_delivery", serverCpuNsPerDelivery);
    }

    @Override
    public String text() {
        return text("fan-out");
    }

    /** The readable block, under {@code title}. */
    String text(String title) {
        StringBuilder out = new StringBuilder();
        out.append(title).append(": ").append(Report.count(clients)).append(" clients, ");
        if (rooms > 1) {
            out.append("in ").append(Report.count(rooms)).append(" rooms, ");
        }
        out.append(Report.count(senders)).append(" senders, ").append(Report.perSecond(rate)).append(" lines/s for ")
                .append(Report.seconds(durationS)).append(", ").append(sizeBytes).append("-byte lines\n");
        out.append("  delivered  ").append(Report.count(received)).append(" of ").append(Report.count(expected))
                .append(" (").append(Report.count(sent)).append(" lines sent): lost ").append(Report.count(lost))
                .append(", reordered ").append(Report.count(reordered));
        if (duplicated > 0) {
            out.append(", duplicated ").append(Report.count(duplicated));
        }
        if (misrouted > 0) {
            out.append(", in the wrong room ").append(Report.count(misrouted));
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
            if (!Double.isNaN(serverCpuNsPerDelivery)) {
                out.append(", ").append(Report.perSecond(serverCpuNsPerDelivery)).append(" ns per delivery");
            }
        }
        return out.toString();
    }
}
