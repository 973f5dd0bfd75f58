package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testkit.Await;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

/** The printing thread's queue is bounded: a stuck terminal costs lines, counted and then reported, never memory. */
class QueuedScreenTest {

    @Test
    void linesBeyondTheQueueAreDroppedCountedAndReportedOnceThereIsRoom() throws InterruptedException {
        CountDownLatch terminalStuck = new CountDownLatch(1);
        List<String> shown = new CopyOnWriteArrayList<>();
        Screen terminal = new Screen() {
            @Override
            public void show(AttributedString line) {
                try {
                    terminalStuck.await(); // a frozen pane: the first line never finishes printing
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                shown.add(line.toString());
            }

            @Override
            public void ring() {
            }
        };
        QueuedScreen screen = new QueuedScreen(terminal);
        int sent = QueuedScreen.QUEUE_LINES + 1 + 25; // one printing, a full queue, 25 more
        for (int i = 0; i < sent; i++) {
            screen.show(new AttributedString("line " + i));
        }
        Await.until(() -> screen.notShown() == 25, () -> "dropped " + screen.notShown());
        terminalStuck.countDown();
        Await.until(() -> shown.size() == sent - 25, () -> "shown " + shown.size());
        screen.show(new AttributedString("after"));
        Await.until(() -> shown.size() == sent - 25 + 2, () -> "shown " + shown.size());
        assertEquals("*** 25 lines were not shown: the terminal could not keep up.", shown.get(shown.size() - 2));
        assertEquals("after", shown.get(shown.size() - 1));
        assertTrue(shown.get(0).equals("line 0"));
        screen.close();
    }
}
