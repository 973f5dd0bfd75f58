package chat.server;

import chat.core.Protocol;
import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loop. One thread owns the selector, the listening socket and every connection;
 * nothing here is locked because nothing here is shared.
 *
 * <p>Each pass:
 * <ol>
 *   <li>select, sleeping until a socket is ready, the next timer is due, or another thread
 *       calls {@link #execute}/{@link #stop};
 *   <li>run the tasks other threads handed over;
 *   <li>handle each ready key: accept, read and handle lines, or note that a socket is writable;
 *   <li>run due timers (flood resumes, closing deadlines, accept back-off);
 *   <li>flush: write every connection that got output during the pass, one write each.
 * </ol>
 * Writing last, right before sleeping, lets every line produced in a pass leave a connection in
 * a single write, and most writes complete without ever asking for OP_WRITE. Connections a
 * limit condemned mid-pass (while a room was iterating its members) are closed right after the
 * event that condemned them.
 *
 * <p>Reactor thread only, except {@link #execute} and {@link #stop}, safe from any thread.
 */
final class Reactor implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Reactor.class);

    /** One read per readable event, at most this much: a bounded share for each connection. */
    static final int READ_BUFFER_BYTES = 16 * 1024;
    /** One write per connection per pass, at most this much; the rest waits for OP_WRITE. */
    static final int WRITE_BUDGET_BYTES = 64 * 1024;
    /** Connections accepted per pass, so a connection storm cannot starve the chat. */
    static final int ACCEPTS_PER_PASS = 256;
    /**
     * Newcomers let into the chat per pass. Each arrival queues a notice to everyone in the room
     * and every queue is written once per pass, so this bounds what a join storm queues per
     * connection per pass, and with it the size of every output ring.
     */
    static final int ARRIVALS_PER_PASS = 64;
    /** How long to stop accepting when accept fails (out of file descriptors). */
    static final long ACCEPT_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How often idle connections give back their output rings. */
    static final long TRIM_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** How long shutdown waits for users' output before closing what is left. */
    static final long SHUTDOWN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final ServerConfig config;
    private final Selector selector;
    private final ServerSocketChannel server;
    private final SelectionKey acceptKey;
    private final CommandHandler chat;
    private final Timers timers = new Timers();
    /** Work handed over by other threads; drained at the top of each pass. */
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Heap, not direct: the framer decodes lines straight from its array. */
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
    /** Direct: every write gathers queued frames here, so the JDK never copies behind our back. */
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(WRITE_BUDGET_BYTES);
    /** Connections with output produced this pass; each also has its flushQueued flag set. */
    private final ArrayList<Connection> flushList = new ArrayList<>();
    /** A connection a limit condemned, and why. */
    private record Condemned(Connection connection, String why) {
    }

    /** Connections condemned by a limit; closed after the current event. */
    private final ArrayDeque<Condemned> doomed = new ArrayDeque<>();
    /** Connects and disconnects, logged with a cap per second. */
    private final ConnectionLog connectionLog;
    /** Every connection not yet closed. */
    private final Set<Connection> connections = new HashSet<>();
    /** System.nanoTime() at the start of the current pass. */
    private long now = System.nanoTime();
    /** Ids are never reused: the next connection gets this one. */
    private long nextId = 1;
    /** Newcomers let in during the current pass. */
    private int arrivalsThisPass;
    /** Newcomers waiting for a pass with room, in the order they asked. */
    private final ArrayDeque<Connection> waitingToArrive = new ArrayDeque<>();
    /** True once shutdown began: no more accepting, the loop ends when the last connection closes. */
    private boolean stopping;

    Reactor(ServerConfig config, Selector selector, ServerSocketChannel server) throws IOException {
        this.config = config;
        this.selector = selector;
        this.server = server;
        this.chat = new CommandHandler(new Rooms(config.historyLines(), ZoneId.systemDefault()));
        server.configureBlocking(false);
        this.acceptKey = server.register(selector, SelectionKey.OP_ACCEPT);
        timers.schedule(now + TRIM_INTERVAL_NANOS, this::trimIdleConnections);
        this.connectionLog = new ConnectionLog(log, now);
        timers.schedule(now + TimeUnit.SECONDS.toNanos(1), this::summarizeConnectionLog);
    }

    private void summarizeConnectionLog() {
        connectionLog.summarize(now);
        if (!stopping) {
            timers.schedule(now + TimeUnit.SECONDS.toNanos(1), this::summarizeConnectionLog);
        }
    }

    /** Every few seconds: connections with nothing queued give back their output rings. */
    private void trimIdleConnections() {
        for (Connection connection : connections) {
            connection.trimIdle();
        }
        if (!stopping) {
            timers.schedule(now + TRIM_INTERVAL_NANOS, this::trimIdleConnections);
        }
    }

    /** Runs {@code task} on the reactor thread, soon. Any thread. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Begins a graceful shutdown (see {@link #beginShutdown}). Any thread; idempotent. */
    void stop() {
        execute(this::beginShutdown);
    }

    @Override
    public void run() {
        try {
            while (!stopping || !connections.isEmpty()) {
                pass();
            }
        } catch (IOException | ClosedSelectorException e) {
            log.error("event loop failed: {}", e.toString());
        } finally {
            for (Connection connection : new ArrayList<>(connections)) {
                connection.close("server stopped");
            }
            closeQuietly(server);
            closeQuietly(selector);
            log.info("stopped");
        }
    }

    private void pass() throws IOException {
        long wait = timers.millisUntilNext(now);
        if (!waitingToArrive.isEmpty()) {
            selector.selectNow(); // newcomers are waiting: do not sleep
        } else if (wait == 0 && timers.isEmpty()) {
            selector.select();
        } else {
            selector.select(wait);
        }
        now = System.nanoTime();
        arrivalsThisPass = 0;
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
        Set<SelectionKey> ready = selector.selectedKeys();
        for (Iterator<SelectionKey> it = ready.iterator(); it.hasNext(); ) {
            SelectionKey key = it.next();
            it.remove();
            dispatch(key);
            reap();
        }
        timers.runDue(now);
        admitWaiting();
        reap();
        flushAll();
    }

    /** Lets waiting newcomers in, oldest first, as far as this pass has room. */
    private void admitWaiting() {
        Connection next;
        while (arrivalsThisPass < ARRIVALS_PER_PASS && (next = waitingToArrive.poll()) != null) {
            if (!next.isClosed()) {
                arrivalsThisPass++;
                next.admitted();
            }
        }
    }

    private void dispatch(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key == acceptKey) {
            onAcceptable();
            return;
        }
        Connection connection = (Connection) key.attachment();
        try {
            int ops = key.readyOps();
            if ((ops & SelectionKey.OP_READ) != 0) {
                connection.onReadable(readBuffer);
            }
            if ((ops & SelectionKey.OP_WRITE) != 0 && key.isValid()) {
                connection.onWritable();
            }
        } catch (IOException e) {
            connection.close(describe(e));
        } catch (RuntimeException e) {
            // A bug, not the client's doing: say so loudly, drop this connection, keep serving.
            log.error("internal error on connection {}", connection.user(), e);
            connection.close("server error");
        }
    }

    /** Accepts what is waiting, up to a bound. Never throws: the listening socket must survive. */
    private void onAcceptable() {
        for (int i = 0; i < ACCEPTS_PER_PASS && !stopping; i++) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                backOffAccepting(e);
                return;
            }
            if (channel == null) {
                return;
            }
            if (connections.size() >= config.maxConnections()) {
                refuse(channel);
                continue;
            }
            try {
                register(channel);
            } catch (IOException e) {
                log.warn("could not set up a new connection: {}", describe(e));
                closeQuietly(channel);
            }
        }
    }

    private void register(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
        Connection connection = new Connection(this, channel, nextId++, config, now);
        connection.register(channel.register(selector, SelectionKey.OP_READ, connection));
        connections.add(connection);
        connectionLog.connected(connection.user(), now);
    }

    /** Over the connection limit: one line saying so, then close. The socket is fresh, so it takes the line. */
    private void refuse(SocketChannel channel) {
        try {
            channel.configureBlocking(false);
            channel.write(ByteBuffer.wrap(Protocol.frame(Protocol.error("The server is full ("
                    + config.maxConnections() + " connections); try again later."))));
            connectionLog.refused(channel.getRemoteAddress(), config.maxConnections(), now);
        } catch (IOException e) {
            log.debug("refusing a connection failed: {}", describe(e));
        } finally {
            closeQuietly(channel);
        }
    }

    /**
     * Accept failed, most likely for lack of file descriptors. Retrying at once would spin (the
     * pending connection keeps the socket readable), so stop asking for OP_ACCEPT for a moment.
     */
    private void backOffAccepting(IOException e) {
        log.warn("cannot accept connections ({}); pausing accepts for {} ms", describe(e),
                TimeUnit.NANOSECONDS.toMillis(ACCEPT_BACKOFF_NANOS));
        acceptKey.interestOps(0);
        timers.schedule(now + ACCEPT_BACKOFF_NANOS, () -> {
            if (acceptKey.isValid()) {
                acceptKey.interestOps(SelectionKey.OP_ACCEPT);
            }
        });
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
            } catch (IOException e) {
                connection.close(describe(e));
            }
            reap();
        }
        flushList.clear();
    }

    /** Closes the connections limits condemned; closing one may condemn others, so loop. */
    private void reap() {
        Condemned next;
        while ((next = doomed.poll()) != null) {
            log.warn("disconnecting {}: {}", next.connection().user(), next.why());
            next.connection().close(next.why());
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
        acceptKey.cancel();
        closeQuietly(server);
        log.info("shutting down: {} connection(s) to close", connections.size());
        byte[] goodbye = Protocol.frame(Protocol.shuttingDown());
        for (Connection connection : new ArrayList<>(connections)) {
            chat.leaveQuietly(connection.user());
            connection.deliver(goodbye);
            connection.closeAfterOutput("server shutting down");
        }
        timers.schedule(now + SHUTDOWN_GRACE_NANOS, () -> {
            for (Connection connection : new ArrayList<>(connections)) {
                connection.close("server shutting down; output not taken in time");
            }
        });
    }

    // ---- services for connections --------------------------------------------------------------

    long now() {
        return now;
    }

    Timers timers() {
        return timers;
    }


    CommandHandler chat() {
        return chat;
    }

    /**
     * True if {@code connection} may enter the chat now (and counts it); false if it must wait:
     * then it is queued, and {@link Connection#admitted} is called on a later pass.
     */
    boolean admitNowOrQueue(Connection connection) {
        if (waitingToArrive.isEmpty() && arrivalsThisPass < ARRIVALS_PER_PASS) {
            arrivalsThisPass++;
            return true;
        }
        waitingToArrive.add(connection);
        return false;
    }

    void queueFlush(Connection connection) {
        flushList.add(connection);
    }

    void doom(Connection connection, String why) {
        doomed.add(new Condemned(connection, why));
    }

    void closed(Connection connection, String why) {
        connections.remove(connection);
        connectionLog.disconnected(connection.user(), why, now);
    }

    int connectionCount() {
        return connections.size();
    }

    /** A one-line description of an I/O failure, for the log and for a room's leave notice. */
    static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof SocketException && message != null && message.contains("reset")) {
            return "connection reset";
        }
        if (message != null && message.contains("Broken pipe")) {
            return "connection lost";
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // Shutting down or discarding: there is nobody left to tell.
        }
    }
}
