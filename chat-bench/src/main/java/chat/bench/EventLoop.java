package chat.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * One selector thread of the generator. It owns a share of the connections (pool connections
 * and churn cycles), reads and frames everything they receive, measures the lines that carry a
 * {@link Payload}, and writes its senders' lines when the timetable says they are due. Two or
 * three of these carry any number of connections; nothing ever blocks on one connection.
 *
 * <p>Each turn: run queued tasks; start waiting connects; select, blocking until woken or until
 * the next line or churn cycle is due; queue and write the lines now due; handle the ready keys;
 * queue the lines due by then, start the churn cycles now due and expire stuck ones; write
 * again (write before select: a line is on the wire before the loop sleeps); publish progress.
 * Connections written to in a turn are flushed together, one write each.
 *
 * <p>Threads: everything happens on the loop's own thread. Other threads reach it only through
 * {@link #execute}/{@link #call} (a task queue plus {@code selector.wakeup()}), {@link #wakeup}
 * (the {@link Pacer}), {@link #close}, and its {@link LoopProgress}, which the loop alone writes
 * and any thread may read.
 */
final class EventLoop implements AutoCloseable {

    /** Pool connects a loop has under way at once: a server's accept backlog may be 50 deep. */
    static final int CONNECTS_IN_FLIGHT = 64;
    /** Ready keys handled between two looks at the timetable: some 100 µs of reads. */
    private static final int KEYS_BETWEEN_SENDS = 32;
    /** One read's worth: a few hundred lines. */
    static final int READ_BUFFER_BYTES = 64 * 1024;

    private final int index;
    private final int loopCount;
    /** Where pool connection i and churn cycle i connect: address i mod A. */
    private final Addresses addresses;
    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Shared by every connection of this loop: each read is framed before the next. */
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
    private final PayloadParser parser = new PayloadParser();
    /** Connections written to in this turn; each appears once (its dirty flag says so). */
    private final ArrayList<ClientConnection> dirty = new ArrayList<>();
    /** Pool connections created but not yet connecting, in index order. */
    private final ArrayDeque<ClientConnection> connectQueue = new ArrayDeque<>();
    /** This loop's churn cycles. */
    private final ChurnShare churn;

    /** This loop's pool connections: global index i is at i / L. Empty until opened. */
    private ClientConnection[] connections = new ClientConnection[0];
    /** Who is who in the pool, and the target's wire; set when the pool is opened. */
    private PoolLayout layout;
    /** Pool connects under way, at most {@link #CONNECTS_IN_FLIGHT}. */
    private int connectsInFlight;
    /** The run under way, or null between runs (then nothing received is measured). */
    private RunPlan plan;
    /** What the current run has counted; a fresh one at each run's start. */
    private RunTally tally = new RunTally();
    /** This loop's place in the run's timetable; null between runs. */
    private SendCursor cursor;
    /** True from just before the loop computes its select timeout until select returns. */
    private volatile boolean selecting;
    /** Set from any thread to end the loop; it closes every connection on its way out. */
    private volatile boolean closing;

    /** What this loop tells other threads: connects, the run's counts, its own failure. */
    private final LoopProgress progress = new LoopProgress();

    EventLoop(int index, int loopCount, Addresses addresses) {
        this.index = index;
        this.loopCount = loopCount;
        this.addresses = addresses;
        this.churn = new ChurnShare(this, index, loopCount);
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        this.thread = new Thread(this::run, "bench-loop-" + index);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    // ---- called from any thread -------------------------------------------------------------

    /** Runs {@code task} on the loop's thread, soon. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Runs {@code task} on the loop's thread; the future completes with its result. */
    <T> CompletableFuture<T> call(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(task.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * Makes sure the loop looks at the clock soon: the {@link Pacer} calls this when a line
     * falls due. A loop busy with reads needs no wakeup (it checks the timetable at the end of
     * every turn); only one that is selecting, and may be blocked, is woken.
     */
    void wakeup() {
        if (selecting) {
            selector.wakeup();
        }
    }

    /** Stops the loop, which closes all its connections, and waits for it (a few seconds at most). */
    @Override
    public void close() {
        closing = true;
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    LoopProgress progress() {
        return progress;
    }

    // ---- tasks: run on the loop's thread, through execute/call -------------------------------

    /**
     * Creates this loop's share of the pool's connections (global indices equal to this loop's
     * index mod L) and connects them, {@link #CONNECTS_IN_FLIGHT} at a time; each first says
     * what the layout gives it to say (a {@code /join}, a {@code SUBSCRIBE}), if anything.
     */
    void openConnections(PoolLayout pool) {
        layout = pool;
        int count = pool.connections();
        int mine = count > index ? (count - index + loopCount - 1) / loopCount : 0;
        connections = new ClientConnection[mine];
        for (int local = 0; local < mine; local++) {
            int global = index + local * loopCount;
            ClientConnection connection = new ClientConnection(this, global, pool);
            byte[] hello = pool.hello(global);
            if (hello != null) {
                connection.enqueue(hello);
            }
            connections[local] = connection;
            connectQueue.add(connection);
        }
        startQueuedConnects();
    }

    /**
     * The first half of starting a run of {@code senders} senders: readies every receiver's
     * sequence tracker and returns how many of this loop's connections receive, per room. The
     * main thread adds up every loop's counts for {@link #beginRun}, so that each loop knows
     * what each line it sends is owed.
     */
    int[] prepareRun(int senders) {
        int[] receivers = new int[layout.rooms()];
        int trackers = layout.sendersPerRoom(senders);
        for (ClientConnection connection : connections) {
            if (connection.isReceiving()) {
                connection.tracker().reset(trackers);
                receivers[connection.room()]++;
            }
        }
        return receivers;
    }

    /** Starts measuring a run: from now on what arrives is measured. Returns this loop's receivers. */
    int beginRun(RunPlan next) {
        plan = next;
        tally = new RunTally();
        cursor = new SendCursor(next.senders(), loopCount, index, next.lines().total());
        churn.begin(next.churn());
        int receivers = 0;
        for (ClientConnection connection : connections) {
            if (connection.isReceiving()) {
                receivers++;
            }
        }
        tally.receivers = receivers;
        publish();
        return receivers;
    }

    /** Ends the run: churn cycles still open count as failed; returns the run's tally. */
    RunTally endRun() {
        churn.abandonAll("still open when the run ended");
        RunTally done = tally;
        plan = null;
        cursor = null;
        tally = new RunTally();
        publish();
        return done;
    }

    // ---- called by this loop's endpoints -----------------------------------------------------

    Selector selector() {
        return selector;
    }

    /** The loop's read buffer: an endpoint reads into it and is done with it before returning. */
    ByteBuffer readBuffer() {
        return readBuffer;
    }

    void onConnected() {
        connectsInFlight--;
        progress.onConnected();
    }

    void onConnectFailed(IOException error, InetSocketAddress to) {
        connectsInFlight--;
        // With several servers, which one refused is the first thing to know.
        progress.onConnectFailed(addresses.size() == 1 ? describe(error)
                : describe(error) + ", connecting to " + Addresses.name(to));
    }

    /** The pool's layout and wire, once opened. */
    PoolLayout layout() {
        return layout;
    }

    /** A pool connection that was open has closed, for {@code reason} (the server ended it, or it broke). */
    void onConnectionLost(String reason) {
        progress.onConnectionLost(reason);
        if (plan != null) {
            tally.disconnected++;
        }
    }

    void onBytesReceived(int n) {
        progress.onBytesReceived(n);
    }

    void onWelcomed() {
        progress.onWelcomed();
    }

    /**
     * One complete line (or pushed message) received by a receiving pool connection at {@code
     * nowNanos}: if it is a measured line of the current run, record its latency and check its
     * room and order.
     */
    void onLine(ClientConnection receiver, byte[] bytes, int from, int to, long nowNanos) {
        if (plan == null || !parser.parse(bytes, from, to)) {
            return;
        }
        long stamp = parser.stampNanos();
        int sender = parser.sender();
        if (stamp < plan.startNanos() || sender >= plan.senders()) {
            return; // an earlier run's straggler, or history replayed by the server
        }
        if (layout.roomOfSender(sender) != receiver.room()) {
            tally.misrouted++; // said in another room: not a delivery this receiver is owed
            return;
        }
        tally.received++;
        tally.recordLatency(nowNanos - stamp);
        switch (receiver.tracker().record(layout.senderInRoom(sender), parser.seq())) {
            case REORDERED -> tally.reordered++;
            case DUPLICATE -> tally.duplicated++;
            case IN_ORDER -> { }
        }
    }

    /** The connection has bytes queued: flush it at the end of this turn. */
    void markDirty(ClientConnection connection) {
        dirty.add(connection);
    }

    void onChurnFinished(long cycleNanos, String error) {
        churn.onFinished();
        if (error == null) {
            tally.recordChurnCycle(cycleNanos);
        } else {
            tally.recordChurnFailure(error);
        }
    }

    // ---- the loop ------------------------------------------------------------------------------

    private void run() {
        try {
            while (!closing) {
                runTasks();
                startQueuedConnects();
                // Raised before the timeout is computed: a pacer that sees it lowered knows this
                // turn's end will look at the clock again, and saves the wakeup (two syscalls).
                selecting = true;
                long timeoutMillis = selectTimeoutMillis(BenchClock.now());
                int ready = timeoutMillis < 0 ? selector.selectNow() : selector.select(timeoutMillis);
                selecting = false;
                // Lines before reads: a line queued late adds its lateness to all N of its deliveries,
                // while the ready reads only wait the few microseconds the writes take.
                queueDueLines(BenchClock.now());
                flushDirty();
                if (ready > 0) {
                    handleReadyKeys();
                }
                long now = BenchClock.now();
                queueDueLines(now);
                churn.startDue(now, addresses, tally);
                churn.expire(now);
                flushDirty();
                publish();
            }
        } catch (IOException | RuntimeException e) {
            progress.onFailure("event loop " + index + " failed: " + describe(e));
        } finally {
            closeAll();
        }
    }

    /**
     * Handles the selected keys, stopping every {@link #KEYS_BETWEEN_SENDS} keys to queue and
     * write the lines that have fallen due meanwhile: a thousand ready readers take
     * milliseconds, and a line's lateness is measured.
     */
    private void handleReadyKeys() {
        Set<SelectionKey> keys = selector.selectedKeys();
        int handled = 0;
        for (SelectionKey key : keys) {
            onKey(key);
            if (++handled % KEYS_BETWEEN_SENDS == 0 && cursor != null) {
                queueDueLines(BenchClock.now());
                flushDirty();
            }
        }
        keys.clear();
    }

    private void runTasks() {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            task.run();
        }
    }

    /** -1: select without blocking (something is due); 0: block until woken; else milliseconds. */
    private long selectTimeoutMillis(long now) {
        if (!tasks.isEmpty()) {
            return -1;
        }
        long next = Long.MAX_VALUE;
        if (cursor != null && cursor.hasNext()) {
            next = plan.lines().dueNanos(cursor.line());
        }
        next = Math.min(next, churn.nextWakeNanos(now));
        if (next == Long.MAX_VALUE) {
            return 0;
        }
        long waitNanos = next - now;
        if (waitNanos <= 0) {
            return -1;
        }
        // Rounded up: select's millisecond grain would otherwise make it return early and spin.
        // The Pacer wakes the loop on time for lines; this is the fallback.
        return (waitNanos + 999_999) / 1_000_000;
    }

    private void onKey(SelectionKey key) {
        if (!key.isValid()) {
            return; // closed earlier in this turn (a failed flush between two batches of keys)
        }
        Endpoint endpoint = (Endpoint) key.attachment();
        try {
            int ready = key.readyOps();
            if ((ready & SelectionKey.OP_CONNECT) != 0) {
                endpoint.onConnectable();
            }
            if (key.isValid() && (ready & SelectionKey.OP_READ) != 0) {
                endpoint.onReadable();
            }
            if (key.isValid() && (ready & SelectionKey.OP_WRITE) != 0) {
                endpoint.onWritable();
            }
        } catch (IOException e) {
            endpoint.fail(e);
        }
    }

    private void startQueuedConnects() {
        while (connectsInFlight < CONNECTS_IN_FLIGHT && !connectQueue.isEmpty()) {
            ClientConnection connection = connectQueue.poll();
            connectsInFlight++;
            try {
                connection.connect(addresses.forIndex(connection.index()));
            } catch (IOException e) {
                connection.fail(e);
            }
        }
    }

    /** Queues every line of this loop's senders that is due by {@code now}, stamped with its due time. */
    private void queueDueLines(long now) {
        if (cursor == null) {
            return;
        }
        RateSchedule lines = plan.lines();
        while (cursor.hasNext()) {
            long due = lines.dueNanos(cursor.line());
            if (due > now) {
                break;
            }
            // A sender the server has closed drops its lines; they count as sent, and so as lost.
            int sender = cursor.sender();
            int room = layout.roomOfSender(sender);
            connections[sender / loopCount].enqueueLine(
                    layout.wire(), layout.roomName(room), sender, cursor.seq(), due, plan.sizeBytes());
            tally.sent++;
            tally.expected += plan.receiversPerRoom()[room];
            tally.recordSendLag(now - due);
            cursor.advance();
        }
    }

    private void flushDirty() {
        for (int i = 0; i < dirty.size(); i++) {
            ClientConnection connection = dirty.get(i);
            try {
                connection.flush();
            } catch (IOException e) {
                connection.fail(e);
            }
        }
        dirty.clear();
    }

    private void publish() {
        progress.publishRun(tally.received, tally.sent, tally.expected, cursor == null || !cursor.hasNext(), churn.open());
    }

    private void closeAll() {
        for (ClientConnection connection : connections) {
            connection.close();
        }
        churn.abandonAll("the generator is shutting down");
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing is left to tell: every channel on it is closed already
        }
    }

    /** An exception as a short phrase for a report: its message, or its kind if it has none. */
    static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
