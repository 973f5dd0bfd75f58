package chat.server.net;

import chat.core.Event;
import chat.core.Wire;
import chat.server.ServerConfig;
import chat.server.loop.Handler;
import chat.server.loop.Reactor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door (the Acceptor of the Reactor pattern): accepts connections, a bounded number
 * per pass; refuses those over the connection limit with one line; backs off instead of spinning
 * when the process runs out of file descriptors; refuses an address holding more than its share
 * ({@code --max-connections-per-address}, counted over both ports) and a banned one ({@code /ban});
 * and sets up each new socket (buffers, keepalive) with its {@link Transport}: the plain port's
 * socket as it is, the TLS port's with TLS over it. Letting newcomers into the chat is
 * {@link Admission}'s.
 *
 * <p>Reactor thread only.
 */
final class Acceptor implements Handler {

    private static final Logger log = LoggerFactory.getLogger(Acceptor.class);

    /** Connections accepted per pass, so a connection storm cannot starve the chat. */
    static final int ACCEPTS_PER_PASS = 256;
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
    private final Connections connections;
    private final ServerSocketChannel server;
    private final SelectionKey key;
    private final ServerConfig config;
    private final ConnectionLog connectionLog;
    private final AddressLimit perAddress;
    /** What each accepted socket is wrapped in: plain, or TLS. */
    private final Transport.Factory transports;
    /** Accepts that failed since the last one that worked: the outage is logged once, not per retry. */
    private int failedAccepts;

    Acceptor(Reactor reactor, Connections connections, ServerSocketChannel server, ServerConfig config,
             ConnectionLog connectionLog, AddressLimit perAddress, Transport.Factory transports) throws IOException {
        this.reactor = reactor;
        this.connections = connections;
        this.server = server;
        this.config = config;
        this.connectionLog = connectionLog;
        this.perAddress = perAddress;
        this.transports = transports;
        this.key = reactor.register(server, SelectionKey.OP_ACCEPT, this);
    }

    /** Accepts what is waiting, up to a bound. Never throws: the listening socket must survive. */
    @Override
    public void onReadable() {
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
            if (connections.count() >= config.maxConnections()) {
                refuse(channel, "The server is full (" + config.maxConnections() + " connections); try again later.",
                        "server full", Traffic.Refusal.SERVER_FULL);
                continue;
            }
            InetAddress from = remoteAddress(channel);
            String banned = from == null ? null : connections.chat().refusal(from);
            if (banned != null) {
                refuse(channel, banned, "banned", Traffic.Refusal.BANNED);
                continue;
            }
            if (from != null && !perAddress.countIn(from)) {
                refuse(channel, "Too many connections from your address (at most "
                        + config.maxConnectionsPerAddress() + "); close one and try again.", "per-address limit",
                        Traffic.Refusal.PER_ADDRESS);
                continue;
            }
            try {
                register(channel);
            } catch (IOException e) {
                log.warn("could not set up a new connection: {}", Connections.describe(e));
                if (from != null) {
                    perAddress.countOut(from);
                }
                Reactor.closeQuietly(channel);
            }
        }
    }

    private static InetAddress remoteAddress(SocketChannel channel) {
        try {
            return channel.getRemoteAddress() instanceof InetSocketAddress inet ? inet.getAddress() : null;
        } catch (IOException e) {
            return null; // already gone; register() will find out
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
        Connection connection = new Connection(connections, channel, connections.nextId(), config, transports);
        connection.registered(reactor.register(channel, SelectionKey.OP_READ, connection));
        connections.opened(connection);
    }

    private static void setIfSupported(SocketChannel channel, SocketOption<Integer> option, int value)
            throws IOException {
        if (channel.supportedOptions().contains(option)) {
            channel.setOption(option, value);
        }
    }

    /** Over a limit: one line saying so, then close. The socket is fresh, so it takes the line. */
    private void refuse(SocketChannel channel, String sentence, String why, Traffic.Refusal refusal) {
        connections.traffic().refused(refusal);
        try {
            channel.configureBlocking(false);
            channel.write(ByteBuffer.wrap(Wire.frame(new Event.Error(sentence))));
            connectionLog.refused(channel.getRemoteAddress(), why, reactor.now());
        } catch (IOException e) {
            log.debug("refusing a connection failed: {}", Connections.describe(e));
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
        connections.traffic().acceptFailures++;
        if (failedAccepts++ == 0) {
            log.warn("cannot accept connections ({}); pausing accepts, retrying every {} ms", Connections.describe(e),
                    TimeUnit.NANOSECONDS.toMillis(BACKOFF_NANOS));
        }
        key.interestOps(0);
        reactor.timers().schedule(reactor.now() + BACKOFF_NANOS, () -> {
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        });
    }

    /** Accepting itself cannot fail this way (onReadable catches everything); a bug is logged by the loop. */
    @Override
    public void onFailure(Exception e) {
        log.error("accepting failed: {}", e.toString());
    }

    /** Stops accepting for good (shutdown): the listening socket is closed. */
    void close() {
        key.cancel();
        Reactor.closeQuietly(server);
    }
}
