package chat.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.server.loop.PassTimes;
import chat.server.net.Traffic;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code /health}'s answer from the loop's latest snapshot and the broker's state, in its order of precedence. */
class HealthTest {

    private static LoopSnapshot taken(long agoNanos, boolean draining) {
        return new LoopSnapshot(System.nanoTime() - agoNanos, Map.of(), Traffic.Frozen.EMPTY, 1, 0,
                PassTimes.Frozen.EMPTY, LoopSnapshot.Broker.NONE, draining);
    }

    @Test
    void aFreshSnapshotWithoutABrokerIsReady() {
        assertEquals(Health.Status.READY, new Health(() -> taken(0, false), null).now());
    }

    @Test
    void aLoopThatStoppedPublishingIsStalled() {
        long old = Health.STALLED_NANOS + TimeUnit.SECONDS.toNanos(1);
        Health.Status status = new Health(() -> taken(old, false), () -> true).now();
        assertEquals(Health.Status.STALLED, status);
        assertEquals(503, status.httpStatus());
    }

    @Test
    void aBrokerDownIsSaidWhenTheLoopIsFine() {
        Health.Status status = new Health(() -> taken(0, false), () -> false).now();
        assertEquals(Health.Status.BROKER_DOWN, status);
        assertEquals("broker down", status.text());
    }

    @Test
    void drainingComesFirstWhateverElseHolds() {
        long old = Health.STALLED_NANOS + TimeUnit.SECONDS.toNanos(1);
        assertEquals(Health.Status.DRAINING, new Health(() -> taken(old, true), () -> false).now());
    }
}
