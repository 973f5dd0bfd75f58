package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testkit.Await;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A user who stops reading is disconnected once its unsent output passes the cap, and nobody
 * else notices: every line arrives, in order, without added delay.
 */
class SlowReaderTest {

    private static final int LINES = 40_000;
    private static final String PADDING = "x".repeat(180);
    /** Lines Ann may have sent and not yet seen echoed: about 100 KiB. */
    private static final int IN_FLIGHT_LINES = 500;

    @RegisterExtension
    final RunningServer server = new RunningServer(ServerConfig.defaults().withFlood(20, 0));

    @Test
    void userWhoNeverReadsIsDroppedAndOthersGetEveryLineOnTime() throws Exception {
        try (TestClient ann = TestClient.join(server.port());
             TestClient bob = TestClient.join(server.port());
             Socket sleeper = new Socket()) {
            sleeper.setReceiveBufferSize(4096);
            sleeper.connect(new InetSocketAddress("127.0.0.1", server.port()));
            sleeper.getOutputStream().write("/nick sleeper\n".getBytes(StandardCharsets.UTF_8));
            bob.expect("*** user3 is now known as sleeper"); // in the room; it will never read again

            // Ann's echoes and Bob's lines are read on threads of their own, as real clients would
            // (not the common pool: on two cores it has one thread, and Ann would stop reading).
            ExecutorService readers = Executors.newFixedThreadPool(2);
            AtomicInteger annHasSeen = new AtomicInteger();
            AtomicInteger bobHasSeen = new AtomicInteger();
            CompletableFuture<Long> annDone = CompletableFuture.supplyAsync(() -> readAll(ann, null, annHasSeen), readers);
            CompletableFuture<Long> bobWorstNanos = CompletableFuture.supplyAsync(
                    () -> readAll(bob, "sleeper", bobHasSeen), readers);
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < LINES; i++) {
                batch.append("t=").append(System.nanoTime()).append(" i=").append(i).append(' ').append(PADDING).append('\n');
                if (batch.length() > 32_000) {
                    ann.sendRaw(batch.toString().getBytes(StandardCharsets.UTF_8));
                    batch.setLength(0);
                    // A busy room, not a firehose: at most ~100 KiB in flight to the readers, a
                    // rate anyone who reads keeps up with. The sleeper still falls behind.
                    int sent = i + 1;
                    Await.until("the readers to catch up", Duration.ofSeconds(30),
                            () -> Math.min(annHasSeen.get(), bobHasSeen.get()) >= sent - IN_FLIGHT_LINES);
                }
            }
            ann.sendRaw(batch.toString().getBytes(StandardCharsets.UTF_8));
            ann.send("end");
            long worst = bobWorstNanos.get(60, TimeUnit.SECONDS);
            annDone.get(60, TimeUnit.SECONDS);
            readers.shutdown();
            assertTrue(worst < TimeUnit.SECONDS.toNanos(2),
                    "the slowest line took " + TimeUnit.NANOSECONDS.toMillis(worst) + " ms to reach bob");
        }
    }

    /**
     * Reads user1's numbered lines up to "end": all present, in order. If {@code leaver} is
     * given, also requires its too-slow notice. Returns the worst latency seen.
     */
    private static long readAll(TestClient client, String leaver, AtomicInteger seen) {
        try {
            long worst = 0;
            int expected = 0;
            boolean leaverGone = leaver == null;
            while (true) {
                String line = client.readLine();
                if (line.equals("user1: end")) {
                    break;
                }
                if (line.equals("*** " + leaver + " left #lobby (too slow to read)")) {
                    leaverGone = true;
                    continue;
                }
                if (!line.startsWith("user1: t=")) {
                    continue;
                }
                int space = line.indexOf(' ', 9);
                long sentAt = Long.parseLong(line.substring(9, space));
                int index = Integer.parseInt(line.substring(space + 3, line.indexOf(' ', space + 1)));
                assertEquals(expected, index, "lines arrive complete and in order");
                expected++;
                seen.set(expected);
                worst = Math.max(worst, System.nanoTime() - sentAt);
            }
            assertEquals(LINES, expected, "every line arrived");
            assertTrue(leaverGone, "the room was told the sleeper left as too slow");
            return worst;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
