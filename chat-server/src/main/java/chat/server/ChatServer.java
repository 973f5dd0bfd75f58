package chat.server;

import chat.core.Names;
import chat.core.Wire;
import chat.server.bus.LocalDirectory;
import chat.server.bus.LocalRoomBus;
import chat.server.bus.LocalSessionStore;
import chat.server.bus.LocalModerationBus;
import chat.server.bus.ModerationBus;
import chat.server.bus.SessionStore;
import chat.server.bus.redis.Nodes;
import chat.server.bus.redis.RedisDirectory;
import chat.server.bus.redis.RedisHistory;
import chat.server.bus.redis.RedisModerationBus;
import chat.server.bus.redis.RedisLink;
import chat.server.bus.redis.RedisRoomBus;
import chat.server.bus.redis.RedisSessionStore;
import chat.server.chat.Chat;
import chat.server.loop.Later;
import chat.server.loop.Reactor;
import chat.server.loop.RefusedTasks;
import chat.server.moderation.ModerationSettings;
import chat.server.moderation.PasswordChecks;
import chat.server.moderation.Sanction;
import chat.server.metrics.ChatMetrics;
import chat.server.metrics.Health;
import chat.server.metrics.MetricsEndpoint;
import chat.server.metrics.SnapshotPublisher;
import chat.server.net.Connections;
import chat.server.store.DataDir;
import chat.server.store.DiskHistory;
import chat.server.store.SanctionFile;
import chat.server.store.MemoryHistory;
import chat.server.store.Retention;
import chat.server.tls.ServerIdentity;
import chat.server.tls.TlsSettings;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.LoggerFactory;

/**
 * A running chat server: binds, wires the pieces (the loop, the network side, the chat with its
 * room bus, directory and history store), then runs the {@link Reactor} on a thread of its own.
 * The handle used by {@link ServerMain} and by tests that need a real server on a loopback port.
 *
 * <p>Any thread may call every method.
 */
public final class ChatServer implements AutoCloseable {

    /** Pending connections the kernel may queue while the reactor is busy (capped by somaxconn). */
    private static final int BACKLOG = 1024;

    /** With {@code --metrics}: the reactor's snapshots, and the HTTP server that reads them. */
    private record Metrics(SnapshotPublisher snapshots, MetricsEndpoint endpoint) {
    }

    private final Reactor reactor;
    private final Connections connections;
    private final Thread thread;
    private final int port;
    /** Null without {@code --metrics}. */
    private final Metrics metrics;
    /** The TLS port actually bound; -1 without TLS. */
    private int tlsPort = -1;

    private ChatServer(Reactor reactor, Connections connections, Metrics metrics, int port) {
        this.reactor = reactor;
        this.connections = connections;
        this.metrics = metrics;
        this.port = port;
        this.thread = new Thread(reactor, "chat-reactor");
    }

    /** The pieces of one server process, wired; nothing runs until the reactor's thread starts. */
    private static ChatServer wire(ServerConfig config, ModerationSettings moderation, Selector selector,
            ServerSocketChannel server, int port, InetSocketAddress metricsAddress, TlsSettings tls,
            ServerSocketChannel tlsServer) throws IOException {
        // Class loading reads jars: done here, before listening, never on the event loop.
        Names.loadTables();
        Wire.loadForms();
        Reactor reactor = new Reactor(selector);
        DataDir dataDir = config.storage().dataDir().isEmpty() ? null : openDataDir(config);
        ServerIdentity identity = null;
        if (tls.enabled()) {
            try {
                identity = loadIdentity(tls, dataDir, config.host());
            } catch (StartupException e) {
                if (dataDir != null) {
                    dataDir.close();
                }
                throw e;
            }
        }
        Chat chat;
        try {
            chat = config.redis().isEmpty() ? inProcess(config, reactor, dataDir, moderation)
                    : inRedis(config, reactor, moderation);
        } catch (IOException | RuntimeException e) {
            if (dataDir != null) {
                dataDir.close();
            }
            throw e;
        }
        if (dataDir != null) {
            reactor.atExit(dataDir::close);
            if (!config.redis().isEmpty()) {
                LoggerFactory.getLogger(ChatServer.class).info(
                        "history, bans and mutes are kept in Redis with --redis; {} holds only this server's own files",
                        dataDir.path());
            }
        }
        chat.crowd(config.crowd().coalesceAbove(), config.crowd().quietAbove());
        Connections connections = new Connections(reactor, chat, config);
        connections.listen(server, config);
        if (identity != null) {
            connections.listenTls(tlsServer, config, identity.context(), identity::newEngine);
        }
        Metrics metrics = null;
        if (metricsAddress != null) {
            try {
                metrics = serveMetrics(reactor, connections, chat, metricsAddress);
            } catch (StartupException e) {
                ChatServer unstarted = new ChatServer(reactor, connections, null, port);
                unstarted.thread.start(); // so that its exit hooks close what was opened above
                unstarted.close();
                throw e;
            }
        }
        ChatServer chatServer = new ChatServer(reactor, connections, metrics, port);
        if (identity != null) {
            chatServer.tlsPort = ((InetSocketAddress) tlsServer.getLocalAddress()).getPort();
            LoggerFactory.getLogger(ChatServer.class).info("TLS on {}:{} with {}; SHA-256 fingerprint {}",
                    config.host(), chatServer.tlsPort, identity.origin(), identity.fingerprint());
        }
        return chatServer;
    }

    /**
     * The TLS port's key and certificate (docs/operations.md, "TLS"). Client-initiated
     * renegotiation is refused first, before any handshake loads the JDK's TLS classes: it would
     * let one client make the server repeat a handshake's work at will, and tls-channel cannot
     * write during one.
     */
    private static ServerIdentity loadIdentity(TlsSettings tls, DataDir dataDir, String host) throws StartupException {
        if (System.getProperty("jdk.tls.rejectClientInitiatedRenegotiation") == null) {
            System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
        }
        try {
            return ServerIdentity.load(tls, dataDir == null ? null : dataDir.path(), host);
        } catch (IOException e) {
            throw new StartupException(e.getMessage());
        }
    }

    /**
     * The whole chat in this process: history in memory, or, with {@code --data-dir}, also in a
     * journal there (docs/operations.md, "History on disk").
     */
    private static Chat inProcess(ServerConfig config, Reactor reactor, DataDir dataDir, ModerationSettings moderation)
            throws StartupException {
        ServerConfig.Storage storage = config.storage();
        Retention retention = new Retention(config.historyLines(), storage.historyRooms(), storage.maxAgeMillis());
        if (dataDir == null) {
            MemoryHistory history = new MemoryHistory(config.historyLines(), config.historyBytes(),
                    storage.historyRooms(), storage.maxAgeMillis(), ZoneId.systemDefault(), System::currentTimeMillis);
            return moderated(resumable(new Chat(new LocalRoomBus(System::currentTimeMillis, history::lastSeq),
                    new LocalDirectory(), history), config, reactor, new LocalSessionStore(later(reactor))),
                    new LocalModerationBus(), moderation, reactor);
        }
        SanctionFile bans = new SanctionFile(dataDir);
        List<Sanction> kept;
        try {
            kept = bans.read();
        } catch (IOException e) {
            throw new StartupException(e.getMessage());
        }
        reactor.atExit(bans::close); // before the data directory's own close (wire): the last change is written first
        DiskHistory history;
        try {
            history = DiskHistory.open(dataDir, retention, config.historyBytes(), storage.fsync(),
                    ZoneId.systemDefault(), System::currentTimeMillis, DiskHistory.MIN_COMPACT_BYTES);
        } catch (IOException e) {
            throw new StartupException(e.getMessage());
        }
        // Registered before the data directory's own close (wire), so the journal is written out first.
        reactor.atExit(() -> history.close(Connections.SHUTDOWN_GRACE_NANOS / 1_000_000));
        return moderated(resumable(new Chat(new LocalRoomBus(System::currentTimeMillis, history::lastSeq),
                new LocalDirectory(), history), config, reactor, new LocalSessionStore(later(reactor))),
                new LocalModerationBus(bans, kept, System::currentTimeMillis), moderation, reactor);
    }

    /**
     * Operators, bans and mutes kept by {@code bus}, the message of the day (docs/operations.md,
     * "Moderation"). Passwords are checked on a worker of their own, never on the loop.
     */
    private static Chat moderated(Chat chat, ModerationBus bus, ModerationSettings moderation, Reactor reactor) {
        PasswordChecks checks = null;
        if (!moderation.operators().isEmpty()) {
            RefusedTasks refused = new RefusedTasks("an /oper answer was dropped", LoggerFactory.getLogger(ChatServer.class)::warn);
            checks = new PasswordChecks(moderation.operators(), task -> {
                if (!reactor.execute(task)) {
                    refused.refused();
                }
            });
            reactor.atExit(checks::close);
            LoggerFactory.getLogger(ChatServer.class).info("{} operator(s) named", moderation.operators().size());
        }
        chat.enableModeration(bus, checks, moderation.motd(), System::currentTimeMillis);
        return chat;
    }

    /** The reactor's timers, for what knows no reactor. */
    private static Later later(Reactor reactor) {
        return (millis, action) -> reactor.timers().schedule(
                reactor.now() + TimeUnit.MILLISECONDS.toNanos(millis), action)::cancel;
    }

    /** {@code /token} and {@code /resume}, dropped sessions kept in {@code store}. */
    private static Chat resumable(Chat chat, ServerConfig config, Reactor reactor, SessionStore store) {
        chat.enableResume(later(reactor), store, System::currentTimeMillis, config.resumeWindowMillis(),
                ServerConfig.RESUME_RESERVE_MILLIS);
        return chat;
    }

    private static DataDir openDataDir(ServerConfig config) throws StartupException {
        try {
            return DataDir.open(Path.of(config.storage().dataDir()));
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new StartupException(e.getMessage());
        }
    }

    /** One of several servers sharing a chat through Redis (docs/cluster.md). */
    private static Chat inRedis(ServerConfig config, Reactor reactor, ModerationSettings moderation)
            throws StartupException {
        RedisLink link;
        try {
            link = new RedisLink(config.redis(), reactor);
        } catch (IllegalStateException e) {
            throw new StartupException(e.getMessage());
        }
        Nodes nodes = new Nodes(link, reactor, config.node());
        RedisRoomBus bus = new RedisRoomBus(link, config.historyLines());
        Chat chat = new Chat(bus, new RedisDirectory(link, nodes),
                new RedisHistory(link, config.historyLines(), ZoneId.systemDefault()));
        resumable(chat, config, reactor, new RedisSessionStore(link, config.node(), later(reactor)));
        moderated(chat, new RedisModerationBus(link, System::currentTimeMillis), moderation, reactor);
        link.onLinkChange(chat::linkChanged);
        reactor.execute(() -> nodes.start(bus));
        reactor.atExit(() -> {
            nodes.stop();
            link.close();
        });
        LoggerFactory.getLogger(ChatServer.class).info("node {} in the chat kept at {}", config.node(), link.shownUri());
        return chat;
    }

    /**
     * Binds to {@code config.host():config.port()} and starts serving.
     *
     * @throws StartupException with a one-line message naming the problem and the address
     */
    public static ChatServer start(ServerConfig config) throws StartupException {
        return start(config, ModerationSettings.NONE, null, TlsSettings.OFF);
    }

    /**
     * As {@link #start(ServerConfig)}, with operators and a message of the day.
     *
     * @throws StartupException with a one-line message naming the problem and the address
     */
    public static ChatServer start(ServerConfig config, ModerationSettings moderation) throws StartupException {
        return start(config, moderation, null, TlsSettings.OFF);
    }

    /** As {@link #start(ServerConfig)}, with the metrics served at {@code metricsAddress}. */
    public static ChatServer start(ServerConfig config, InetSocketAddress metricsAddress) throws StartupException {
        return start(config, ModerationSettings.NONE, metricsAddress, TlsSettings.OFF);
    }

    /** As {@link #start(ServerConfig)}, with a TLS port as {@code tls} says. */
    public static ChatServer start(ServerConfig config, TlsSettings tls) throws StartupException {
        return start(config, ModerationSettings.NONE, null, tls);
    }

    /**
     * Binds to {@code config.host():config.port()}, and with TLS on to {@code tls.port()} on the
     * same host too, and starts serving both from the same loop, with operators and a message of
     * the day ({@code moderation}); with {@code metricsAddress} (unresolved is fine: it is
     * resolved here, before the loop runs), also serves the metrics and {@code /health} there
     * (docs/operations.md, "Metrics").
     *
     * @throws StartupException with a one-line message naming the problem and the address
     */
    public static ChatServer start(ServerConfig config, ModerationSettings moderation, InetSocketAddress metricsAddress,
            TlsSettings tls) throws StartupException {
        String address = config.host() + ":" + config.port();
        Selector selector = null;
        ServerSocketChannel server = null;
        ServerSocketChannel tlsServer = null;
        try {
            selector = Selector.open();
            server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(config.host(), config.port()), BACKLOG);
            if (tls.enabled()) {
                address = config.host() + ":" + tls.port();
                tlsServer = ServerSocketChannel.open();
                tlsServer.bind(new InetSocketAddress(config.host(), tls.port()), BACKLOG);
                address = config.host() + ":" + config.port();
            }
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            ChatServer chatServer = wire(config, moderation, selector, server, port, metricsAddress, tls, tlsServer);
            chatServer.thread.start();
            LoggerFactory.getLogger(ChatServer.class).info("listening on {}:{}", config.host(), port);
            return chatServer;
        } catch (StartupException e) {
            closeAll(selector, server, tlsServer);
            throw e; // already one line for the user (Redis could not be reached, a TLS key unreadable)
        } catch (UnresolvedAddressException e) {
            closeAll(selector, server, tlsServer);
            throw new StartupException("cannot listen on " + address + ": unknown host " + config.host());
        } catch (BindException e) {
            closeAll(selector, server, tlsServer);
            String why = e.getMessage() != null && e.getMessage().contains("in use")
                    ? "the port is already in use" : e.getMessage();
            throw new StartupException("cannot listen on " + address + ": " + why);
        } catch (IOException | RuntimeException e) {
            closeAll(selector, server, tlsServer);
            throw new StartupException("cannot listen on " + address + ": " + e.getMessage());
        }
    }

    /**
     * The metrics: the reactor publishes snapshots, the HTTP server's threads read them. Main
     * thread, before the loop runs; the server closes when the loop ends.
     */
    private static Metrics serveMetrics(Reactor reactor, Connections connections, Chat chat, InetSocketAddress address)
            throws StartupException {
        String shown = address.getHostString() + ":" + address.getPort();
        InetSocketAddress resolved = address.isUnresolved()
                ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
        if (resolved.isUnresolved()) {
            throw new StartupException("cannot serve metrics on " + shown + ": unknown host " + address.getHostString());
        }
        SnapshotPublisher published = new SnapshotPublisher(reactor, connections, chat);
        RedisLink link = chat.bus() instanceof RedisRoomBus redisBus ? redisBus.link() : null;
        DiskHistory disk = chat.history() instanceof DiskHistory journal ? journal : null;
        ChatMetrics registered = new ChatMetrics(published::latest, reactor::droppedTasks, disk, link);
        Health health = new Health(published::latest, link == null ? null : link::isUp);
        MetricsEndpoint endpoint;
        try {
            endpoint = MetricsEndpoint.start(resolved, registered, health);
        } catch (BindException e) {
            String why = e.getMessage() != null && e.getMessage().contains("in use")
                    ? "the port is already in use" : e.getMessage();
            throw new StartupException("cannot serve metrics on " + shown + ": " + why);
        } catch (IOException | RuntimeException e) {
            throw new StartupException("cannot serve metrics on " + shown + ": " + e.getMessage());
        }
        published.start();
        reactor.atExit(endpoint::close);
        LoggerFactory.getLogger(ChatServer.class).info("metrics on http://{}:{}/metrics, health on /health",
                resolved.getAddress().getHostAddress(), endpoint.port());
        return new Metrics(published, endpoint);
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return port;
    }

    /** The metrics' port actually bound, or -1 without {@code --metrics}. */
    public int metricsPort() {
        return metrics == null ? -1 : metrics.endpoint().port();
    }

    /** The TLS port actually bound; -1 without TLS. */
    public int tlsPort() {
        return tlsPort;
    }

    /** Asks the server to shut down gracefully: users are told, output flushed for a few seconds. */
    public void stop() {
        connections.stop();
        if (metrics != null) {
            metrics.snapshots().publishSoon(); // after the shutdown began (the loop runs tasks in order): /health says draining
        }
    }

    /** Waits until the reactor thread has finished, at most {@code millis}; true if it has. */
    public boolean awaitTermination(long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive();
    }

    /**
     * The output every connection has queued, with its overhead, as the global cap counts it.
     * Read on the reactor thread and handed back: nothing reads the reactor's state from outside.
     */
    long queuedOutputBytes() throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<Long> answer = new CompletableFuture<>();
        reactor.execute(() -> answer.complete(connections.queuedBytes()));
        return answer.get(10, TimeUnit.SECONDS);
    }

    /**
     * Has the reactor publish its metrics' snapshot now, and waits until it has: a test that saw
     * the server do something can then scrape it at once, instead of waiting for the next second.
     */
    void publishMetricsNow() throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<Void> published = new CompletableFuture<>();
        reactor.execute(() -> {
            metrics.snapshots().publish();
            published.complete(null);
        });
        published.get(10, TimeUnit.SECONDS);
    }

    /** True if the reactor ended because it broke (it logged why), not because it was stopped. */
    public boolean failed() {
        return reactor.failed();
    }

    /** {@link #stop()}, then waits for the reactor to finish. */
    @Override
    public void close() {
        stop();
        try {
            awaitTermination(Connections.SHUTDOWN_GRACE_NANOS / 1_000_000 + 2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The server could not start; the message is one line meant for the user. */
    public static final class StartupException extends IOException {
        StartupException(String message) {
            super(message);
        }
    }

    private static void closeAll(Selector selector, ServerSocketChannel server, ServerSocketChannel tlsServer) {
        try {
            if (tlsServer != null) {
                tlsServer.close();
            }
            if (server != null) {
                server.close();
            }
            if (selector != null) {
                selector.close();
            }
        } catch (IOException ignored) {
            // Startup already failed; that failure is the one worth reporting.
        }
    }
}
