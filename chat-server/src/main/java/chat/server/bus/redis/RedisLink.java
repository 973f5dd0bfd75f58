package chat.server.bus.redis;

import chat.server.loop.Reactor;
import chat.server.loop.RefusedTasks;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server's link to the Redis that keeps the chat: one connection for commands, one for
 * subscriptions (Lettuce, which reconnects and resubscribes by itself). Everything Lettuce
 * reports arrives on its own threads and is handed to the reactor through
 * {@link Reactor#execute} (bounded; a message refused there is counted, and the room's sequence
 * numbers show the gap, which is then recovered); nothing here blocks the loop.
 *
 * <p>Commands are refused at once while the link is down ({@code REJECT_COMMANDS}) and at most
 * {@link #REQUEST_QUEUE} may wait for an answer, so an outage never buffers without bound.
 *
 * <p>Constructed (and closed) on the main thread; {@link #call} and {@link #subscribe} on the
 * reactor thread; the callbacks given to them run on the reactor thread.
 */
public final class RedisLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);

    /** Commands that may wait for Redis's answer at once; past it a command fails at once. */
    static final int REQUEST_QUEUE = 10_000;

    private final Reactor reactor;
    /** Answers the loop's full queue refused: counted by the reactor, said here at most once a second. */
    private final RefusedTasks refusedAnswers = new RefusedTasks("a Redis answer was dropped", log::warn);
    private final io.lettuce.core.resource.ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> subscriptions;
    private final String shownUri;
    /** Pub/sub messages the reactor's queue refused: each becomes a gap, recovered by sequence number. */
    private final AtomicLong droppedMessages = new AtomicLong();
    /** The link is up when both connections are; each is tracked, as they reconnect apart. */
    private final AtomicBoolean up = new AtomicBoolean(true);
    private volatile boolean commandsUp = true;
    private volatile boolean subscriptionsUp = true;
    /** Told (on the reactor thread) each time a channel is subscribed, the first time or again after a reconnect. */
    private final java.util.List<Consumer<String>> onSubscribed = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Where subscribed channels' messages go; each handler takes the channels it knows. */
    private final java.util.List<BiConsumer<String, String>> onMessage = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Told when the link goes down or comes back, in the order added. */
    private final java.util.List<Consumer<Boolean>> onLinkChange = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Connects, on the calling thread (start-up, before the loop runs).
     *
     * @throws IllegalStateException with a one-line message (the password never in it) if Redis
     *                               cannot be reached or refuses us
     */
    public RedisLink(String uri, Reactor reactor) {
        this.reactor = reactor;
        this.shownUri = shown(uri);
        RedisURI parsed;
        try {
            parsed = RedisURI.create(uri);
        } catch (RuntimeException e) {
            throw new IllegalStateException("--redis must be redis://[[user]:password@]host:port[/db], got " + shownUri);
        }
        // One I/O thread and one for computations: two connections need no more, and on a small
        // machine every extra thread competes with the reactor for a core.
        this.resources = io.lettuce.core.resource.DefaultClientResources.builder()
                .ioThreadPoolSize(1).computationThreadPoolSize(1).build();
        this.client = RedisClient.create(resources, parsed);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(REQUEST_QUEUE)
                .socketOptions(io.lettuce.core.SocketOptions.builder().tcpNoDelay(true).build())
                .build());
        try {
            this.commands = client.connect();
            this.subscriptions = client.connectPubSub();
        } catch (RuntimeException e) {
            client.shutdown();
            resources.shutdown();
            throw new IllegalStateException("cannot reach Redis at " + shownUri + ": " + rootMessage(e));
        }
        subscriptions.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void subscribed(String channel, long count) {
                // The subscriptions count as back once Redis confirms one again, not when the
                // socket reconnects: a line sent in between would not come back to this server.
                if (!subscriptionsUp) {
                    subscriptionsUp = true;
                    linkChanged(commandsUp);
                }
                reactor.execute(() -> onSubscribed.forEach(handler -> handler.accept(channel)));
            }

            @Override
            public void message(String channel, String message) {
                if (!reactor.execute(() -> onMessage.forEach(handler -> handler.accept(channel, message)))) {
                    droppedMessages.incrementAndGet();
                }
            }
        });
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(io.lettuce.core.RedisChannelHandler<?, ?> connection, SocketAddress address) {
                connectionChanged(connection, true);
            }

            @Override
            public void onRedisDisconnected(io.lettuce.core.RedisChannelHandler<?, ?> connection) {
                connectionChanged(connection, false);
            }
        });
        log.info("linked to Redis at {}", shownUri);
    }

    private void connectionChanged(Object connection, boolean nowUp) {
        if (connection == subscriptions) {
            if (!nowUp) {
                subscriptionsUp = false;
            } // else up once a subscription is confirmed (subscribed, above)
        } else if (connection == commands) {
            commandsUp = nowUp;
        }
        linkChanged(commandsUp && subscriptionsUp);
    }

    private void linkChanged(boolean nowUp) {
        if (up.getAndSet(nowUp) != nowUp) {
            if (nowUp) {
                log.info("Redis at {} is reachable again", shownUri);
            } else {
                log.warn("lost the link to Redis at {}; reconnecting", shownUri);
            }
            reactor.execute(() -> onLinkChange.forEach(listener -> listener.accept(nowUp)));
        }
    }

    /** Adds a handler told when a channel is subscribed (again), on the reactor thread. */
    void onSubscribed(Consumer<String> handler) {
        onSubscribed.add(handler);
    }

    /** Adds a handler of subscribed channels' messages, called on the reactor thread. */
    void onMessage(BiConsumer<String, String> handler) {
        onMessage.add(handler);
    }

    /** Adds a listener told (on the reactor thread) when the link goes down or comes back. */
    public void onLinkChange(Consumer<Boolean> handler) {
        onLinkChange.add(handler);
    }

    /** True while both connections to Redis are up (the subscriptions confirmed). Any thread. */
    public boolean isUp() {
        return up.get();
    }

    /**
     * Runs a command; its answer, or its failure, comes back on the reactor thread. A failure
     * (Redis down, a refused command) goes to {@code failed} with a one-line reason.
     */
    <T> void call(java.util.function.Function<RedisAsyncCommands<String, String>, CompletionStage<T>> command,
                  Consumer<T> answer, Consumer<String> failed) {
        CompletionStage<T> stage;
        try {
            stage = command.apply(commands.async());
        } catch (RuntimeException e) {
            failed.accept(rootMessage(e));
            return;
        }
        stage.whenComplete((value, error) -> {
            Runnable back = error == null ? () -> answer.accept(value) : () -> failed.accept(rootMessage(error));
            if (!reactor.execute(back)) {
                refusedAnswers.refused();
            }
        });
    }

    /**
     * Runs a command whose answer nobody waits for (presence, names, heartbeats): a failure is
     * left to the link's own down and up notices, and what it meant is written again once the
     * link is back.
     */
    <T> void send(java.util.function.Function<RedisAsyncCommands<String, String>, CompletionStage<T>> command) {
        call(command, answer -> { }, why -> { });
    }

    void subscribe(String channel) {
        subscriptions.async().subscribe(channel);
    }

    void unsubscribe(String channel) {
        subscriptions.async().unsubscribe(channel);
    }

    /** Pub/sub messages the reactor's queue refused since start. Any thread. */
    public long droppedMessages() {
        return droppedMessages.get();
    }

    /** The URI as it may be shown: never the password. */
    public String shownUri() {
        return shownUri;
    }

    /** {@code redis://[user:]***@host:port[/db]}: whatever stood for a password, starred. */
    static String shown(String uri) {
        java.net.URI parsed;
        try {
            parsed = java.net.URI.create(uri);
        } catch (IllegalArgumentException e) {
            return "redis://(an address that is not a URI)";
        }
        if (parsed.getScheme() == null || parsed.getHost() == null) {
            return "'" + (uri.contains("@") ? "***" + uri.substring(uri.lastIndexOf('@')) : uri) + "'";
        }
        String info = parsed.getRawUserInfo();
        String who = info == null ? "" : (info.contains(":") ? info.substring(0, info.indexOf(':')) + ":***@" : "***@");
        String path = parsed.getPath() == null || parsed.getPath().isEmpty() || parsed.getPath().equals("/") ? "" : parsed.getPath();
        return parsed.getScheme() + "://" + who + parsed.getHost() + ":" + (parsed.getPort() < 0 ? 6379 : parsed.getPort()) + path;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null ? t.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        try {
            subscriptions.close();
            commands.close();
        } finally {
            client.shutdown();
            resources.shutdown();
        }
    }
}
