package chat.server;

import chat.core.Protocol;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door (the Acceptor of the Reactor pattern): accepts connections, a bounded number
 * per pass; refuses those over the connection limit with one line; backs off instead of spinning
 * when the process runs out of file descriptors; and lets newcomers into the chat at a bounded
 * pace, in the order they came.
 *
 * <p>Reactor thread only. Invariant: {@code waiting} holds each waiting newcomer once, and is
 * non-empty only while newcomers are over this pass's quota.
 */
final class Acceptor {

    private static final Logger log = LoggerFactory.getLogger(Acceptor.class);

    /** Connections accepted per pass, so a connection storm cannot starve the chat. */
    static final int ACCEPTS_PER_PASS = 256;
    /**
     * Newcomers let into the chat per pass. Each arrival queues a notice to everyone in the room
     * and every queue is written once per pass, so this bounds what a join storm queues per
     * connection per pass, and with it the size of every output ring.
     */
    static final int ARRIVALS_PER_PASS = 64;
    /**
     * Each socket's kernel send buffer. Left to itself Linux grows it to 4 MiB for a peer that
     * does not read, on top of our own queue: a fixed buffer keeps a slow reader's unsent output
     * (kernel plus {@code --max-queued-bytes}) bounded and caught in seconds. A pass writes a few
     * KiB per connection, so this never limits throughput here (docs/benchmarks.md).
     */
    static final int SEND_BUFFER_BYTES = 64 * 1024;
    /** How long to stop accepting when accept fails (out of file descriptors). */
    static final long BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Reactor reactor;
    private final Selector selector;
    private final ServerSocketChannel server;
    private final SelectionKey key;
    private final ServerConfig config;
    private final ConnectionLog connectionLog;
    /** Ids are never reused: the next connection gets this one. */
    private long nextId = 1;
    /** Newcomers let in during the current pass. */
    private int arrivalsThisPass;
    /** Newcomers waiting for a pass with room, in the order they asked. */
    private final ArrayDeque<Connection> waiting = new ArrayDeque<>();
    /** Accepts that failed since the last one that worked: the outage is logged once, not per retry. */
    private int failedAccepts;

    Acceptor(Reactor reactor, Selector selector, ServerSocketChannel server, ServerConfig config,
             ConnectionLog connectionLog) throws IOException {
        this.reactor = reactor;
        this.selector = selector;
        this.server = server;
        this.config = config;
        this.connectionLog = connectionLog;
        server.configureBlocking(false);
        this.key = server.register(selector, SelectionKey.OP_ACCEPT, this);
    }

    /** Accepts what is waiting, up to a bound. Never throws: the listening socket must survive. */
    void onAcceptable() {
        for (int i = 0; i < ACCEPTS_PER_PASS && key.isValid(); i++) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                backOff(e);
                return;
            }
            if (channel == null) {
                return;
            }
            if (failedAccepts > 0) {
                log.info("accepting connections again, after {} paused attempts", failedAccepts);
                failedAccepts = 0;
            }
            if (reactor.connectionCount() >= config.maxConnections()) {
                refuse(channel);
                continue;
            }
            try {
                register(channel);
            } catch (IOException e) {
                log.warn("could not set up a new connection: {}", Reactor.describe(e));
                Reactor.closeQuietly(channel);
            }
        }
    }

    private void register(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, SEND_BUFFER_BYTES);
        Connection connection = new Connection(reactor, channel, nextId++, config, reactor.now());
        connection.register(channel.register(selector, SelectionKey.OP_READ, connection));
        reactor.opened(connection);
        connectionLog.connected(connection.user(), reactor.now());
    }

    /** Over the connection limit: one line saying so, then close. The socket is fresh, so it takes the line. */
    private void refuse(SocketChannel channel) {
        try {
            channel.configureBlocking(false);
            channel.write(ByteBuffer.wrap(Protocol.frame(Protocol.error("The server is full ("
                    + config.maxConnections() + " connections); try again later."))));
            connectionLog.refused(channel.getRemoteAddress(), config.maxConnections(), reactor.now());
        } catch (IOException e) {
            log.debug("refusing a connection failed: {}", Reactor.describe(e));
        } finally {
            Reactor.closeQuietly(channel);
        }
    }

    /**
     * Accept failed, most likely for lack of file descriptors. Retrying at once would spin (the
     * pending connection keeps the socket readable), so stop asking for OP_ACCEPT for a moment.
     * Reproduced by ConnectionLimitTest.runningOutOfFileDescriptorsPausesAcceptingInsteadOfSpinningThenResumes.
     */
    private void backOff(IOException e) {
        if (failedAccepts++ == 0) {
            log.warn("cannot accept connections ({}); pausing accepts, retrying every {} ms", Reactor.describe(e),
                    TimeUnit.NANOSECONDS.toMillis(BACKOFF_NANOS));
        }
        key.interestOps(0);
        reactor.timers().schedule(reactor.now() + BACKOFF_NANOS, () -> {
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        });
    }

    /** A new pass begins: its quota of newcomers is fresh. */
    void newPass() {
        arrivalsThisPass = 0;
    }

    /** True if newcomers are waiting: the loop must not sleep. */
    boolean hasWaiting() {
        return !waiting.isEmpty();
    }

    /**
     * True if {@code connection} may enter the chat now (and counts it); false if it must wait:
     * then it is queued, and {@link Connection#admitted} is called on a later pass.
     */
    boolean admitNowOrQueue(Connection connection) {
        if (waiting.isEmpty() && arrivalsThisPass < ARRIVALS_PER_PASS) {
            arrivalsThisPass++;
            return true;
        }
        waiting.add(connection);
        return false;
    }

    /** Lets waiting newcomers in, oldest first, as far as this pass has room. */
    void admitWaiting() {
        Connection next;
        while (arrivalsThisPass < ARRIVALS_PER_PASS && (next = waiting.poll()) != null) {
            if (!next.isClosed()) {
                arrivalsThisPass++;
                next.admitted();
            }
        }
    }

    /** Stops accepting for good (shutdown): the listening socket is closed. */
    void close() {
        key.cancel();
        Reactor.closeQuietly(server);
    }
}
