package chat.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline, instead of sleeping and hoping. Shared by every
 * module's tests through chat-core's test-jar.
 *
 * <p>Two argument orders are offered, because both are in use and switching a module should
 * only be an import change:
 * <ul>
 *   <li>condition first, description last, {@link #DEADLINE} implied:
 *       {@link #until(BooleanSupplier, String)}, {@link #until(BooleanSupplier, Supplier)},
 *       {@link #until(BooleanSupplier, Duration, Supplier)};</li>
 *   <li>description first, explicit timeout, condition, then optionally a supplier of the state
 *       to show on failure: {@link #until(String, Duration, BooleanSupplier)},
 *       {@link #until(String, Duration, BooleanSupplier, Supplier)}.</li>
 * </ul>
 * All of them behave the same way: the condition is checked at once and then again after each
 * short park (a millisecond), on the calling thread, until it holds; once the deadline has
 * passed with the condition still false, an {@link AssertionError} says how long it waited and
 * for what. Descriptions given as suppliers are evaluated only then, so they may be costly and
 * may show the state at the moment of failure.
 *
 * <p>Thread: the calling (test) thread does the checking and the parking; the condition is read
 * from it, so it must read state the code under test publishes safely (volatile, concurrent
 * collections, locks). Stateless: safe from any number of threads at once.
 */
public final class Await {

    /** The default deadline: long enough for a loaded CI machine; tests that pass take milliseconds. */
    public static final Duration DEADLINE = Duration.ofSeconds(10);

    /**
     * Pause between two checks of the condition. The condition alone decides when the wait ends;
     * the pause only keeps the waiting thread off the CPU (a spin would starve the very threads
     * it waits for on a small machine), and a millisecond adds no noticeable latency to a test.
     */
    private static final long POLL_NANOS = 1_000_000;

    private Await() {
    }

    /** Waits up to {@link #DEADLINE} for {@code condition}; {@code what} names it in the failure. */
    public static void until(BooleanSupplier condition, String what) {
        Objects.requireNonNull(what, "what");
        await(condition, DEADLINE, () -> what);
    }

    /** Waits up to {@link #DEADLINE} for {@code condition}; {@code what} is asked for only on failure. */
    public static void until(BooleanSupplier condition, Supplier<String> what) {
        await(condition, DEADLINE, what);
    }

    /** Waits up to {@code deadline} for {@code condition}; {@code what} is asked for only on failure. */
    public static void until(BooleanSupplier condition, Duration deadline, Supplier<String> what) {
        await(condition, deadline, what);
    }

    /** Waits up to {@code timeout} for {@code condition}; {@code what} names it in the failure. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        Objects.requireNonNull(what, "what");
        await(condition, timeout, () -> what);
    }

    /**
     * Waits up to {@code timeout} for {@code condition}; the failure names {@code what} followed by
     * {@code state} (asked for only then), such as the current value of what was waited on.
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(state, "state");
        await(condition, timeout, () -> join(what, state.get()));
    }

    private static void await(BooleanSupplier condition, Duration deadline, Supplier<String> what) {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(what, "what");
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            // Difference, not comparison: nanoTime may wrap.
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("Timed out after " + deadline.toMillis() + " ms waiting for " + what.get());
            }
            // An interrupted thread returns from park at once: the loop would spin. The interrupt
            // means someone wants this test to stop, so stop, and leave the flag set for them.
            if (Thread.currentThread().isInterrupted()) {
                throw new AssertionError("Interrupted while waiting for " + what.get());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private static String join(String what, String state) {
        return state == null || state.isEmpty() ? what : what + " " + state;
    }
}
