package chat.server;

import chat.core.Protocol;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.UnknownHostException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door (the Acceptor of the Reactor pattern): accepts connections, a bounded number
 * per pass; refuses those over the connection limit with one line; backs off instead of spinning
 * when the process runs out of file descriptors; refuses an address holding more than its share
 * ({@code --max-connections-per-address}); and lets newcomers into the chat at a bounded pace,
 * in the order they came.
 *
 * <p>Reactor thread only. Invariants: {@code waiting} holds each waiting newcomer once, and is
 * non-empty only while newcomers are over this pass's quota; {@code perAddress} maps each
 * address with open connections to their number (exempt addresses are not counted).
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
    /**
     * TCP keepalive: a peer silent this long is probed, every {@link #KEEPALIVE_INTERVAL_SECONDS},
     * and dropped after {@link #KEEPALIVE_PROBES} unanswered probes: a dead peer (a laptop closed,
     * a NAT that forgot us) is found in about two minutes instead of Linux's default two hours.
     */
    static final int KEEPALIVE_IDLE_SECONDS = 60;
    static final int KEEPALIVE_INTERVAL_SECONDS = 10;
    static final int KEEPALIVE_PROBES = 6;

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
    /** Open connections per remote address, for the per-address limit. */
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    /** Addresses the per-address limit leaves alone. */
    private final Set<InetAddress> exempt = new HashSet<>();

    Acceptor(Reactor reactor, Selector selector, ServerSocketChannel server, ServerConfig config,
             ConnectionLog connectionLog) throws IOException {
        this.reactor = reactor;
        this.selector = selector;
        this.server = server;
        this.config = config;
        this.connectionLog = connectionLog;
        for (String address : config.exemptAddresses()) {
            exempt.add(literalAddress(address));
        }
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
                refuse(channel, "The server is full (" + config.maxConnections() + " connections); try again later.",
                        "server full");
                continue;
            }
            InetAddress from = remoteAddress(channel);
            if (from != null && !countIn(from)) {
                refuse(channel, "Too many connections from your address (at most "
                        + config.maxConnectionsPerAddress() + "); close one and try again.", "per-address limit");
                continue;
            }
            try {
                register(channel);
            } catch (IOException e) {
                log.warn("could not set up a new connection: {}", Reactor.describe(e));
                if (from != null) {
                    countOut(from);
                }
                Reactor.closeQuietly(channel);
            }
        }
    }

    /** Counts a connection from {@code address}; false (nothing counted) if it is over its limit. */
    private boolean countIn(InetAddress address) {
        int limit = config.maxConnectionsPerAddress();
        if (limit == 0 || exempt.contains(address)) {
            return true;
        }
        int open = perAddress.getOrDefault(address, 0);
        if (open >= limit) {
            return false;
        }
        perAddress.put(address, open + 1);
        return true;
    }

    /** A connection closed: its address may have one more. */
    void departed(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            countOut(inet.getAddress());
        }
    }

    private void countOut(InetAddress address) {
        perAddress.computeIfPresent(address, (same, open) -> open == 1 ? null : open - 1);
    }

    private static InetAddress remoteAddress(SocketChannel channel) {
        try {
            return channel.getRemoteAddress() instanceof InetSocketAddress inet ? inet.getAddress() : null;
        } catch (IOException e) {
            return null; // already gone; register() will find out
        }
    }

    /** An address from the command line: a literal IP, never a name to look up (no DNS here). */
    static InetAddress literalAddress(String text) {
        String t = text.trim();
        boolean literal = t.indexOf(':') >= 0 || t.matches("[0-9.]+");
        if (!literal) {
            throw new IllegalArgumentException("exempt address must be an IP address, got '" + text + "'");
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("exempt address must be an IP address, got '" + text + "'");
        }
    }

    private void register(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, SEND_BUFFER_BYTES);
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
        setIfSupported(channel, jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE, KEEPALIVE_IDLE_SECONDS);
        setIfSupported(channel, jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL, KEEPALIVE_INTERVAL_SECONDS);
        setIfSupported(channel, jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT, KEEPALIVE_PROBES);
        Connection connection = new Connection(reactor, channel, nextId++, config, reactor.now());
        connection.register(channel.register(selector, SelectionKey.OP_READ, connection));
        reactor.opened(connection);
        connectionLog.connected(connection.user(), reactor.now());
    }

    private static void setIfSupported(SocketChannel channel, SocketOption<Integer> option, int value)
            throws IOException {
        if (channel.supportedOptions().contains(option)) {
            channel.setOption(option, value);
        }
    }

    /** Over a limit: one line saying so, then close. The socket is fresh, so it takes the line. */
    private void refuse(SocketChannel channel, String sentence, String why) {
        try {
            channel.configureBlocking(false);
            channel.write(ByteBuffer.wrap(Protocol.frame(Protocol.error(sentence))));
            connectionLog.refused(channel.getRemoteAddress(), why, reactor.now());
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
