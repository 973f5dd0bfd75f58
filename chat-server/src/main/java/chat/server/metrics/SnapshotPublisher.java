package chat.server.metrics;

import chat.server.bus.redis.RedisRoomBus;
import chat.server.chat.Chat;
import chat.server.loop.PassTimes;
import chat.server.loop.Reactor;
import chat.server.net.Connections;
import chat.server.net.Traffic;
import java.util.concurrent.TimeUnit;

/**
 * The reactor's side of the metrics: once a second (a timer on the loop), and whenever asked
 * through the loop ({@link #publishSoon}, at the start of a shutdown), it copies the counters and
 * gauges into a {@link LoopSnapshot} and publishes it through one volatile reference. That
 * reference is the only thing the metrics threads read: a scrape never touches the loop's
 * objects, and the loop never waits for a scrape.
 *
 * <p>{@link #publish} on the reactor thread; {@link #latest} and {@link #publishSoon} from any
 * thread. Invariant: {@code latest} is never null, and is replaced, never modified.
 */
public final class SnapshotPublisher {

    /** How often the loop publishes: a scrape sees counts at most this old. */
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Reactor reactor;
    private final Connections connections;
    private final Chat chat;
    /** The Redis bus, whose gap counts are the loop's; null without {@code --redis}. */
    private final RedisRoomBus broker;
    /** The newest snapshot; an empty one until the loop publishes its first. */
    private volatile LoopSnapshot latest;

    public SnapshotPublisher(Reactor reactor, Connections connections, Chat chat) {
        this.reactor = reactor;
        this.connections = connections;
        this.chat = chat;
        this.broker = chat.bus() instanceof RedisRoomBus redis ? redis : null;
        this.latest = new LoopSnapshot(System.nanoTime(), java.util.Map.of(), Traffic.Frozen.EMPTY, 0, 0,
                PassTimes.Frozen.EMPTY, LoopSnapshot.Broker.NONE, false);
    }

    /** Publishes the first snapshot as soon as the loop runs, then one a second. Any thread. */
    public void start() {
        reactor.execute(this::tick);
    }

    private void tick() {
        publish();
        reactor.timers().schedule(reactor.now() + INTERVAL_NANOS, this::tick);
    }

    /** Publishes a fresh snapshot from the loop soon (a shutdown began: /health must say so at once). Any thread. */
    public void publishSoon() {
        reactor.execute(this::publish);
    }

    /** Takes and publishes a snapshot. Reactor thread. */
    public void publish() {
        LoopSnapshot.Broker bus = broker == null ? LoopSnapshot.Broker.NONE
                : new LoopSnapshot.Broker(broker.gaps(), broker.recoveredEvents(), broker.lostEvents(), broker.junk());
        latest = new LoopSnapshot(System.nanoTime(), connections.countByState(), connections.traffic().freeze(),
                chat.roomCount(), connections.queuedBytes(), reactor.passTimes().freeze(), bus,
                connections.isStopping());
    }

    /** The newest snapshot. Any thread. */
    public LoopSnapshot latest() {
        return latest;
    }
}
