package chat.server.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RefusedTasksTest {

    private final AtomicLong clock = new AtomicLong(5_000_000_000L);
    private final List<String> said = new ArrayList<>();
    private final RefusedTasks refused = new RefusedTasks("a Redis answer was dropped", said::add, clock::get);

    @Test
    void theFirstRefusalIsSaidAtOnce() {
        refused.refused();
        assertEquals(List.of("the event loop's task queue is full: a Redis answer was dropped"), said);
    }

    @Test
    void aFloodOfRefusalsIsOneLineASecondThatCountsThem() {
        refused.refused(); // said
        for (int i = 0; i < 10_000; i++) {
            refused.refused();
        }
        assertEquals(1, said.size(), "nothing more within the second");
        clock.addAndGet(RefusedTasks.INTERVAL_NANOS);
        refused.refused();
        assertEquals("the event loop's task queue is full: a Redis answer was dropped"
                + " (10001 times since the last such line)", said.get(1));
    }

    @Test
    void refusalsFromManyThreadsAreAllCountedAndSaidOnce() throws InterruptedException {
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        RefusedTasks shared = new RefusedTasks("an answer was dropped", lines::add, clock::get);
        clock.addAndGet(-1); // the first refusal is not yet a second after the start: counted, not said
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            new Thread(() -> {
                for (int i = 0; i < 25_000; i++) {
                    shared.refused();
                }
                done.countDown();
            }).start();
        }
        assertTrue(done.await(30, TimeUnit.SECONDS), "the threads finished");
        assertEquals(List.of(), lines);
        clock.addAndGet(RefusedTasks.INTERVAL_NANOS + 1);
        shared.refused();
        assertEquals(List.of("the event loop's task queue is full: an answer was dropped"
                + " (100001 times since the last such line)"), lines);
    }
}
