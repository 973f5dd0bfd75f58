package chat.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One pool connection: a user of one room (a chat user, a Redis subscriber) that reads every
 * line of its room and, if it is one of the senders, writes the lines its loop queues for it;
 * or, against Redis, a sender that only publishes ({@link PoolLayout} says which).
 *
 * <p>Lifecycle: new → connecting → open → closed. Closed is final, whether the server ended the
 * connection, it broke, or the pool closed it.
 *
 * <p>Reading: each read goes into the loop's shared buffer and through the target's framer
 * ({@link Wire#newInbound}: lines, or RESP values), nothing decoded; every text that may be a
 * measured line is handed to {@link EventLoop#onLine}, all stamped with one receive time: they
 * arrived together.
 * Writing: lines are appended to {@link #outbound} and flushed once at the end of the loop's
 * turn; OP_WRITE is asked for only while bytes remain after a write.
 *
 * <p>Owned by one {@link EventLoop}; every method runs on that loop's thread.
 */
final class ClientConnection implements Endpoint, Inbound.Receiver {

    private static final int FIRST_OUTBOUND_BYTES = 512;

    private enum State { NEW, CONNECTING, OPEN, CLOSED }

    private final EventLoop loop;
    /** Index in the pool: connections 0..S-1 are the senders. */
    private final int index;
    /** The room this connection is in (a receiver) or speaks to (a sender), 0 to R-1. */
    private final int room;
    /** True if it receives its room's lines; false for a sending-only connection. */
    private final boolean receives;
    private final SequenceTracker tracker = new SequenceTracker();
    /** Where the connection is in its lifecycle; only moves forward. */
    private State state = State.NEW;
    /** The server this connection dials; null until {@link #connect}. */
    private InetSocketAddress target;
    /** Null until {@link #connect}. */
    private SocketChannel channel;
    /** Null until {@link #connect}; cancelled when closed. */
    private SelectionKey key;
    /** Cuts what arrives into frames: the target's framer, byte path only (nothing decoded). */
    private final Inbound inbound;
    /** When the read being framed arrived ({@link BenchClock}): every line in it arrived then. */
    private long readAtNanos;
    /** Bytes waiting to be written, in write mode (data before the position); null until used. */
    private ByteBuffer outbound;
    /** True while this connection is on its loop's dirty list for this turn. */
    private boolean dirty;
    /** True once a first frame (the server's welcome, Redis's first reply) has arrived. */
    private boolean welcomed;

    ClientConnection(EventLoop loop, int index, PoolLayout layout) {
        this.loop = loop;
        this.index = index;
        this.room = layout.roomOf(index);
        this.receives = layout.receives(index);
        this.inbound = layout.wire().newInbound();
    }

    int index() {
        return index;
    }

    int room() {
        return room;
    }

    /** True if it is open and receives its room's lines: one of the run's receivers. */
    boolean isReceiving() {
        return receives && state == State.OPEN;
    }

    boolean isOpen() {
        return state == State.OPEN;
    }

    SequenceTracker tracker() {
        return tracker;
    }

    /** Starts a non-blocking connect; the loop hears of the outcome. */
    void connect(InetSocketAddress server) throws IOException {
        state = State.CONNECTING;
        target = server;
        // Held before connecting, so that close() releases it whichever step throws.
        channel = SocketChannel.open();
        // One small write per line: Nagle's algorithm would hold lines back and add latency.
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        key = NonBlockingConnect.start(channel, loop.selector(), server, this);
        if (channel.isConnected()) {
            onConnected();
        }
    }

    @Override
    public void onConnectable() throws IOException {
        if (NonBlockingConnect.finish(key)) {
            onConnected();
        }
    }

    private void onConnected() {
        state = State.OPEN;
        loop.onConnected();
        if (outbound != null && outbound.position() > 0) {
            markDirty();
        }
    }

    @Override
    public void onReadable() throws IOException {
        ByteBuffer buffer = loop.readBuffer();
        buffer.clear();
        int n = channel.read(buffer);
        if (n < 0) {
            lose("the server closed the connection");
            return;
        }
        if (n == 0) {
            return;
        }
        loop.onBytesReceived(n);
        readAtNanos = BenchClock.now();
        inbound.feed(buffer.flip(), this);
    }

    @Override
    public void onFrame() {
        if (!welcomed) {
            welcomed = true;
            loop.onWelcomed();
        }
    }

    @Override
    public void onText(byte[] bytes, int from, int to) {
        if (receives) {
            loop.onLine(this, bytes, from, to, readAtNanos);
        }
    }

    /** Queues one measured line to {@code roomName} (see {@link Wire#encodeLine}); a closed connection drops it. */
    void enqueueLine(Wire wire, byte[] roomName, int sender, long seq, long stampNanos, int sizeBytes) {
        if (state == State.CLOSED) {
            return;
        }
        ensureRoom(wire.maxLineBytes(sizeBytes, roomName));
        wire.encodeLine(outbound, roomName, sender, seq, stampNanos, sizeBytes);
        markDirty();
    }

    /** Queues raw bytes (a command such as {@code /join} or {@code SUBSCRIBE}); written once connected. */
    void enqueue(byte[] bytes) {
        if (state == State.CLOSED) {
            return;
        }
        ensureRoom(bytes.length);
        outbound.put(bytes);
        if (state == State.OPEN) {
            markDirty();
        }
    }

    private void ensureRoom(int bytes) {
        if (outbound == null) {
            outbound = ByteBuffer.allocate(Math.max(FIRST_OUTBOUND_BYTES, bytes));
        } else if (outbound.remaining() < bytes) {
            // Grows while the server does not read: the open-loop queue. The run's size bounds it.
            ByteBuffer grown = ByteBuffer.allocate(Math.max(outbound.capacity() * 2, outbound.position() + bytes));
            outbound.flip();
            grown.put(outbound);
            outbound = grown;
        }
    }

    private void markDirty() {
        if (!dirty && state == State.OPEN) {
            dirty = true;
            loop.markDirty(this);
        }
    }

    /** Writes what is queued; asks for OP_WRITE only if some is left. */
    void flush() throws IOException {
        dirty = false;
        if (state != State.OPEN || outbound == null || outbound.position() == 0) {
            return;
        }
        outbound.flip();
        channel.write(outbound);
        outbound.compact();
        int ops = outbound.position() > 0
                ? SelectionKey.OP_READ | SelectionKey.OP_WRITE
                : SelectionKey.OP_READ;
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    @Override
    public void onWritable() throws IOException {
        flush();
    }

    @Override
    public void fail(IOException error) {
        if (state == State.CONNECTING || state == State.NEW) {
            close();
            loop.onConnectFailed(error, target);
        } else {
            lose(EventLoop.describe(error));
        }
    }

    /** The connection ended while open, for {@code reason}: the server closed it, refused it, or it broke. */
    private void lose(String reason) {
        if (state == State.OPEN) {
            close();
            loop.onConnectionLost(reason);
        }
    }

    /** Closes the socket; the connection stays closed. */
    void close() {
        state = State.CLOSED;
        if (key != null) {
            key.cancel();
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the socket is released either way; there is no one to tell
            }
        }
        outbound = null;
    }
}
