package chat.client;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, instead of sleeping and hoping. */
final class Await {

    /** Long enough for a loaded CI machine; tests that pass take milliseconds. */
    static final Duration DEADLINE = Duration.ofSeconds(10);
    /** Pause between two looks at the condition: the condition decides, this only saves CPU. */
    private static final long POLL_NANOS = 1_000_000;

    private Await() {
    }

    static void until(BooleanSupplier condition, String what) {
        until(condition, DEADLINE, () -> what);
    }

    static void until(BooleanSupplier condition, Supplier<String> what) {
        until(condition, DEADLINE, what);
    }

    /** Polls {@code condition} until it holds; fails with {@code what} once {@code deadline} passes. */
    static void until(BooleanSupplier condition, Duration deadline, Supplier<String> what) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("Timed out after " + deadline.toMillis() + " ms waiting for " + what.get());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
