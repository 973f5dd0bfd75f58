package chat.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared wait: it returns once the condition holds, fails by name at the deadline, and parks between checks. */
class AwaitTest {

    private static final Duration SHORT = Duration.ofMillis(100);

    @Test
    void returnsAtOnceWhenTheConditionAlreadyHolds() {
        AtomicInteger checks = new AtomicInteger();
        Await.until(() -> checks.incrementAndGet() > 0, "a true condition");
        assertEquals(1, checks.get());
    }

    @Test
    void returnsOnceAnotherThreadMakesTheConditionHold() throws InterruptedException {
        AtomicBoolean set = new AtomicBoolean();
        Thread setter = new Thread(() -> {
            sleep(20);
            set.set(true);
        });
        setter.start();
        Await.until("the flag to be set", Await.DEADLINE, set::get);
        setter.join();
    }

    @Test
    void conditionFirstFailureNamesWhatItWaitedFor() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> Await.until(() -> false, SHORT, () -> "the moon to turn blue"));
        assertEquals("Timed out after 100 ms waiting for the moon to turn blue", error.getMessage());
    }

    @Test
    void descriptionFirstFailureNamesWhatAndTheState() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> Await.until("the count to reach 3", SHORT, () -> false, () -> "(now 2)"));
        assertEquals("Timed out after 100 ms waiting for the count to reach 3 (now 2)", error.getMessage());

        AssertionError plain = assertThrows(AssertionError.class,
                () -> Await.until("the count to reach 3", SHORT, () -> false));
        assertEquals("Timed out after 100 ms waiting for the count to reach 3", plain.getMessage());
    }

    @Test
    void describesOnlyOnFailure() {
        AtomicInteger described = new AtomicInteger();
        Await.until(() -> true, () -> "never asked for " + described.incrementAndGet());
        Await.until("never asked for", SHORT, () -> true, () -> "state " + described.incrementAndGet());
        assertEquals(0, described.get());
    }

    @Test
    void parksBetweenChecksInsteadOfSpinning() {
        AtomicInteger checks = new AtomicInteger();
        assertThrows(AssertionError.class,
                () -> Await.until("nothing", SHORT, () -> checks.incrementAndGet() < 0));
        // A millisecond's park allows about a hundred checks in 100 ms; a spin makes millions.
        assertTrue(checks.get() < 1_000, checks.get() + " checks in 100 ms");
    }

    @Test
    void anInterruptEndsTheWaitAndStaysSet() {
        Thread.currentThread().interrupt();
        try {
            AssertionError error = assertThrows(AssertionError.class,
                    () -> Await.until(() -> false, "an interrupted wait"));
            assertEquals("Interrupted while waiting for an interrupted wait", error.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
