package chat.server.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testkit.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker that checks /oper passwords off the loop: answers handed back, overflow refused and counted. */
class PasswordChecksTest {

    @TempDir
    Path dir;

    @Test
    void checksBeyondTheQueueAreRefusedAndCountedAndTheRestAnsweredThroughTheLoop() throws IOException {
        Path file = dir.resolve("ops");
        Files.writeString(file, "root " + PasswordHash.hash("pw".toCharArray(), PasswordHash.DEFAULT_ITERATIONS) + "\n");
        ConcurrentLinkedQueue<Runnable> loop = new ConcurrentLinkedQueue<>();
        Executor handBack = loop::add; // stands for the reactor's task queue: answers wait there, run by the test
        AtomicInteger right = new AtomicInteger();
        AtomicInteger wrong = new AtomicInteger();
        int accepted = 0;
        try (PasswordChecks checks = new PasswordChecks(Operators.load(file), handBack)) {
            assertTrue(checks.submit("root", "pw".toCharArray(), ok -> (ok ? right : wrong).incrementAndGet()));
            accepted++;
            for (int i = 0; i < 2 * PasswordChecks.QUEUE; i++) {
                if (checks.submit("root", "nope".toCharArray(), ok -> (ok ? right : wrong).incrementAndGet())) {
                    accepted++;
                }
            }
            // One check takes hundreds of milliseconds: the queue cannot have drained while we filled it.
            assertTrue(accepted <= PasswordChecks.QUEUE + 2, "accepted " + accepted);
            assertEquals(2 * PasswordChecks.QUEUE + 1 - accepted, checks.refused());
            Await.until(() -> !loop.isEmpty(), "the first answer is handed back");
            assertEquals(0, right.get() + wrong.get(), "an answer runs only when the loop runs it");
            loop.poll().run();
            assertEquals(1, right.get(), "the right password was checked first");
            assertFalse(checks.refused() == 0);
        }
    }
}
