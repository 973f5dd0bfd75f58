package chat.server.net;

import chat.server.loop.Reactor;
import chat.server.loop.RefusedTasks;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps TLS handshakes from stalling the loop. A handshake's expensive part (key agreement,
 * signing) comes out of the engine as delegated tasks, run here on threads of their own; what
 * is left on the loop (parsing, encrypting the flights) is paced: at most
 * {@link #STEPS_PER_PASS} handshake steps per pass, the rest wait in line, oldest first, for
 * the next pass. So a storm of a thousand TLS clients costs the people already chatting a few
 * steps per pass, never a pass of a thousand handshakes.
 *
 * <p>Reactor thread only, except the task threads, which run tasks and hand each connection back
 * through {@link Reactor#execute}. Invariants: {@code stepsThisPass <= STEPS_PER_PASS}; a
 * transport is in {@code waiting} at most once (while waiting, its socket has no interest).
 */
final class Handshakes {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Handshakes.class);

    /**
     * Handshake steps (each a few unwraps and wraps, about 0.5 ms of the loop's CPU) taken per
     * pass. During a storm of 1,000 handshakes beside 100 plain users, 16 pushed their p99 past
     * 100 ms; 4 gave 49.6 ms (clients that leave) and 59.2 ms (clients that stay), 1 gives 26.5
     * and 39.9 ms, the storm taking 10-12% longer (medians of 3 rounds, bench/tls-storm.sh;
     * docs/benchmarks.md, "TLS"). The loop stays awake while steps wait, so a lone handshake
     * is not slowed.
     */
    static final int STEPS_PER_PASS = 1;
    /** Delegated tasks waiting for a thread; past it a handshake is refused, so the queue stays bounded. */
    static final int TASK_QUEUE_CAPACITY = 4096;

    private final Reactor reactor;
    /** Where the steps deferred and the handshakes refused are counted, for the metrics. */
    private final Traffic traffic;
    private final ThreadPoolExecutor tasks;
    /** Handshakes whose next step waits for a pass with turns left. */
    private final ArrayDeque<TlsTransport> waiting = new ArrayDeque<>();
    /** Steps taken since the last {@link #resumeWaiting}. */
    private int stepsThisPass;
    /** Finished tasks the loop's full queue refused (the reactor counts them): said at most once a second. */
    private final RefusedTasks refusedReturns = new RefusedTasks("a TLS handshake waits for its deadline", log::warn);

    Handshakes(Reactor reactor, Traffic traffic) {
        this.reactor = reactor;
        this.traffic = traffic;
        // Leave a core to the loop; threads start with the first handshake and stop when idle.
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() - 1));
        AtomicInteger count = new AtomicInteger();
        this.tasks = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(TASK_QUEUE_CAPACITY), task -> {
                    Thread thread = new Thread(task, "chat-tls-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.tasks.allowCoreThreadTimeOut(true);
    }

    /**
     * A turn for one step of {@code transport}'s handshake in this pass. False if none is left
     * (or others wait already): it waits in line and {@link TlsTransport#turnGranted} is called
     * when its turn comes.
     */
    boolean takeTurn(TlsTransport transport) {
        if (stepsThisPass < STEPS_PER_PASS && waiting.isEmpty()) {
            stepsThisPass++;
            return true;
        }
        waiting.add(transport);
        traffic.tlsStepsDeferred++;
        return false;
    }

    /** True if handshakes wait for a turn: the loop must not sleep. */
    boolean hasWaiting() {
        return !waiting.isEmpty();
    }

    /** Before the loop sleeps: a new pass's turns, the first of them to those waiting, oldest first. */
    void resumeWaiting() {
        stepsThisPass = 0;
        TlsTransport next;
        while (stepsThisPass < STEPS_PER_PASS && (next = waiting.poll()) != null) {
            stepsThisPass++;
            next.turnGranted();
        }
    }

    /** Runs {@code task} off the loop; {@code transport} is handed back to the loop when it is done. */
    void runTask(Runnable task, TlsTransport transport) throws IOException {
        try {
            tasks.execute(() -> {
                try {
                    task.run();
                } finally {
                    if (!reactor.execute(transport::taskDone)) {
                        // The loop's queue is full (the reactor counts it): this handshake ends
                        // at its deadline instead, and is counted as timed out.
                        refusedReturns.refused();
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            traffic.tlsHandshakesRefused++;
            throw new IOException("too many TLS handshakes at once");
        }
    }

    /** The loop ended: queued tasks are dropped, running ones end with their handshakes. */
    void close() {
        tasks.shutdownNow();
    }
}
