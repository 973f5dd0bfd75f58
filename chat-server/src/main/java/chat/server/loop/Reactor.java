package chat.server.loop;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loop, shaped like Redis's {@code ae.c}: file events ({@link Handler}s on channels),
 * time events ({@link Timers}), tasks handed over by other threads, and hooks run before it
 * sleeps. It knows nothing of chat or of what a connection holds.
 *
 * <p>Each pass:
 * <ol>
 *   <li>select, sleeping until a channel is ready, the next timer is due, or {@link #execute}
 *       wakes it; not sleeping at all while a {@link #stayAwakeWhile} condition holds;
 *   <li>run the tasks other threads handed over;
 *   <li>call each ready channel's handler, then the after-event hooks (the reaper: what a limit
 *       condemned during that event is closed before the next one);
 *   <li>run due timers;
 *   <li>run the before-sleep hooks, in the order they were added (admit newcomers, reap, flush:
 *       writing last lets every line a pass produced leave a connection in one write);
 *   <li>count how long the pass kept the loop busy ({@link PassTimes}, for the metrics).
 * </ol>
 *
 * <p>Reactor thread only, except {@link #execute}, {@link #droppedTasks} and {@link #failed},
 * safe from any thread. Invariant: {@code wakeupPending} is true from the first {@link #execute}
 * after a select until the next select, so a burst of tasks costs one {@code wakeup()}.
 */
public final class Reactor implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Reactor.class);

    /** Tasks other threads may have waiting at once; past it a task is refused and counted. */
    public static final int TASK_QUEUE_CAPACITY = 65_536;

    private final Selector selector;
    private final Timers timers = new Timers();
    /** Work handed over by other threads; bounded, drained at the top of each pass. */
    private final ArrayBlockingQueue<Runnable> tasks;
    /** True while a wakeup is on its way: further tasks need not call {@code wakeup()} again. */
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    /** Tasks refused because the queue was full. */
    private final AtomicLong droppedTasks = new AtomicLong();
    private final List<Runnable> afterEvent = new ArrayList<>();
    private final List<Runnable> beforeSleep = new ArrayList<>();
    private final List<BooleanSupplier> busy = new ArrayList<>();
    private final List<Runnable> atExit = new ArrayList<>();
    /** How long each pass kept the loop busy (metrics). */
    private final PassTimes passTimes = new PassTimes();
    /** System.nanoTime() at the start of the current pass. */
    private long now = System.nanoTime();
    /** Set by {@link #quit}: the loop ends after the current pass. */
    private boolean quitting;
    /** Set (on the reactor thread, read after it ends) if the loop broke instead of quitting. */
    private volatile boolean failed;

    public Reactor(Selector selector) {
        this(selector, TASK_QUEUE_CAPACITY);
    }

    public Reactor(Selector selector, int taskCapacity) {
        this.selector = selector;
        this.tasks = new ArrayBlockingQueue<>(taskCapacity);
    }

    /** Watches {@code channel} for {@code ops}; {@code handler} is called when it is ready. */
    public SelectionKey register(SelectableChannel channel, int ops, Handler handler) throws IOException {
        channel.configureBlocking(false);
        return channel.register(selector, ops, handler);
    }

    /** When the current pass began ({@link System#nanoTime}): one clock read per pass. */
    public long now() {
        return now;
    }

    public Timers timers() {
        return timers;
    }

    /** How long the passes so far kept the loop busy. Reactor thread. */
    public PassTimes passTimes() {
        return passTimes;
    }

    /**
     * Runs {@code task} on the reactor thread, soon. Any thread. Returns false, and counts it, if
     * the queue is full: a producer that outruns the loop is told, never buffered without bound.
     */
    public boolean execute(Runnable task) {
        if (!tasks.offer(task)) {
            droppedTasks.incrementAndGet();
            return false;
        }
        if (!wakeupPending.getAndSet(true)) {
            selector.wakeup();
        }
        return true;
    }

    /** Tasks refused since start because the queue was full. Any thread. */
    public long droppedTasks() {
        return droppedTasks.get();
    }

    /** Runs {@code hook} after every ready channel's handler. */
    public void afterEachEvent(Runnable hook) {
        afterEvent.add(hook);
    }

    /** Runs {@code hook} at the end of every pass, before sleeping, after those added earlier. */
    public void beforeSleep(Runnable hook) {
        beforeSleep.add(hook);
    }

    /** The loop does not sleep while {@code condition} holds (work is waiting for a later pass). */
    public void stayAwakeWhile(BooleanSupplier condition) {
        busy.add(condition);
    }

    /** Runs {@code hook} once the loop has ended, however it ended, before the selector closes. */
    public void atExit(Runnable hook) {
        atExit.add(hook);
    }

    /** Ends the loop after the current pass. Reactor thread. */
    public void quit() {
        quitting = true;
    }

    @Override
    public void run() {
        try {
            while (!quitting) {
                pass();
            }
        } catch (IOException | ClosedSelectorException e) {
            failed = true;
            log.error("event loop failed: {}", e.toString());
        } catch (Throwable e) {
            // Handlers' failures are caught in dispatch; anything that reaches here is the loop
            // itself breaking. Say so loudly, close what can be closed, exit non-zero.
            failed = true;
            log.error("event loop died", e);
        } finally {
            for (Runnable hook : atExit) {
                try {
                    hook.run();
                } catch (Throwable e) {
                    log.error("could not clean up: {}", e.toString());
                }
            }
            closeQuietly(selector);
            log.info("stopped");
        }
    }

    /** True if the loop ended because it broke, not because it was told to quit. */
    public boolean failed() {
        return failed;
    }

    private void pass() throws IOException {
        if (mustStayAwake() || !tasks.isEmpty()) {
            selector.selectNow();
        } else {
            long wait = timers.millisUntilNext(now);
            if (wait == 0 && timers.isEmpty()) {
                selector.select();
            } else {
                selector.select(wait);
            }
        }
        wakeupPending.set(false);
        now = System.nanoTime();
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
        Set<SelectionKey> ready = selector.selectedKeys();
        for (Iterator<SelectionKey> it = ready.iterator(); it.hasNext(); ) {
            SelectionKey key = it.next();
            it.remove();
            dispatch(key);
            runAll(afterEvent);
        }
        timers.runDue(now);
        runAll(beforeSleep);
        passTimes.record(System.nanoTime() - now);
    }

    private boolean mustStayAwake() {
        for (int i = 0, n = busy.size(); i < n; i++) {
            if (busy.get(i).getAsBoolean()) {
                return true;
            }
        }
        return false;
    }

    private static void runAll(List<Runnable> hooks) {
        for (int i = 0, n = hooks.size(); i < n; i++) {
            hooks.get(i).run();
        }
    }

    private static void dispatch(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        Handler handler = (Handler) key.attachment();
        try {
            int ops = key.readyOps();
            if ((ops & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0) {
                handler.onReadable();
            }
            if ((ops & SelectionKey.OP_WRITE) != 0 && key.isValid()) {
                handler.onWritable();
            }
        } catch (IOException e) {
            handler.onFailure(e);
        } catch (RuntimeException e) {
            // A bug, not the peer's doing: say so loudly, end this channel, keep serving.
            log.error("internal error on {}", handler, e);
            handler.onFailure(e);
        }
    }

    public static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // Shutting down or discarding: there is nobody left to tell.
        }
    }
}
