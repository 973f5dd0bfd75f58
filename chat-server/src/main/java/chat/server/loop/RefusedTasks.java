package chat.server.loop;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The warning that work for the loop was refused because its task queue was full, said at most
 * once a second with how many were refused since the last time: when the queue is full, it is
 * full for thousands of answers at once, and a line for each would bury the log (and cost the
 * threads that write it). The reactor counts every refusal itself ({@link Reactor#droppedTasks},
 * in the metrics); this is only what a person reads.
 *
 * <p>Any thread. Invariant: {@code pending} is the number of refusals not yet reported by a line.
 */
public final class RefusedTasks {

    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String what;
    private final Consumer<String> warn;
    private final LongSupplier nanoTime;
    private final AtomicLong pending = new AtomicLong();
    /** When the last line was said; a second before construction, so the first refusal is said at once. */
    private final AtomicLong lastSaid;

    /**
     * @param what what was lost each time, such as {@code "a Redis answer was dropped"}
     * @param warn where the line goes (the logger's {@code warn})
     */
    public RefusedTasks(String what, Consumer<String> warn) {
        this(what, warn, System::nanoTime);
    }

    RefusedTasks(String what, Consumer<String> warn, LongSupplier nanoTime) {
        this.what = what;
        this.warn = warn;
        this.nanoTime = nanoTime;
        this.lastSaid = new AtomicLong(nanoTime.getAsLong() - INTERVAL_NANOS);
    }

    /** One more task refused; says so if a second has passed since the last line. */
    public void refused() {
        pending.incrementAndGet();
        long now = nanoTime.getAsLong();
        long last = lastSaid.get();
        if (now - last >= INTERVAL_NANOS && lastSaid.compareAndSet(last, now)) {
            long count = pending.getAndSet(0);
            warn.accept("the event loop's task queue is full: " + what
                    + (count == 1 ? "" : " (" + count + " times since the last such line)"));
        }
    }
}
