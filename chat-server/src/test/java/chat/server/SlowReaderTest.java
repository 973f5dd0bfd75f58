package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A user who stops reading is disconnected once its unsent output passes the cap, and nobody
 * else notices: every line arrives, in order, without added delay.
 */
class SlowReaderTest {

    private static final int LINES = 40_000;
    private static final String PADDING = "x".repeat(180);

    private ChatServer server;

    @BeforeEach
    void start() throws IOException {
        server = ChatServer.start(ServerConfig.defaults().withPort(0).withFlood(20, 0));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void userWhoNeverReadsIsDroppedAndOthersGetEveryLineOnTime() throws Exception {
        try (TestClient ann = TestClient.join(server.port());
             TestClient bob = TestClient.join(server.port());
             Socket sleeper = new Socket()) {
            sleeper.setReceiveBufferSize(4096);
            sleeper.connect(new InetSocketAddress("127.0.0.1", server.port()));
            sleeper.getOutputStream().write("/nick sleeper\n".getBytes(StandardCharsets.UTF_8));
            bob.expect("*** user3 is now known as sleeper"); // in the room; it will never read again

            // Ann's echoes and Bob's lines are read on their own threads, as real clients would.
            CompletableFuture<Long> annDone = CompletableFuture.supplyAsync(() -> readAll(ann, null));
            CompletableFuture<Long> bobWorstNanos = CompletableFuture.supplyAsync(() -> readAll(bob, "sleeper"));
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < LINES; i++) {
                batch.append("t=").append(System.nanoTime()).append(" i=").append(i).append(' ').append(PADDING).append('\n');
                if (batch.length() > 32_000) {
                    ann.sendRaw(batch.toString().getBytes(StandardCharsets.UTF_8));
                    batch.setLength(0);
                }
            }
            ann.sendRaw(batch.toString().getBytes(StandardCharsets.UTF_8));
            ann.send("end");
            long worst = bobWorstNanos.get(60, TimeUnit.SECONDS);
            annDone.get(60, TimeUnit.SECONDS);
            assertTrue(worst < TimeUnit.SECONDS.toNanos(2),
                    "the slowest line took " + TimeUnit.NANOSECONDS.toMillis(worst) + " ms to reach bob");
        }
    }

    /**
     * Reads user1's numbered lines up to "end": all present, in order. If {@code leaver} is
     * given, also requires its too-slow notice. Returns the worst latency seen.
     */
    private static long readAll(TestClient client, String leaver) {
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
