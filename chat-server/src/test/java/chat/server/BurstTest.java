package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slow means slow, not busy: a burst that arrives faster than any socket can drain reaches every
 * reader who reads, and nobody is dropped for it. The producers wait instead (their lines are
 * held, never lost). These are the hostile tester's bursts, at the default limits.
 */
class BurstTest {

    @RegisterExtension
    final RunningServer server = new RunningServer(ServerConfig.defaults());
    /** Readers and drainers: one thread each, as real clients would read. */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() throws IOException {
        threads.shutdownNow();
    }

    @Test
    void eightSendersOfTwentyFullLinesReachEveryReaderAndNoReaderIsDropped() throws Exception {
        burstIntoTheRoom(8, 20, 4095);
    }

    @Test
    void twoHundredSendersOfTwentyShortLinesReachEveryReaderAndNoReaderIsDropped() throws Exception {
        burstIntoTheRoom(200, 20, 100);
    }

    @Test
    void privateMessagesInABurstReachTheirReaderInAnotherRoomWhoIsNotDropped() throws Exception {
        TestClient victim = join();
        victim.send("/nick victim");
        victim.expect("*** " + victim.nick() + " is now known as victim");
        victim.send("/join #elsewhere");
        victim.expectStartingWith("*** You joined #elsewhere");
        List<TestClient> senders = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            senders.add(join());
        }
        Future<List<String>> received = threads.submit(() -> readLinesStartingWith(victim, "[pm from ", 160));
        sendBursts(senders, 20, "/msg victim ", 4000);
        List<String> lines = received.get(60, TimeUnit.SECONDS);
        assertEachSendersLinesInOrder(lines, senders, 20);
        victim.send("/who");
        victim.expect("*** 1 user in #elsewhere: victim"); // still here
    }

    /** {@code senderCount} users each send {@code lines} lines of {@code bytes} in one write. */
    private void burstIntoTheRoom(int senderCount, int lines, int bytes) throws Exception {
        List<TestClient> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            readers.add(join());
        }
        List<TestClient> senders = new ArrayList<>();
        for (int s = 0; s < senderCount; s++) {
            senders.add(join());
        }
        int total = senderCount * lines;
        List<Future<List<String>>> received = new ArrayList<>();
        for (TestClient reader : readers) {
            received.add(threads.submit(() -> readLinesStartingWith(reader, "burst ", total)));
        }
        sendBursts(senders, lines, "", bytes);
        for (Future<List<String>> got : received) {
            assertEachSendersLinesInOrder(got.get(90, TimeUnit.SECONDS), senders, lines);
        }
        readers.get(0).send("/who");
        readers.get(0).expectStartingWith("*** " + (3 + senderCount) + " users in #lobby: "); // nobody was dropped
    }

    /** Each sender writes its burst at once, then only drains what it is sent (it reads, as a client does). */
    private void sendBursts(List<TestClient> senders, int lines, String prefix, int bytes) throws IOException {
        for (TestClient sender : senders) {
            threads.submit(() -> drain(sender));
        }
        for (TestClient sender : senders) {
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < lines; i++) {
                String head = prefix + "burst " + sender.nick() + " " + i + " ";
                burst.append(head).append("x".repeat(bytes - head.length())).append('\n');
            }
            sender.sendRaw(burst.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void assertEachSendersLinesInOrder(List<String> lines, List<TestClient> senders, int each) {
        assertEquals(senders.size() * each, lines.size());
        for (TestClient sender : senders) {
            String mark = "burst " + sender.nick() + " ";
            List<Integer> order = new ArrayList<>();
            for (String line : lines) {
                int at = line.indexOf(mark);
                if (at >= 0) {
                    int from = at + mark.length();
                    order.add(Integer.parseInt(line.substring(from, line.indexOf(' ', from))));
                }
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                expected.add(i);
            }
            assertEquals(expected, order, "every line of " + sender.nick() + ", in the order sent");
        }
    }

    /** Reads until {@code count} burst lines have arrived; a reader dropped fails here, on its closed socket. */
    private static List<String> readLinesStartingWith(TestClient reader, String start, int count) throws IOException {
        List<String> lines = new ArrayList<>();
        while (lines.size() < count) {
            String line = reader.readLine();
            if (line.startsWith(start) || line.contains(": burst ")) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static Void drain(TestClient client) {
        byte[] sink = new byte[64 * 1024];
        try {
            InputStream in = client.socket.getInputStream();
            while (in.read(sink) >= 0) {
                // discard: a sender that reads its own echoes, as a client does
            }
        } catch (IOException ignored) {
            // closed at the end of the test
        }
        return null;
    }

    private TestClient join() throws IOException {
        TestClient client = TestClient.join(server.port());
        server.track(client);
        return client;
    }
}
