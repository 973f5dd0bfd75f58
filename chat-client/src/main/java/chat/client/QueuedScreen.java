package chat.client;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.utils.AttributedString;

/**
 * A {@link Screen} that hands each line to one printing thread and returns at once, so whoever
 * shows a line never waits for the terminal. That matters for the link thread: JLine holds the
 * reader's lock while a key is handled, and a Tab after {@code /join} may wait there for a
 * room list ({@link ChatCompleter}); a link thread stuck in {@code printAbove} on an earlier
 * line could not read that list, and the Tab would always wait its full time.
 *
 * <p>Threads: {@link #show} and {@link #ring} from any thread; lines and bells reach the
 * screen underneath on the printing thread, one at a time, in the order given. {@link #close}
 * from the keyboard thread when the prompt ends.
 *
 * <p>The queue is bounded ({@link #QUEUE_LINES}): a terminal that cannot keep up with the chat
 * (a frozen tmux pane, a paused ssh) loses lines rather than the client's memory. Lines that
 * find it full are counted, and once there is room again one line says how many were not shown.
 */
final class QueuedScreen implements Screen, AutoCloseable {

    /** How long {@link #close} lets the lines still queued (a goodbye) reach the terminal. */
    private static final long DRAIN_MILLIS = 1_000;

    /** Lines waiting for the terminal at most. */
    static final int QUEUE_LINES = 10_000;

    private final Screen screen;
    private final ThreadPoolExecutor printer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_LINES), task -> {
                Thread thread = new Thread(task, "chat-screen");
                thread.setDaemon(true); // a terminal that hangs must not keep the JVM from exiting
                return thread;
            });
    /** The status line waiting to be drawn; null when none is. */
    private final AtomicReference<AttributedString> pendingStatus = new AtomicReference<>();
    /** Lines dropped with the queue full and not yet reported; touched only under {@code this}. */
    private long notShown;

    /** @param screen the terminal's screen; called on the printing thread only */
    QueuedScreen(Screen screen) {
        this.screen = screen;
    }

    @Override
    public void show(AttributedString line) {
        submit(() -> screen.show(line));
    }

    @Override
    public void ring() {
        submit(screen::ring);
    }

    /**
     * Only the latest status line matters: one waiting to be drawn is replaced, not queued
     * behind it, so a status that changes with every line costs one draw per turn of the queue.
     */
    @Override
    public void status(AttributedString bar) {
        if (pendingStatus.getAndSet(bar) == null) {
            submit(() -> {
                AttributedString latest = pendingStatus.getAndSet(null);
                if (latest != null) {
                    screen.status(latest);
                }
            });
        }
    }

    /** Prints what is still queued (waiting at most a second), then stops; later lines are dropped. */
    @Override
    public void close() {
        printer.shutdown();
        try {
            printer.awaitTermination(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void submit(Runnable print) {
        if (printer.isShutdown()) {
            return; // the prompt has ended and nobody is looking
        }
        try {
            if (notShown > 0 && printer.getQueue().remainingCapacity() > 1) {
                AttributedString notice = new AttributedString("*** " + notShown + " lines were not shown:"
                        + " the terminal could not keep up.", LineStyler.NOTICE);
                printer.execute(() -> screen.show(notice));
                notShown = 0;
            }
            printer.execute(print);
        } catch (RejectedExecutionException full) {
            notShown++; // the queue is full (or closed between the check and here)
        }
    }

    /** Lines dropped for a full queue and not yet reported (tests). */
    synchronized long notShown() {
        return notShown;
    }
}
