package chat.server;

import chat.core.Protocol;
import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
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
 *   <li>run due timers (arrivals, flood resumes, closing deadlines, accept back-off, log summaries);
 *   <li>let in newcomers waiting for room (at most {@link Acceptor#ARRIVALS_PER_PASS} per pass);
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
    /** How often idle connections give back their output rings. */
    static final long TRIM_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** How long shutdown waits for users' output before closing what is left. */
    static final long SHUTDOWN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(3);

    /** A connection a limit condemned, and why. */
    private record Condemned(Connection connection, String why) {
    }

    private final Selector selector;
    private final Acceptor acceptor;
    private final CommandHandler chat;
    private final Timers timers = new Timers();
    /** Every connection's queued output together, against the global cap. */
    private final QueuedMemory queuedMemory;
    /** Work handed over by other threads; drained at the top of each pass. */
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Heap, not direct: the framer decodes lines straight from its array. */
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
    /** Direct: every write gathers queued frames here, so the JDK never copies behind our back. */
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(WRITE_BUDGET_BYTES);
    /** Connections with output produced this pass; each also has its flushQueued flag set. */
    private final ArrayList<Connection> flushList = new ArrayList<>();
    /** Connections condemned by a limit; closed after the current event. */
    private final ArrayDeque<Condemned> doomed = new ArrayDeque<>();
    /** Connects and disconnects, logged with a cap per second. */
    private final ConnectionLog connectionLog;
    /** Every connection not yet closed. */
    private final Set<Connection> connections = new HashSet<>();
    /** System.nanoTime() at the start of the current pass. */
    private long now = System.nanoTime();
    /** True once shutdown began: no more accepting, the loop ends when the last connection closes. */
    private boolean stopping;
    /** Set (on the reactor thread, read after it ends) if the loop broke instead of stopping. */
    private volatile boolean failed;

    Reactor(ServerConfig config, Selector selector, ServerSocketChannel server) throws IOException {
        this.selector = selector;
        this.queuedMemory = new QueuedMemory(config.maxTotalQueuedBytes());
        this.chat = new CommandHandler(new Rooms(config.historyLines(), config.historyBytes(), ZoneId.systemDefault()));
        this.connectionLog = new ConnectionLog(log, now);
        this.acceptor = new Acceptor(this, selector, server, config, connectionLog);
        timers.schedule(now + TRIM_INTERVAL_NANOS, this::trimIdleConnections);
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
            failed = true;
            log.error("event loop failed: {}", e.toString());
        } catch (Throwable e) {
            // Per-connection failures are caught in dispatch; anything that reaches here is the
            // loop itself breaking. Say so loudly, close what can be closed, exit non-zero.
            failed = true;
            log.error("event loop died", e);
        } finally {
            for (Connection connection : new ArrayList<>(connections)) {
                try {
                    connection.close("server stopped");
                } catch (Throwable e) {
                    log.error("could not close {} cleanly: {}", connection.user(), e.toString());
                }
            }
            acceptor.close();
            closeQuietly(selector);
            log.info("stopped");
        }
    }

    /** True if the loop ended because it broke, not because it was stopped. */
    boolean failed() {
        return failed;
    }

    private void pass() throws IOException {
        long wait = timers.millisUntilNext(now);
        if (acceptor.hasWaiting()) {
            selector.selectNow(); // newcomers are waiting: do not sleep
        } else if (wait == 0 && timers.isEmpty()) {
            selector.select();
        } else {
            selector.select(wait);
        }
        now = System.nanoTime();
        acceptor.newPass();
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
        acceptor.admitWaiting();
        reap();
        flushAll();
    }

    private void dispatch(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.attachment() == acceptor) {
            acceptor.onAcceptable();
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
        acceptor.close();
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

    QueuedMemory queuedMemory() {
        return queuedMemory;
    }

    CommandHandler chat() {
        return chat;
    }

    Acceptor acceptor() {
        return acceptor;
    }

    int connectionCount() {
        return connections.size();
    }

    void opened(Connection connection) {
        connections.add(connection);
    }

    void queueFlush(Connection connection) {
        flushList.add(connection);
    }

    void doom(Connection connection, String why) {
        doomed.add(new Condemned(connection, why));
    }

    void closed(Connection connection, String why) {
        connections.remove(connection);
        acceptor.departed(connection.user().address());
        connectionLog.disconnected(connection.user(), why, now);
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

    static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // Shutting down or discarding: there is nobody left to tell.
        }
    }
}
