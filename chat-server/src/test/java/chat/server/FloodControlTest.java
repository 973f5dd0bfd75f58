package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A flooder's lines are delayed, never dropped, kept in order; nobody else is slowed. */
class FloodControlTest {

    private static final int BURST = 5;
    private static final int RATE = 20;
    private static final int LINES = 45;

    @RegisterExtension
    final RunningServer server = new RunningServer(ServerConfig.defaults().withFlood(BURST, RATE));

    @Test
    void pastedLinesArriveAllInOrderAtTheAllowedRateWhileOthersAreNotSlowed() throws IOException {
        try (TestClient flooder = TestClient.join(server.port()); TestClient bob = TestClient.join(server.port())) {
            StringBuilder paste = new StringBuilder();
            for (int i = 0; i < LINES; i++) {
                paste.append("flood ").append(i).append('\n');
            }
            flooder.sendRaw(paste.toString().getBytes(StandardCharsets.UTF_8));
            long first = 0;
            long bobSentAt = 0;
            long bobLatency = -1;
            List<Integer> order = new ArrayList<>();
            while (order.size() < LINES) {
                String line = bob.readLine();
                long now = System.nanoTime();
                if (line.startsWith("user1: flood ")) {
                    order.add(Integer.parseInt(line.substring("user1: flood ".length())));
                    if (order.size() == 1) {
                        first = now;
                    }
                    if (order.size() == BURST + 1) {
                        bobSentAt = System.nanoTime(); // the flooder is being held back now
                        bob.send("bob is not slowed");
                    }
                } else if (line.equals("user2: bob is not slowed")) {
                    bobLatency = now - bobSentAt;
                }
            }
            long spread = System.nanoTime() - first;
            for (int i = 0; i < LINES; i++) {
                assertEquals(i, order.get(i), "in order, none lost");
            }
            assertTrue(bobLatency >= 0, "bob's line arrived while the flood was still being let through");
            assertTrue(bobLatency < TimeUnit.MILLISECONDS.toNanos(500),
                    "bob waited " + TimeUnit.NANOSECONDS.toMillis(bobLatency) + " ms");
            long minimum = TimeUnit.SECONDS.toNanos(LINES - BURST) / RATE;
            assertTrue(spread > minimum * 8 / 10, "the flood was spread over "
                    + TimeUnit.NANOSECONDS.toMillis(spread) + " ms, not throttled to " + RATE + " lines/s");
        }
    }
}
