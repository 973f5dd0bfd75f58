package chat.bench;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The steady connections of a benchmark and the event loops that carry them: the users of R
 * rooms (chat users, Redis subscribers) and the senders, laid out by a {@link PoolLayout},
 * connection i on loop i mod L and to server i mod A (see {@link Addresses}), connections
 * 0..S-1 the senders. Opened in bounded batches ({@link EventLoop#CONNECTS_IN_FLIGHT} per
 * loop), so ten thousand connections neither overrun a server's accept backlog nor need a
 * thread each; held across runs (a warm-up and the run after it, a sweep's steps).
 *
 * <p>Main thread only (the command's). It reaches the loops through their task queues and reads
 * their published progress; it never touches a connection itself.
 */
final class ClientPool implements AutoCloseable {

    /** A task a loop does not answer in this long means the loop is stuck. */
    private static final Duration TASK_TIMEOUT = Duration.ofSeconds(10);
    /** A connection should get the server's welcome within this. */
    private static final Duration WELCOME_TIMEOUT = Duration.ofSeconds(10);
    /** No bytes for this long after connecting: the join notices are over. */
    private static final Duration QUIET = Duration.ofMillis(200);
    /** Longest wait for quiet; a server with thousands of users may send millions of notices. */
    private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(30);
    /** File descriptors the JVM itself needs besides the connections. */
    private static final int SPARE_FILE_DESCRIPTORS = 64;

    /** The servers, their names resolved before the loops start. */
    private final Addresses addresses;
    private final List<EventLoop> loops;
    /** Who is who, as given to {@link #open}; null before. */
    private PoolLayout layout;

    private ClientPool(Addresses addresses, List<EventLoop> loops) {
        this.addresses = addresses;
        this.loops = loops;
    }

    /** Starts {@code threads} event loops aimed at {@code targets}; nothing connects yet. */
    static ClientPool start(Addresses targets, int threads) {
        Addresses resolved = targets.resolved();
        List<EventLoop> loops = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            EventLoop loop = new EventLoop(i, threads, resolved);
            loop.start();
            loops.add(loop);
        }
        return new ClientPool(resolved, loops);
    }

    List<EventLoop> loops() {
        return loops;
    }

    /** The layout given to {@link #open}. */
    PoolLayout layout() {
        return layout;
    }

    Addresses addresses() {
        return addresses;
    }

    /** The servers, for sentences: {@code HOST:PORT}, or several joined by ", ". */
    String target() {
        return addresses.toString();
    }

    /**
     * Opens the connections {@code pool} lays out and waits for every connect's outcome. Each
     * first says what the layout gives it (a {@code /join}, a {@code SUBSCRIBE}), if anything.
     *
     * @param spareConnections connections the run will open besides these (churn), for the
     *     file-descriptor check
     */
    ConnectReport open(PoolLayout pool, int spareConnections) {
        int count = pool.connections();
        checkFileDescriptors(count + spareConnections);
        layout = pool;
        long start = BenchClock.now();
        for (EventLoop loop : loops) {
            loop.execute(() -> loop.openConnections(pool));
        }
        Deadline deadline = Deadline.after(Duration.ofSeconds(30).plusMillis(2L * count));
        deadline.await(() -> failure() != null || sum(LoopProgress::connected) + sum(LoopProgress::connectFailed) >= count);
        throwIfFailed();
        double seconds = (BenchClock.now() - start) / 1e9;
        String firstError = loops.stream()
                .map(loop -> loop.progress().firstConnectError())
                .filter(error -> error != null)
                .findFirst()
                .orElse(null);
        int connected = (int) sum(LoopProgress::connected);
        int failed = (int) sum(LoopProgress::connectFailed);
        if (connected + failed < count && firstError == null) {
            firstError = "some connects got no answer in time";
        }
        return new ConnectReport(count, connected, failed, seconds, firstError);
    }

    /**
     * Waits until every open connection has its welcome line and then until nothing has arrived
     * for a moment: by then the server has registered everyone (so no one misses the first
     * lines) and the join notices are over. Returns a sentence about what did not happen in
     * time, or null.
     */
    String settle() {
        String late = awaitWelcome();
        Deadline limit = Deadline.after(QUIET_TIMEOUT);
        long[] last = {sum(LoopProgress::bytesReceived)};
        Deadline[] quietUntil = {Deadline.after(QUIET)};
        boolean quiet = limit.await(() -> {
            long now = sum(LoopProgress::bytesReceived);
            if (now != last[0]) {
                last[0] = now;
                quietUntil[0] = Deadline.after(QUIET);
            }
            return failure() != null || quietUntil[0].passed();
        });
        throwIfFailed();
        if (quiet) {
            return late;
        }
        String busy = "The server was still sending (join notices?) " + QUIET_TIMEOUT.toSeconds()
                + " s after the last connect; measuring anyway.";
        return late == null ? busy : late + " " + busy;
    }

    /**
     * Waits until every open connection has received a line (a chat server greets each
     * newcomer). Returns a sentence if some did not within {@link #WELCOME_TIMEOUT}, or null.
     */
    String awaitWelcome() {
        boolean welcomed = Deadline.after(WELCOME_TIMEOUT)
                .await(() -> failure() != null || sum(LoopProgress::welcomed) >= sum(LoopProgress::open));
        throwIfFailed();
        if (welcomed) {
            return null;
        }
        return (sum(LoopProgress::open) - sum(LoopProgress::welcomed)) + " connections got no line from the server within "
                + WELCOME_TIMEOUT.toSeconds() + " s.";
    }

    /** Runs {@code task} on every loop and returns the results, in loop order. */
    <T> List<T> callAll(Function<EventLoop, Callable<T>> task) {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (EventLoop loop : loops) {
            futures.add(loop.call(task.apply(loop)));
        }
        List<T> results = new ArrayList<>();
        long deadline = BenchClock.now() + TASK_TIMEOUT.toNanos();
        for (CompletableFuture<T> future : futures) {
            try {
                results.add(future.get(Math.max(0, deadline - BenchClock.now()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                throwIfFailed();
                throw new BenchException("An event loop did not answer within " + TASK_TIMEOUT.toSeconds() + " s.");
            } catch (ExecutionException e) {
                throw new IllegalStateException("an event loop task failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("Interrupted.");
            }
        }
        return results;
    }

    /** The sum of one published counter over all loops. */
    long sum(ToLongFunction<LoopProgress> counter) {
        long total = 0;
        for (EventLoop loop : loops) {
            total += counter.applyAsLong(loop.progress());
        }
        return total;
    }

    boolean allSent() {
        return loops.stream().allMatch(loop -> loop.progress().sendDone());
    }

    /** Why the first open connection ended, or null if none has. */
    String firstLossReason() {
        for (EventLoop loop : loops) {
            String reason = loop.progress().firstLossReason();
            if (reason != null) {
                return reason;
            }
        }
        return null;
    }

    /** Why a loop died, or null while all run. */
    String failure() {
        for (EventLoop loop : loops) {
            String failure = loop.progress().failure();
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    void throwIfFailed() {
        String failure = failure();
        if (failure != null) {
            throw new BenchException("The generator failed: " + failure + ".");
        }
    }

    @Override
    public void close() {
        for (EventLoop loop : loops) {
            loop.close();
        }
    }

    /** A sentence of advice for a connect error to {@code targets}, or "" when there is none to give. */
    static String hint(String error, Addresses targets) {
        if (error == null) {
            return "";
        }
        if (error.contains("Too many open files")) {
            return " Raise the open-file limit in the shell that starts the generator, e.g. `ulimit -n 65536`.";
        }
        if (error.contains("Connection refused")) {
            return targets.size() == 1
                    ? " Is the server running on " + targets + "?"
                    : " Is a server running on each of " + targets + "?";
        }
        if (error.contains("Cannot assign requested address")) {
            return " The machine is out of local ports; wait for TIME_WAIT sockets to expire.";
        }
        return "";
    }

    /** Refuses a run the process's open-file limit cannot hold, with the way out. */
    private static void checkFileDescriptors(int connections) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof UnixOperatingSystemMXBean unix)) {
            return;
        }
        long limit = unix.getMaxFileDescriptorCount();
        long free = limit - unix.getOpenFileDescriptorCount();
        if (connections + SPARE_FILE_DESCRIPTORS > free) {
            throw new BenchException("This run needs about " + (connections + SPARE_FILE_DESCRIPTORS)
                    + " file descriptors, but the limit is " + limit + " (" + free + " free). Raise it"
                    + " in the shell that starts the generator, e.g. `ulimit -n 65536`, and mind the"
                    + " server's own limit too.");
        }
    }
}
