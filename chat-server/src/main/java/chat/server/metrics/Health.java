package chat.server.metrics;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The answer of {@code /health}, for a load balancer or an orchestrator: whether this server
 * should be sent users now. Read from the reactor's latest {@link LoopSnapshot} and the Redis
 * link's own flag, never from the reactor's objects.
 *
 * <p>Any thread (stateless beyond its sources).
 */
public final class Health {

    /** A snapshot older than this means the loop has not run its timers for that long: it is stuck. */
    static final long STALLED_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** One answer: its HTTP status and its one-word body. */
    public enum Status {
        READY(200, "ready"),
        DRAINING(503, "draining"),
        STALLED(503, "stalled"),
        BROKER_DOWN(503, "broker down");

        private final int httpStatus;
        private final String text;

        Status(int httpStatus, String text) {
            this.httpStatus = httpStatus;
            this.text = text;
        }

        public int httpStatus() {
            return httpStatus;
        }

        /** The response body, without its line end. */
        public String text() {
            return text;
        }
    }

    private final Supplier<LoopSnapshot> loop;
    /** The Redis link's state; null without {@code --redis}. */
    private final BooleanSupplier brokerUp;

    /** {@code brokerUp}: the Redis link's state, or null when the server is the whole chat. */
    public Health(Supplier<LoopSnapshot> loop, BooleanSupplier brokerUp) {
        this.loop = loop;
        this.brokerUp = brokerUp;
    }

    /**
     * Draining first (the server is going: whatever else holds, send nobody new), then a loop
     * that stopped publishing, then the broker.
     */
    public Status now() {
        LoopSnapshot snapshot = loop.get();
        if (snapshot.draining()) {
            return Status.DRAINING;
        }
        if (System.nanoTime() - snapshot.takenAtNanos() > STALLED_NANOS) {
            return Status.STALLED;
        }
        if (brokerUp != null && !brokerUp.getAsBoolean()) {
            return Status.BROKER_DOWN;
        }
        return Status.READY;
    }
}
