package chat.server.net;

import chat.core.Broadcast;
import chat.core.Event;
import chat.server.ServerConfig;
import chat.server.chat.Chat;
import chat.server.loop.Reactor;
import chat.server.loop.Timers;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network side of the server on one loop: every open {@link Connection}, the ones with
 * output this pass (the flusher), the ones a cap condemned (the reaper), newcomers
 * ({@link Admission}), and the graceful shutdown. It is each connection's narrow
 * {@link ConnectionContext}, and it puts its hooks on the {@link Reactor}: reap after every
 * event; before sleeping, admit, reap, then flush, so all the lines a pass produced for a
 * connection leave in one write.
 *
 * <p>Reactor thread only, except {@link #stop}. Invariants: {@code flushList} holds each
 * connection at most once per pass (its output's {@code flushQueued} flag); {@code open} holds
 * every connection not yet closed.
 */
public final class Connections implements ConnectionContext {

    private static final Logger log = LoggerFactory.getLogger(Connections.class);

    /** One read per readable event, at most this much: a bounded share for each connection. */
    public static final int READ_BUFFER_BYTES = 16 * 1024;
    /** One write per connection per pass, at most this much; the rest waits for OP_WRITE. */
    public static final int WRITE_BUDGET_BYTES = 64 * 1024;
    /** How often idle connections give back their output rings. */
    static final long TRIM_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** How long shutdown waits for users' output before closing what is left. */
    public static final long SHUTDOWN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(3);

    /** A connection a cap condemned, and why. */
    private record Condemned(Connection connection, String why) {
    }

    private final Reactor reactor;
    private final Chat chat;
    private final Admission admission;
    private final QueuedMemory memory;
    private final Output.Limits outputLimits;
    private final ConnectionLog connectionLog;
    /** Connections per address, over both ports. */
    private final AddressLimit perAddress;
    /** The plain port's front door, and the TLS port's (null without one). */
    private Acceptor acceptor;
    private Acceptor tlsAcceptor;
    /** TLS handshake pacing; its threads start only with the first TLS handshake. */
    private final Handshakes handshakes;
    /** The ports, for what a client on the wrong one is told; {@code tlsPort} is -1 without TLS. */
    private int plainPort = -1;
    private int tlsPort = -1;
    /** What a plain-text client on the TLS port is told. */
    private String plainTextAnswer = "";
    /** Ids are never reused: the next connection gets this one. */
    private long nextId = 1;
    /** Connections to read again before this pass ends (TLS kept input back), and the next pass's. */
    private ArrayList<Connection> rereads = new ArrayList<>();
    private ArrayList<Connection> rereading = new ArrayList<>();
    /** Heap, not direct: the framer decodes lines straight from its array. */
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
    /** Direct: every write gathers queued frames here, so the JDK never copies behind our back. */
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(WRITE_BUDGET_BYTES);
    private final ArrayList<Connection> flushList = new ArrayList<>();
    private final ArrayDeque<Condemned> doomed = new ArrayDeque<>();
    private final Set<Connection> open = new HashSet<>();
    /** What the network side has done, for the metrics. */
    private final Traffic traffic = new Traffic();
    /** True once shutdown began: the loop ends when the last connection has closed. */
    private boolean stopping;

    public Connections(Reactor reactor, Chat chat, ServerConfig config) {
        this.reactor = reactor;
        this.chat = chat;
        this.admission = new Admission(reactor.timers());
        this.memory = new QueuedMemory(config.maxTotalQueuedBytes());
        this.outputLimits = Output.Limits.of(config);
        this.connectionLog = new ConnectionLog(LoggerFactory.getLogger("chat.server.Connections"), reactor.now());
        this.perAddress = new AddressLimit(config.maxConnectionsPerAddress(), config.exemptAddresses());
        this.handshakes = new Handshakes(reactor, traffic);
        reactor.afterEachEvent(this::reap);
        reactor.stayAwakeWhile(admission::hasWaiting);
        reactor.stayAwakeWhile(handshakes::hasWaiting);
        reactor.stayAwakeWhile(() -> !rereads.isEmpty());
        // Handshakes and held-back TLS input first: what they read may queue output, flushed below.
        reactor.beforeSleep(handshakes::resumeWaiting);
        reactor.beforeSleep(this::readAgain);
        reactor.beforeSleep(admission::admitWaiting);
        // After the pass's arrivals, before its output is flushed: a big room's comings and goings, told together.
        reactor.beforeSleep(chat::endOfPass);
        reactor.beforeSleep(this::reap);
        reactor.beforeSleep(this::flushAll);
        reactor.beforeSleep(this::quitWhenDone);
        reactor.atExit(this::closeAll);
        reactor.atExit(handshakes::close);
        reactor.timers().schedule(reactor.now() + TRIM_INTERVAL_NANOS, this::trimIdle);
        reactor.timers().schedule(reactor.now() + TimeUnit.SECONDS.toNanos(1), this::summarizeLog);
    }

    /** Listens on {@code server}'s socket from now on: the plain port. */
    public void listen(java.nio.channels.ServerSocketChannel server, ServerConfig config) throws java.io.IOException {
        this.acceptor = new Acceptor(reactor, this, server, config, connectionLog, perAddress,
                (socket, owner) -> new PlainTransport(socket));
        this.plainPort = ((java.net.InetSocketAddress) server.getLocalAddress()).getPort();
    }

    /**
     * Listens on {@code server}'s socket from now on as the TLS port, on the same loop, with the
     * same limits: {@code context} and {@code engines} make each connection's TLS.
     */
    public void listenTls(java.nio.channels.ServerSocketChannel server, ServerConfig config,
                          javax.net.ssl.SSLContext context, java.util.function.Supplier<javax.net.ssl.SSLEngine> engines)
            throws java.io.IOException {
        this.tlsPort = ((java.net.InetSocketAddress) server.getLocalAddress()).getPort();
        this.plainTextAnswer = "This port speaks TLS: connect with chat-client --tls or openssl s_client -quiet"
                + (plainPort > 0 ? ", or to port " + plainPort + " with telnet or nc." : ".");
        this.tlsAcceptor = new Acceptor(reactor, this, server, config, connectionLog, perAddress,
                new TlsPort(context, engines, handshakes));
    }

    /** Begins a graceful shutdown (see {@link #beginShutdown}). Any thread; idempotent. */
    public void stop() {
        reactor.execute(this::beginShutdown);
    }

    /** Every connection's queued output together, as the global cap counts it. */
    public long queuedBytes() {
        return memory.totalBytes();
    }

    int count() {
        return open.size();
    }

    /**
     * The open connections by state, every state named ({@code arriving}, ..., {@code doomed})
     * even when none is in it, so a metric never vanishes. Walks them all: once a second, for
     * the metrics, not per line.
     */
    public Map<String, Long> countByState() {
        long[] counts = new long[Connection.State.values().length];
        for (Connection connection : open) {
            counts[connection.state().ordinal()]++;
        }
        Map<String, Long> byState = new LinkedHashMap<>();
        for (Connection.State state : Connection.State.values()) {
            if (state != Connection.State.CLOSED) {
                byState.put(state.name().toLowerCase(Locale.ROOT), counts[state.ordinal()]);
            }
        }
        return byState;
    }

    /** True once a graceful shutdown began (the server is draining). */
    public boolean isStopping() {
        return stopping;
    }

    long nextId() {
        return nextId++;
    }

    void opened(Connection connection) {
        open.add(connection);
        traffic.arrivals++;
        connectionLog.connected(connection.user(), reactor.now());
    }

    // ---- Connection.Context ------------------------------------------------------------------

    @Override
    public long now() {
        return reactor.now();
    }

    @Override
    public Timers timers() {
        return reactor.timers();
    }

    @Override
    public Chat chat() {
        return chat;
    }

    @Override
    public Admission admission() {
        return admission;
    }

    @Override
    public QueuedMemory memory() {
        return memory;
    }

    @Override
    public Output.Limits outputLimits() {
        return outputLimits;
    }

    @Override
    public Traffic traffic() {
        return traffic;
    }

    @Override
    public ByteBuffer readBuffer() {
        return readBuffer;
    }

    @Override
    public void flushSoon(Connection connection) {
        flushList.add(connection);
    }

    @Override
    public void readSoon(Connection connection) {
        rereads.add(connection);
    }

    @Override
    public String answerToTls() {
        return tlsPort < 0 ? null : "This port speaks plain text, not TLS: use TLS on port " + tlsPort
                + ", or connect here with telnet or nc.";
    }

    @Override
    public String answerToPlainText() {
        return plainTextAnswer;
    }

    @Override
    public void doom(Connection connection, String why) {
        doomed.add(new Condemned(connection, why));
    }

    @Override
    public void closed(Connection connection, String why) {
        open.remove(connection);
        perAddress.countOut(connection.user().address());
        connectionLog.disconnected(connection.user(), why, reactor.now());
        traffic.departed(why);
    }

    // ---- hooks -------------------------------------------------------------------------------

    /** Closes the connections caps condemned; closing one may condemn others, so loop. */
    private void reap() {
        Condemned next;
        while ((next = doomed.poll()) != null) {
            log.warn("disconnecting {}: {}", next.connection().user(), next.why());
            next.connection().close(next.why());
        }
    }

    /**
     * Reads again the connections whose TLS kept input back, once each; what that reading adds
     * waits for the next pass (the loop does not sleep meanwhile), so this never loops unbounded.
     */
    private void readAgain() {
        if (rereads.isEmpty()) {
            return;
        }
        ArrayList<Connection> batch = rereads;
        rereads = rereading;
        rereading = batch;
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).readAgain();
            reap();
        }
        batch.clear();
    }

    /**
     * Writes every connection that has output, each with one write from the direct buffer. The
     * list may grow while it is walked (a failed write makes a user leave, which tells a room).
     */
    private void flushAll() {
        for (int i = 0; i < flushList.size(); i++) {
            Connection connection = flushList.get(i);
            try {
                connection.flush(writeBuffer);
            } catch (java.io.IOException e) {
                connection.close(Connections.describe(e));
            }
            reap();
        }
        flushList.clear();
    }

    private void quitWhenDone() {
        if (stopping && open.isEmpty()) {
            reactor.quit();
        }
    }

    /** Every few seconds: connections with nothing queued give back their output rings. */
    private void trimIdle() {
        for (Connection connection : open) {
            connection.trimIdle();
        }
        if (!stopping) {
            reactor.timers().schedule(reactor.now() + TRIM_INTERVAL_NANOS, this::trimIdle);
        }
    }

    private void summarizeLog() {
        connectionLog.summarize(reactor.now());
        if (!stopping) {
            reactor.timers().schedule(reactor.now() + TimeUnit.SECONDS.toNanos(1), this::summarizeLog);
        }
    }

    /**
     * Stops accepting, tells every user the server is going, and gives their output a few
     * seconds to leave; whatever is still open then is closed. The loop ends when all are closed.
     */
    private void beginShutdown() {
        if (stopping) {
            return;
        }
        stopping = true;
        closeAcceptors();
        log.info("shutting down: {} connection(s) to close", open.size());
        Broadcast goodbye = new Broadcast(new Event.ShuttingDown()); // plain or tagged, each rendered once
        List<chat.server.chat.User> users = new ArrayList<>();
        for (Connection connection : open) {
            users.add(connection.user());
        }
        chat.shutDown(users);
        for (Connection connection : new ArrayList<>(open)) {
            connection.deliver(goodbye);
            connection.closeAfterOutput("server shutting down");
        }
        reactor.timers().schedule(reactor.now() + SHUTDOWN_GRACE_NANOS, () -> {
            for (Connection connection : new ArrayList<>(open)) {
                connection.close("server shutting down; output not taken in time");
            }
        });
    }

    /** The loop ended (stopped or broken): close whatever is left. */
    private void closeAll() {
        for (Connection connection : new ArrayList<>(open)) {
            try {
                connection.close("server stopped");
            } catch (Throwable e) {
                log.error("could not close {} cleanly: {}", connection.user(), e.toString());
            }
        }
        closeAcceptors();
    }

    private void closeAcceptors() {
        if (acceptor != null) {
            acceptor.close();
        }
        if (tlsAcceptor != null) {
            tlsAcceptor.close();
        }
    }

    /**
     * A one-line description of an I/O failure, for the log and for a room's leave notice. Here,
     * in a class loaded at start, on purpose: when accept fails for lack of file descriptors, a
     * class loaded for the first time cannot be read from the jar, and the loop would die.
     */
    static String describe(java.io.IOException e) {
        String message = e.getMessage();
        if (e instanceof java.net.SocketException && message != null && message.contains("reset")) {
            return "connection reset";
        }
        if (message != null && message.contains("Broken pipe")) {
            return "connection lost";
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
