package chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.server.ChatServer;
import chat.server.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The many-rooms mode against the real chat server, started in this process on a free port. */
@Timeout(30)
class ManyRoomsTest {

    private static final Duration RUN = Duration.ofMillis(300);

    private static ChatServer startServer() throws Exception {
        return ChatServer.start(ServerConfig.defaults().withPort(0).withFlood(20, 0));
    }

    private static ClientPool openPool(int port, PoolLayout layout) {
        ClientPool pool = ClientPool.start(Addresses.of("127.0.0.1", port), 2);
        ConnectReport opened = pool.open(layout, 0);
        assertTrue(opened.complete(), "connected " + opened);
        assertEquals(null, pool.settle(), "every client welcomed, the join notices over");
        return pool;
    }

    @Test
    void everyRoomGetsItsOwnLinesAndNothingIsLost() throws Exception {
        // 8 rooms of 5 clients (joined with /join room0 ... /join room7), 2 senders in each.
        try (ChatServer server = startServer();
                ClientPool pool = openPool(server.port(), PoolLayout.of(ChatWire.INSTANCE, null, 8, 5, 16))) {
            RunResult result = RunResult.of(FanoutRun.execute(pool, new RunSpec(400, 16, RUN, 64, Duration.ofSeconds(3), 0), -1));

            assertEquals("chat", result.target());
            assertEquals(40, result.clients());
            assertEquals(8, result.rooms());
            assertEquals(120, result.sent());
            assertEquals(120 * 5, result.expected(), "each line to its own room of 5, its sender included");
            assertEquals(120 * 5, result.received());
            assertEquals(0, result.lost());
            assertEquals(0, result.misrouted());
            assertEquals(0, result.reordered());
            assertEquals(0, result.disconnected());
        }
    }

    @Test
    void aServerThatIgnoresRoomsIsCaughtDeliveringToTheWrongRoom() throws Exception {
        // The tiny server relays "/join room1" as chatter and everything to everyone: one room of 6.
        try (TinyChatServer server = new TinyChatServer();
                ClientPool pool = openPool(server.port(), PoolLayout.of(ChatWire.INSTANCE, null, 2, 3, 2))) {
            RunResult result = RunResult.of(FanoutRun.execute(pool, new RunSpec(100, 2, RUN, 64, Duration.ofSeconds(3), 0), -1));

            assertEquals(30, result.sent());
            assertEquals(30 * 3, result.expected());
            assertEquals(30 * 3, result.received());
            assertEquals(30 * 3, result.misrouted(), "every line also reached the other room's 3");
            assertEquals("90 deliveries in the wrong room", SweepStep.judge(1, result, 20).verdict());
        }
    }

    @Test
    void theCommandLineRunsManyRoomsAndReportsTheAggregate() throws Exception {
        try (ChatServer server = startServer()) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            var line = BenchMain.commandLine();
            line.setOut(new PrintWriter(out));
            line.setErr(new PrintWriter(err));

            int status = line.execute("fanout", "--port", Integer.toString(server.port()), "--rooms", "10", "--clients", "3",
                    "--senders", "1", "--rate", "200", "--duration", "300ms", "--warmup", "0");

            assertEquals(0, status, err.toString());
            String text = out.toString();
            assertTrue(text.startsWith("connected 30 clients to 127.0.0.1:" + server.port() + " in "), text);
            assertTrue(text.contains(", in 10 rooms of 3 (#room0 to #room9)\n"), text);
            assertTrue(text.contains("fan-out: 30 clients, in 10 rooms, 10 senders, 200 lines/s for 0.3 s, 64-byte lines\n"), text);
            assertTrue(text.contains("  delivered  180 of 180 (60 lines sent): lost 0, reordered 0;"), text);
        }
    }
}
