package chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testkit.RedisServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis target against a real redis-server on a free loopback port: subscribers, publishers, channels per room. */
@Timeout(30)
class RedisTargetTest {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private static final Duration RUN = Duration.ofMillis(300);

    private static ClientPool openPool(PoolLayout layout) {
        ClientPool pool = ClientPool.start(Addresses.of("127.0.0.1", redis.port()), 2);
        ConnectReport opened = pool.open(layout, 0);
        assertTrue(opened.complete(), "connected " + opened);
        assertEquals(null, pool.settle(), "every connection answered (subscribed, or PONG)");
        return pool;
    }

    @Test
    void everyPublishedLineReachesEverySubscriberAndNoneIsLost() {
        try (ClientPool pool = openPool(PoolLayout.of(RedisWire.INSTANCE, null, 1, 20, 3))) {
            RunResult result = RunResult.of(FanoutRun.execute(pool, new RunSpec(300, 3, RUN, 64, Duration.ofSeconds(3), 0), -1));

            assertEquals("redis", result.target());
            assertEquals(20, result.clients(), "the publishers are not receivers");
            assertEquals(90, result.sent());
            assertEquals(90 * 20, result.expected());
            assertEquals(90 * 20, result.received());
            assertEquals(0, result.lost());
            assertEquals(0, result.reordered());
            assertEquals(0, result.misrouted());
            assertEquals(0, result.disconnected());
        }
    }

    @Test
    void manyChannelsEachReachOnlyTheirOwnSubscribers() {
        // 6 rooms of 5 subscribers, 2 publishers per room: each line is owed to 5, not 30.
        try (ClientPool pool = openPool(PoolLayout.of(RedisWire.INSTANCE, null, 6, 5, 12))) {
            RunResult result = RunResult.of(FanoutRun.execute(pool, new RunSpec(400, 12, RUN, 64, Duration.ofSeconds(3), 0), -1));

            assertEquals(30, result.clients());
            assertEquals(6, result.rooms());
            assertEquals(120, result.sent());
            assertEquals(120 * 5, result.expected());
            assertEquals(120 * 5, result.received());
            assertEquals(0, result.lost());
            assertEquals(0, result.misrouted());
            assertEquals(0, result.reordered());
        }
    }

    @Test
    void churnCyclesPingPublishAndLeave() {
        try (ClientPool pool = openPool(PoolLayout.of(RedisWire.INSTANCE, "steady", 1, 3, 1))) {
            ChurnResult result = ChurnResult.of(FanoutRun.execute(pool, new RunSpec(100, 1, RUN, 64, Duration.ofSeconds(3), 100), -1));

            assertEquals(30, result.started());
            assertEquals(30, result.completed(), "first error: " + result.firstError());
            assertEquals(0, result.steady().lost());
        }
    }

    @Test
    void theCommandLineRunsASweepStepAgainstRedisAndSaysSoInTheJson() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var line = BenchMain.commandLine();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));

        int status = line.execute("sweep", "--target", "redis", "--port", Integer.toString(redis.port()), "--clients", "4",
                "--rooms", "3", "--senders", "1", "--rates", "100", "--duration", "300ms", "--warmup", "0", "--json");

        assertEquals(0, status, err.toString());
        String[] results = out.toString().strip().split("\n");
        assertEquals(2, results.length, out.toString());
        assertTrue(results[0].startsWith("{\"mode\":\"sweep_step\",\"step\":1,\"target\":\"redis\",\"rate\":100,\"clients\":12,"
                + "\"rooms\":3,\"senders\":3,"), results[0]);
        assertTrue(results[0].contains("\"expected\":120,\"received\":120,\"lost\":0,"), results[0]);
        assertTrue(results[1].startsWith("{\"mode\":\"sweep\",\"target\":\"redis\",\"max_rate\":100,\"max_deliveries_per_s\":400,"),
                results[1]);
        assertTrue(err.toString().startsWith("connected 12 subscribers and 3 publishers to 127.0.0.1:" + redis.port()
                + " in "), err.toString());
        assertTrue(err.toString().contains(", in 3 rooms of 4 (#room0 to #room2)"), err.toString());
    }

    @Test
    void aRedisThatRefusesConnectionsIsASentence() {
        redis.command("CONFIG", "SET", "maxclients", "3");
        try {
            StringWriter err = new StringWriter();
            var line = BenchMain.commandLine();
            line.setOut(new PrintWriter(new StringWriter()));
            line.setErr(new PrintWriter(err));

            int status = line.execute("fanout", "--target", "redis", "--port", Integer.toString(redis.port()), "--clients", "5",
                    "--senders", "1", "--warmup", "0");

            assertEquals(1, status);
            assertTrue(err.toString().contains("connections to 127.0.0.1:" + redis.port() + " ended before the run (first:"
                    + " Redis answered ERR max number of clients reached)."), err.toString());
        } finally {
            redis.command("CONFIG", "SET", "maxclients", "10000");
        }
    }
}
