package chat.server.metrics;

import chat.server.loop.PassTimes;
import chat.server.net.Traffic;
import java.util.Map;

/**
 * What the reactor's state looked like at one moment, copied on the reactor thread and handed
 * to the metrics threads whole: they read this, never the reactor's own objects.
 *
 * <p>Immutable (its arrays and maps are copies nobody modifies); any thread.
 *
 * @param takenAtNanos       {@link System#nanoTime} when it was taken
 * @param connectionsByState open connections by state ({@code arriving}, {@code open}, ...)
 * @param traffic            the network side's counts ({@link Traffic})
 * @param rooms              rooms with members on this server (the lobby always counts)
 * @param queuedBytes        every connection's unsent output, with overhead, as the global cap counts it
 * @param passTimes          how long the loop's passes took
 * @param broker             what the Redis bus saw (zeros without {@code --redis})
 * @param draining           true once a graceful shutdown began
 */
public record LoopSnapshot(long takenAtNanos, Map<String, Long> connectionsByState, Traffic.Frozen traffic,
        int rooms, long queuedBytes, PassTimes.Frozen passTimes, Broker broker, boolean draining) {

    public LoopSnapshot {
        connectionsByState = Map.copyOf(connectionsByState);
    }

    /**
     * The Redis bus's counts, kept by it on the reactor thread.
     *
     * @param gaps            gaps in a room's numbering seen, each read back from the log
     * @param recoveredEvents events read back to fill them
     * @param lostEvents      events the log no longer held
     * @param junk            messages on a room's channel that were not chat events
     */
    public record Broker(long gaps, long recoveredEvents, long lostEvents, long junk) {
        public static final Broker NONE = new Broker(0, 0, 0, 0);
    }
}
