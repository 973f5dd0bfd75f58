package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One address cannot take the server for itself: past {@code --max-connections-per-address} its
 * next connection is told why and closed, while other addresses, and the exempt ones, get in.
 * Uses loopback addresses other than 127.0.0.1 (Linux routes all of 127.0.0.0/8 to lo).
 */
class PerAddressLimitTest {

    private static final int LIMIT = 3;

    @RegisterExtension
    final RunningServer server = new RunningServer(ServerConfig.defaults().withPerAddressLimit(LIMIT, List.of("127.0.0.1", "::1")));

    private TestClient joinFrom(String address) throws IOException {
        TestClient client = TestClient.joinFrom(address, server.port());
        server.track(client);
        return client;
    }

    @Test
    void anAddressOverItsLimitIsToldAndClosedWhileOthersGetIn() throws IOException {
        for (int i = 0; i < LIMIT; i++) {
            joinFrom("127.0.0.2");
        }
        TestClient over = TestClient.connectFrom("127.0.0.2", server.port());
        server.track(over);
        List<String> seen = over.readUntilClosed();
        assertEquals(List.of("! Too many connections from your address (at most 3); close one and try again."), seen);

        joinFrom("127.0.0.3"); // another address is not affected
        for (int i = 0; i < LIMIT + 2; i++) {
            joinFrom("127.0.0.1"); // exempt: the default exempts loopback's usual address
        }
    }

    @Test
    void aClosedConnectionFreesItsPlaceForTheSameAddress() throws Exception {
        List<TestClient> mine = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
            mine.add(joinFrom("127.0.0.2"));
        }
        TestClient watcher = joinFrom("127.0.0.3");
        mine.get(0).send("/quit");
        watcher.expect("*** " + mine.get(0).nick() + " left #lobby (quit)");
        // The server counted the departure when it closed the socket, which is before or right
        // after the room heard of it: retry within a deadline rather than guess.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            TestClient again = TestClient.connectFrom("127.0.0.2", server.port());
            server.track(again);
            String first = again.readLine();
            if (first.startsWith("*** Welcome, ")) {
                break;
            }
            assertTrue(first.startsWith("! Too many connections"), first);
            assertTrue(System.nanoTime() < deadline, "the place was never freed");
        }
    }
}
