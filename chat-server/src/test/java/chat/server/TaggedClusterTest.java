package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.core.Tags;
import chat.testkit.RedisServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tagged mode across two servers of one chat (a real redis-server per test): the numbers and
 * times are the room's, so both servers tag a line alike; private messages and history that
 * come through Redis are tagged too.
 */
class TaggedClusterTest {

    @RegisterExtension
    final RedisServer redis = new RedisServer();

    private final Opened opened = new Opened();

    @AfterEach
    void stop() throws IOException {
        opened.close();
    }

    private ChatServer server(String node) throws IOException {
        ChatServer server = ChatServer.start(ServerConfig.defaults().withPort(0).withFlood(50, 0)
                .withHistoryLines(5).withRedis(redis.uri(), node));
        return opened.server(server);
    }

    private TestClient taggedAs(ChatServer server, String nick) throws IOException {
        TestClient client = TestClient.join(server.port());
        opened.client(client);
        client.send("/nick " + nick);
        client.expect("*** " + client.nick() + " is now known as " + nick);
        client.send("/tags on");
        client.expectStartingWith("@kind=notice;");
        return client;
    }

    /** Reads until a tagged line whose ordinary part is {@code line}; returns it read back. */
    private static Tags.Parsed expectTagged(TestClient client, String line) throws IOException {
        List<String> found = new ArrayList<>();
        client.readUntil(raw -> {
            if (raw.startsWith("@") && Tags.parse(raw).line().equals(line)) {
                found.add(raw);
                return true;
            }
            return false;
        }, "tagged, ending \"" + line + "\"");
        return Tags.parse(found.get(0));
    }

    @Test
    void aLineIsTaggedWithTheSameSeqAndTimeOnBothServers() throws IOException {
        ChatServer a = server("a");
        ChatServer b = server("b");
        TestClient ann = taggedAs(a, "ann");
        TestClient bob = taggedAs(b, "bob");
        expectTagged(ann, "*** " + bob.nick() + " is now known as bob");
        ann.send("over the wire; both ways");
        bob.send("and back");
        // The two lines are said at once on two servers: either may come first, but in one order for both.
        List<String> annSaw = both(ann);
        List<String> bobSaw = both(bob);
        assertEquals(annSaw, bobSaw, "one room, one number and time per line, whichever server tags it");
        Tags.Parsed said = annSaw.stream().map(Tags::parse).filter(p -> p.line().startsWith("ann: ")).findFirst().orElseThrow();
        assertNotNull(said.get("seq"));
        assertEquals("ann", said.get("from"));
        assertEquals("lobby", said.get("room"));
    }

    /** {@code client}'s next two chat lines, tagged, as they came: ann's and bob's. */
    private static List<String> both(TestClient client) throws IOException {
        List<String> lines = new ArrayList<>();
        client.readUntil(raw -> {
            String line = Tags.parse(raw).line();
            if (raw.startsWith("@") && (line.equals("ann: over the wire; both ways") || line.equals("bob: and back"))) {
                lines.add(raw);
            }
            return lines.size() == 2;
        }, "both chat lines, tagged");
        return lines;
    }

    @Test
    void aPrivateMessageFromAnotherServerIsTaggedWithItsSender() throws IOException {
        ChatServer a = server("a");
        ChatServer b = server("b");
        TestClient ann = taggedAs(a, "ann");
        TestClient bob = taggedAs(b, "bob");
        bob.send("/msg ann psst; a secret");
        Tags.Parsed sent = expectTagged(bob, "[pm to ann] psst; a secret");
        assertEquals("ann", sent.get("to"));
        Tags.Parsed received = expectTagged(ann, "[pm from bob] psst; a secret");
        assertEquals("pm", received.get("kind"));
        assertEquals("bob", received.get("from"));
        assertNotNull(received.get("time"));
    }

    @Test
    void historyFromRedisIsTaggedWithTheNumbersTheLinesHadLive() throws IOException {
        ChatServer a = server("a");
        ChatServer b = server("b");
        TestClient ann = taggedAs(a, "ann");
        TestClient bob = taggedAs(b, "bob");
        ann.send("kept for later");
        Tags.Parsed live = expectTagged(bob, "ann: kept for later");
        bob.send("/join dev");
        expectTagged(bob, "*** You joined #dev (1 user here).");
        bob.send("/join lobby");
        expectTagged(bob, "*** You joined #lobby (2 users here).");
        List<String> found = new ArrayList<>();
        bob.readUntil(raw -> {
            if (Tags.parse(raw).line().endsWith("] ann: kept for later")) {
                found.add(raw);
                return true;
            }
            return false;
        }, "the replayed line");
        Tags.Parsed replayed = Tags.parse(found.get(0));
        assertEquals("history", replayed.get("kind"));
        assertEquals("chat", replayed.get("was"));
        assertEquals(live.get("seq"), replayed.get("seq"));
        assertEquals(live.get("time"), replayed.get("time"));
        assertTrue(replayed.line().matches("\\[\\d\\d:\\d\\d] ann: kept for later"), replayed.line());
    }

    @Test
    void whatArrivesOnAServersPrivateChannelIsCheckedJunkDroppedAndTheOldFormStillRead() throws IOException {
        ChatServer a = server("a");
        TestClient ann = taggedAs(a, "ann"); // the first connection on a: id 1
        String us = "\u001F";
        redis.command("PUBLISH", "chat:pm:a", "pm2" + us + "1" + us + "not a name" + us + "junk");
        redis.command("PUBLISH", "chat:pm:a", "pm2" + us + "x" + us + "eve" + us + "junk");
        redis.command("PUBLISH", "chat:pm:a", "pm2" + us + "1" + us + "eve" + us + "ring\u001B[1mbold");
        redis.command("PUBLISH", "chat:pm:a", "pm" + us + "1" + us + "[pm from old] from an older server");
        Tags.Parsed checked = Tags.parse(ann.readLine());
        assertEquals("[pm from eve] ring^[[1mbold", checked.line(), "junk dropped, the text sanitised again");
        assertEquals("eve", checked.get("from"));
        Tags.Parsed old = Tags.parse(ann.readLine());
        assertEquals("[pm from old] from an older server", old.line());
        assertEquals("old", old.get("from"));
    }
}
