package chat.server.metrics;

import chat.server.bus.redis.RedisLink;
import chat.server.loop.PassTimes;
import chat.server.net.Departure;
import chat.server.net.Traffic;
import chat.server.store.DiskHistory;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongBiFunction;
import java.util.function.ToLongFunction;

/**
 * Every metric the server exports (docs/operations.md, "Metrics", lists them), registered as
 * Prometheus callback metrics: nothing is counted here; each scrape asks the sources.
 *
 * <p>What the reactor owns is read from its latest {@link LoopSnapshot} (so a scrape may see
 * counts up to a second old, and two metrics of one scrape may come from two snapshots a
 * second apart); what other threads own (the history writer's counts, the Redis link's state,
 * the reactor's refused tasks) is read from their own atomics. No label is ever a room or a
 * name: their number is unbounded.
 *
 * <p>Built on the main thread; the callbacks run on the metrics server's threads.
 */
public final class ChatMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Supplier<LoopSnapshot> loop;

    /**
     * @param loop         the latest snapshot of the reactor's state
     * @param droppedTasks tasks the reactor's queue refused (any thread)
     * @param history      the journal's writer's counts, or null without {@code --data-dir}
     * @param link         the link to Redis, or null without {@code --redis}
     */
    public ChatMetrics(Supplier<LoopSnapshot> loop, LongSupplier droppedTasks,
            DiskHistory history, RedisLink link) {
        this.loop = loop;
        registerConnections();
        registerTraffic();
        registry.register(new PassHistogram());
        counter("chat_reactor_dropped_tasks", "Tasks other threads handed the reactor that its full queue refused.",
                droppedTasks::getAsLong);
        if (history != null) {
            registerHistory(history);
        }
        if (link != null) {
            registerBroker(link);
        }
    }

    /** Where the metrics are registered, for the HTTP server. */
    public PrometheusRegistry registry() {
        return registry;
    }

    private void registerConnections() {
        GaugeWithCallback.builder().name("chat_connections")
                .help("Open connections by state: arriving (not yet in the chat), queued (waiting to enter),"
                        + " entering, open (chatting), closing (draining its output), doomed (to be closed).")
                .labelNames("state")
                .callback(callback -> {
                    for (Map.Entry<String, Long> entry : loop.get().connectionsByState().entrySet()) {
                        callback.call(entry.getValue(), entry.getKey());
                    }
                })
                .register(registry);
        snapshotGauge("chat_rooms", "Rooms with members on this server (the lobby always counts).", s -> s.rooms());
        snapshotGauge("chat_queued_output_bytes", "Output queued for all connections and not yet sent, with its overhead.",
                LoopSnapshot::queuedBytes);
        trafficCounter("chat_arrivals", "Connections accepted.", Traffic.Frozen::arrivals);
        trafficCounterBy("chat_departures", "Connections closed, by reason: " + String.join(", ",
                Arrays.stream(Departure.values()).map(Departure::label).toList()) + ".",
                "reason", Departure.values(), Departure::label, Traffic.Frozen::departures);
        trafficCounterBy("chat_refused_connections", "Connections refused at the door, by reason: server_full"
                + " (--max-connections), per_address (--max-connections-per-address), banned (/ban).",
                "reason", Traffic.Refusal.values(), Traffic.Refusal::label, Traffic.Frozen::refusals);
        trafficCounter("chat_accept_failures", "Times accepting failed (out of file descriptors) and accepts paused.",
                Traffic.Frozen::acceptFailures);
    }

    private void registerTraffic() {
        trafficCounter("chat_lines_received", "Lines users sent that were handled: said, or a command.",
                Traffic.Frozen::linesReceived);
        trafficCounter("chat_lines_too_long", "Lines refused as longer than --max-line-bytes.", Traffic.Frozen::linesTooLong);
        trafficCounter("chat_deliveries", "Lines queued to connections: one per line per recipient.",
                Traffic.Frozen::deliveries);
        trafficCounter("chat_sent_bytes", "Bytes the connections' sockets took.", Traffic.Frozen::bytesSent);
        CounterWithCallback.builder().name("chat_slow_reader_drops")
                .help("Connections dropped as too slow to read, by cap: hard (--max-queued-bytes, at once),"
                        + " soft (--slow-queued-bytes for --slow-seconds).")
                .labelNames("cap")
                .callback(callback -> {
                    Traffic.Frozen traffic = loop.get().traffic();
                    callback.call(traffic.slowHardDrops(), "hard");
                    callback.call(traffic.slowSoftDrops(), "soft");
                })
                .register(registry);
        trafficCounter("chat_flood_delays", "Times a user's input was held because flood control had no allowance left.",
                Traffic.Frozen::floodDelays);
        registerTls();
    }

    /** Zero without --tls-port. */
    private void registerTls() {
        trafficCounterBy("chat_tls_handshakes", "TLS handshakes that ended, by result: completed, failed (TLS"
                + " refused it), plain_text (plain text on the TLS port, told so), closed (by the client first), timed_out.",
                "result", Traffic.TlsOutcome.values(), Traffic.TlsOutcome::label, Traffic.Frozen::tlsHandshakes);
        trafficCounter("chat_tls_handshake_steps_deferred",
                "TLS handshake steps that waited for a later pass of the loop (one step per pass).",
                Traffic.Frozen::tlsStepsDeferred);
        trafficCounter("chat_tls_handshakes_refused",
                "TLS handshakes refused because every handshake thread was busy and their queue full.",
                Traffic.Frozen::tlsHandshakesRefused);
    }

    private void registerHistory(DiskHistory history) {
        gauge("chat_history_backlog_lines", "Lines waiting for the history writer.", () -> history.counts().backlogLines());
        gauge("chat_history_backlog_bytes", "What the lines waiting for the history writer count against its queue.",
                () -> history.counts().backlogBytes());
        counter("chat_history_written_lines", "Lines written to the history journal.", () -> history.counts().written());
        CounterWithCallback.builder().name("chat_history_failed_lines")
                .help("Lines not written to the history journal, by reason: queue_full (the writer was behind),"
                        + " disk (the disk refused them). Live chat is not affected.")
                .labelNames("reason")
                .callback(callback -> {
                    DiskHistory.Counts counts = history.counts();
                    callback.call(counts.queueFull(), "queue_full");
                    callback.call(counts.diskFailed(), "disk");
                })
                .register(registry);
        counter("chat_history_compactions", "Times the history journal was rewritten to what is kept.",
                () -> history.counts().compactions());
    }

    private void registerBroker(RedisLink link) {
        gauge("chat_broker_up", "1 while the link to Redis is up (both connections, subscriptions confirmed), else 0.",
                () -> link.isUp() ? 1 : 0);
        counter("chat_broker_dropped_messages", "Messages from Redis the reactor's full queue refused (each becomes a gap).",
                link::droppedMessages);
        brokerCounter("chat_broker_gaps", "Gaps in a room's numbering seen, each read back from Redis's log.",
                LoopSnapshot.Broker::gaps);
        brokerCounter("chat_broker_recovered_events", "Room events read back from Redis's log to fill gaps.",
                LoopSnapshot.Broker::recoveredEvents);
        brokerCounter("chat_broker_lost_events", "Room events of gaps that Redis's log no longer held (rooms are told).",
                LoopSnapshot.Broker::lostEvents);
        brokerCounter("chat_broker_junk_messages", "Messages on rooms' channels that were not chat events.",
                LoopSnapshot.Broker::junk);
    }

    private void trafficCounter(String name, String help, ToLongFunction<Traffic.Frozen> value) {
        counter(name, help, () -> value.applyAsLong(loop.get().traffic()));
    }

    /** A counter of the loop's traffic with one label, a sample for each of {@code values}. */
    private <E extends Enum<E>> void trafficCounterBy(String name, String help, String label, E[] values,
            Function<E, String> labelOf, ToLongBiFunction<Traffic.Frozen, E> value) {
        CounterWithCallback.builder().name(name).help(help).labelNames(label)
                .callback(callback -> {
                    Traffic.Frozen traffic = loop.get().traffic();
                    for (E each : values) {
                        callback.call(value.applyAsLong(traffic, each), labelOf.apply(each));
                    }
                })
                .register(registry);
    }

    private void brokerCounter(String name, String help, ToLongFunction<LoopSnapshot.Broker> value) {
        counter(name, help, () -> value.applyAsLong(loop.get().broker()));
    }

    private void counter(String name, String help, LongSupplier value) {
        CounterWithCallback.builder().name(name).help(help)
                .callback(callback -> callback.call(value.getAsLong()))
                .register(registry);
    }

    private void snapshotGauge(String name, String help, ToLongFunction<LoopSnapshot> value) {
        gauge(name, help, () -> value.applyAsLong(loop.get()));
    }

    private void gauge(String name, String help, LongSupplier value) {
        GaugeWithCallback.builder().name(name).help(help)
                .callback(callback -> callback.call(value.getAsLong()))
                .register(registry);
    }

    /**
     * {@code chat_loop_pass_seconds}: the loop's own fixed buckets ({@link PassTimes}), exported
     * as a classic histogram; the client's Histogram would have meant observing on the loop.
     */
    private final class PassHistogram implements Collector {
        private static final double[] BOUNDS = withInfinity(PassTimes.BOUNDS_SECONDS);

        @Override
        public MetricSnapshot collect() {
            PassTimes.Frozen passes = loop.get().passTimes();
            return HistogramSnapshot.builder()
                    .name("chat_loop_pass_seconds")
                    .help("How long the event loop's passes kept it busy (from waking to going back to sleep).")
                    .unit(Unit.SECONDS)
                    .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                            .classicHistogramBuckets(ClassicHistogramBuckets.of(BOUNDS, passes.counts()))
                            .sum(passes.sumSeconds())
                            .build())
                    .build();
        }

        private static double[] withInfinity(double[] bounds) {
            double[] all = Arrays.copyOf(bounds, bounds.length + 1);
            all[bounds.length] = Double.POSITIVE_INFINITY;
            return all;
        }
    }
}
