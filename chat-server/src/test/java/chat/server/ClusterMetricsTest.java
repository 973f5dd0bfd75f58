package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testkit.Await;
import chat.testkit.RedisServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --metrics} with {@code --redis}: the broker link's state, gaps in a room's numbering
 * and the events recovered from Redis's log, and {@code /health} saying "broker down" while the
 * real redis-server is away.
 */
class ClusterMetricsTest {

    @RegisterExtension
    final RedisServer redis = new RedisServer();

    private ChatServer server;
    private final Opened opened = new Opened();

    @AfterEach
    void stop() throws IOException {
        opened.close();
    }

    private TestClient joinAs(String nick) throws IOException {
        return opened.joinAs(server, nick);
    }

    private Scrape scrape() throws Exception {
        server.publishMetricsNow();
        return Scrape.of(server.metricsPort());
    }

    private void start() throws IOException {
        server = opened.server(ChatServer.start(ServerConfig.defaults().withPort(0).withFlood(50, 0)
                .withRedis(redis.uri(), "a"), new InetSocketAddress("127.0.0.1", 0)));
    }

    @Test
    void aGapInARoomsNumberingIsCountedWithTheEventsRecoveredFromTheLog() throws Exception {
        start();
        TestClient ann = joinAs("ann");
        assertEquals(1, scrape().value("chat_broker_up"));
        // An event this server never received, as if its message had been lost on the way:
        // numbered and logged in Redis as a server would, but not published.
        long missed = Long.parseLong(String.valueOf(redis.command("INCR", "chat:{lobby}:seq")));
        redis.command("XADD", "chat:{lobby}:log", missed + "-0", "m",
                missed + "\u001F" + System.currentTimeMillis() + "\u001FCHAT\u001Flobby\u001Fghost\u001Fa lost line");
        ann.send("after"); // numbered one past the missed event: the gap shows
        List<String> seen = ann.readUntil("ann: after");
        assertTrue(seen.contains("ghost: a lost line"), "recovered before the line after it: " + seen);
        Scrape after = scrape();
        assertEquals(1, after.value("chat_broker_gaps_total"), after.toString());
        assertEquals(2, after.value("chat_broker_recovered_events_total"), "the missed event and the one that showed the gap: " + after);
        assertEquals(0, after.value("chat_broker_lost_events_total"), after.toString());
    }

    @Test
    void healthSaysBrokerDownWhileRedisIsAwayAndReadyOnceItIsBack() throws Exception {
        start();
        TestClient ann = joinAs("ann");
        int port = server.metricsPort();
        assertEquals("ready", Scrape.get(port, "/health").body().strip());
        redis.stop();
        ann.expect("*** The chat cannot reach its other servers; lines you send now are not delivered. Reconnecting...");
        HttpResponse<String> down = Scrape.get(port, "/health");
        assertEquals(503, down.statusCode());
        assertEquals("broker down", down.body().strip());
        assertEquals(0, Scrape.of(port).value("chat_broker_up"));
        redis.start();
        ann.expect("*** The chat reaches its other servers again.");
        Await.until(() -> Scrape.get(port, "/health").statusCode() == 200, "/health to say ready again");
        assertEquals(1, Scrape.of(port).value("chat_broker_up"));
    }
}
