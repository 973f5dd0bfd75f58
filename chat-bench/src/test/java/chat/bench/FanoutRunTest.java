package chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Whole runs against tiny in-test chat servers on loopback ports: one, or two sharing a room. */
@Timeout(20)
class FanoutRunTest {

    /** Every run sends for this long: 0.3 s. */
    private static final Duration RUN = Duration.ofMillis(300);

    /**
     * A run whose drain ends early once every line arrives: 10 s leaves room for a machine busy
     * with other work (3 s once fell short on a loaded CI machine), and costs nothing otherwise.
     */
    private static RunSpec spec(double rate, int senders) {
        return new RunSpec(rate, senders, RUN, 64, Duration.ofSeconds(10), 0);
    }

    private static ClientPool openPool(TinyChatServer server, int clients) {
        return openPool(Addresses.of("127.0.0.1", server.port()), clients);
    }

    private static Addresses twoServers(TinyChatServer first, TinyChatServer second) {
        return Addresses.parse(List.of("127.0.0.1:" + first.port(), "127.0.0.1:" + second.port()));
    }

    private static ClientPool openPool(Addresses servers, int clients) {
        ClientPool pool = ClientPool.start(servers, 2);
        ConnectReport opened = pool.open(PoolLayout.of(ChatWire.INSTANCE, null, 1, clients, 0), 0);
        assertTrue(opened.complete(), "connected " + opened);
        assertEquals(null, pool.settle());
        return pool;
    }

    @Test
    void everyLineReachesEveryClientSenderIncluded() throws Exception {
        try (TinyChatServer server = new TinyChatServer(); ClientPool pool = openPool(server, 6)) {
            RunResult result = RunResult.of(FanoutRun.execute(pool, spec(200, 3), -1));

            assertEquals(60, result.sent());
            assertEquals(360, result.expected());
            assertEquals(360, result.received());
            assertEquals(0, result.lost());
            assertEquals(0, result.reordered());
            assertTrue(result.p50Ms() > 0 && result.maxMs() < 3000, "latency " + result.p50Ms() + ".." + result.maxMs());
        }
    }

    @Test
    void linesTheServerDropsAreCountedLostOncePerReceiver() throws Exception {
        // Sender 1's line with sequence number 3 never comes back to anyone.
        try (TinyChatServer server = new TinyChatServer(null, line -> line.startsWith("~cb~1~3~"), line -> false);
                ClientPool pool = openPool(server, 4)) {
            // Lines are missing, so the drain runs to its end: keep it short.
            RunSpec shortDrain = new RunSpec(100, 2, RUN, 64, Duration.ofMillis(500), 0);
            RunResult result = RunResult.of(FanoutRun.execute(pool, shortDrain, -1));

            assertEquals(30, result.sent());
            assertEquals(4, result.lost());
            assertEquals(116, result.received());
        }
    }

    @Test
    void aSenderTheServerResetsIsCountedAndTheRunGoesOn() throws Exception {
        // Sender 0 is kicked at its line 5; the other sender's lines still reach everyone left.
        try (TinyChatServer server = new TinyChatServer(null, line -> false, line -> line.startsWith("~cb~0~5~"));
                ClientPool pool = openPool(server, 40)) {
            RunSpec shortDrain = new RunSpec(200, 2, RUN, 64, Duration.ofMillis(500), 0);
            RunResult result = RunResult.of(FanoutRun.execute(pool, shortDrain, -1));

            assertEquals(1, result.disconnected());
            assertEquals(60, result.sent());
            assertTrue(result.lost() >= 40 * 25, "sender 0's lines from 5 on, to everyone: lost " + result.lost());
            assertEquals(0, result.reordered());
            assertEquals(null, pool.failure());
        }
    }

    @Test
    void historyStampedBeforeTheRunIsNotMeasured() throws Exception {
        String oldHistory = "[12:00] user9: ~cb~0~999~1000~xxxx";
        try (TinyChatServer server = new TinyChatServer(oldHistory, line -> false, line -> false); ClientPool pool = openPool(server, 3)) {
            RunResult result = RunResult.of(FanoutRun.execute(pool, spec(100, 1), -1));

            assertEquals(90, result.expected());
            assertEquals(90, result.received());
            assertEquals(0, result.reordered(), "sequence 999 from history would make every line look late");
        }
    }

    @Test
    void poolConnectionsAreReusedAcrossRuns() throws Exception {
        try (TinyChatServer server = new TinyChatServer(); ClientPool pool = openPool(server, 3)) {
            RunResult first = RunResult.of(FanoutRun.execute(pool, spec(100, 1), -1));
            RunResult second = RunResult.of(FanoutRun.execute(pool, spec(200, 2), -1));

            assertEquals(0, first.lost());
            assertEquals(180, second.expected());
            assertEquals(0, second.lost());
            assertEquals(0, second.reordered(), "the second run's numbers restart at 0");
        }
    }

    @Test
    void churnCyclesCompleteBesideTheSteadyRoom() throws Exception {
        try (TinyChatServer server = new TinyChatServer(); ClientPool pool = openPool(server, 3)) {
            RunSpec withChurn = new RunSpec(100, 1, RUN, 64, Duration.ofSeconds(3), 100);
            ChurnResult result = ChurnResult.of(FanoutRun.execute(pool, withChurn, -1));

            assertEquals(30, result.started());
            assertEquals(30, result.completed(), "first error: " + result.firstError());
            assertEquals(0, result.failed());
            assertEquals(0, result.steady().lost(), "churn lines carry no marker and are not counted");
        }
    }

    @Test
    void clientsAndSendersAreSpreadRoundRobinOverServersSharingTheRoom() throws Exception {
        try (TinyChatServer first = new TinyChatServer();
                TinyChatServer second = TinyChatServer.sharingRoomWith(first);
                ClientPool pool = openPool(twoServers(first, second), 6)) {
            RunResult result = RunResult.of(FanoutRun.execute(pool, spec(200, 2), -1));

            assertEquals(3, first.accepted(), "clients 0, 2, 4");
            assertEquals(3, second.accepted(), "clients 1, 3, 5");
            assertEquals(30, first.linesHeard(), "sender 0's lines, and only those");
            assertEquals(30, second.linesHeard(), "sender 1's lines, and only those");
            assertEquals(60, result.sent());
            assertEquals(360, result.expected(), "one room: every line to all six clients");
            assertEquals(360, result.received());
            assertEquals(0, result.lost());
            assertEquals(0, result.reordered());
        }
    }

    @Test
    void churnCyclesAreSpreadOverTheServersToo() throws Exception {
        try (TinyChatServer first = new TinyChatServer();
                TinyChatServer second = TinyChatServer.sharingRoomWith(first);
                ClientPool pool = openPool(twoServers(first, second), 2)) {
            RunSpec withChurn = new RunSpec(100, 1, RUN, 64, Duration.ofSeconds(3), 100);
            ChurnResult result = ChurnResult.of(FanoutRun.execute(pool, withChurn, -1));

            assertEquals(30, result.completed(), "first error: " + result.firstError());
            assertEquals(1 + 15, first.accepted(), "pool client 0 and the even cycles");
            assertEquals(1 + 15, second.accepted(), "pool client 1 and the odd cycles");
        }
    }

    @Test
    void addrRunsOneRoomOverSeveralServersAndTheJsonNamesThem() throws Exception {
        try (TinyChatServer first = new TinyChatServer(); TinyChatServer second = TinyChatServer.sharingRoomWith(first)) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            var line = BenchMain.commandLine();
            line.setOut(new PrintWriter(out));
            line.setErr(new PrintWriter(err));
            String addr = "127.0.0.1:" + first.port() + ",127.0.0.1:" + second.port();

            int status = line.execute("fanout", "--addr", addr, "--clients", "4", "--senders", "2", "--rate", "100",
                    "--duration", "300ms", "--warmup", "0", "--drain", "3s", "--json");

            assertEquals(0, status, err.toString());
            String json = out.toString().strip();
            assertTrue(json.contains("\"expected\":120,\"received\":120,\"lost\":0,"), json);
            assertTrue(json.endsWith(",\"addresses\":[\"127.0.0.1:" + first.port() + "\",\"127.0.0.1:"
                    + second.port() + "\"]}"), json);
            assertTrue(err.toString().startsWith("connected 4 clients to 127.0.0.1:" + first.port() + ", 127.0.0.1:"
                    + second.port() + " in "), err.toString());
            assertEquals(2, first.accepted());
            assertEquals(2, second.accepted());
        }
    }

    @Test
    void aServerMissingFromTheListIsNamedInTheError() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        try (TinyChatServer up = new TinyChatServer()) {
            StringWriter err = new StringWriter();
            var line = BenchMain.commandLine();
            line.setErr(new PrintWriter(err));
            line.setOut(new PrintWriter(new StringWriter()));

            int status = line.execute("fanout", "--addr", "127.0.0.1:" + up.port() + ",127.0.0.1:" + closedPort,
                    "--clients", "4", "--senders", "1");

            assertEquals(1, status);
            String servers = "127.0.0.1:" + up.port() + ", 127.0.0.1:" + closedPort;
            assertEquals("chat-bench: Only 2 of 4 connections to " + servers + " opened (first error: Connection refused,"
                    + " connecting to 127.0.0.1:" + closedPort + "). Is a server running on each of " + servers + "?",
                    err.toString().strip());
        }
    }

    @Test
    void noServerIsASentenceAndExitStatusOne() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var line = BenchMain.commandLine();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));

        int status = line.execute("fanout", "--port", Integer.toString(closedPort), "--clients", "2", "--senders", "1");

        assertEquals(1, status);
        assertTrue(err.toString().startsWith("chat-bench: Only 0 of 2 connections to 127.0.0.1:" + closedPort
                + " opened (first error: Connection refused). Is the server running"), err.toString());
    }

    @Test
    void badOptionsAreRefusedBeforeConnecting() {
        StringWriter err = new StringWriter();
        var line = BenchMain.commandLine();
        line.setErr(new PrintWriter(err));

        int status = line.execute("fanout", "--clients", "5", "--senders", "6");

        assertEquals(2, status);
        assertTrue(err.toString().startsWith("--senders must be 1-5 (at most --clients), got 6"), err.toString());
    }
}
