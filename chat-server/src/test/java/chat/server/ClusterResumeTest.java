package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testkit.RedisServer;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /resume} with two real servers and a real Redis: a session dropped on one is resumed on the other. */
class ClusterResumeTest {

    private static final Pattern TOKEN = Pattern.compile("\\*\\*\\* Your resume token is ([a-z2-7]{26})\\. .*");

    @RegisterExtension
    final RedisServer redis = new RedisServer();

    private final Opened opened = new Opened();

    @AfterEach
    void stop() throws IOException {
        opened.close();
    }

    private ChatServer server(String node) throws IOException {
        ChatServer server = ChatServer.start(ServerConfig.defaults().withPort(0).withFlood(50, 0)
                .withRedis(redis.uri(), node));
        return opened.server(server);
    }

    private TestClient join(ChatServer server) throws IOException {
        TestClient client = TestClient.join(server.port());
        opened.client(client);
        return client;
    }

    private TestClient joinAs(ChatServer server, String nick) throws IOException {
        TestClient client = join(server);
        client.send("/nick " + nick);
        client.expect("*** " + client.nick() + " is now known as " + nick);
        return client;
    }

    @Test
    void aSessionDroppedOnOneServerIsResumedOnTheOtherWithItsNameRoomAndMissedLinesOnce() throws IOException {
        ChatServer a = server("a");
        ChatServer b = server("b");
        TestClient ann = joinAs(a, "ann");
        TestClient bob = joinAs(b, "bob");
        for (TestClient c : List.of(ann, bob)) {
            c.send("/join dev");
            c.expectStartingWith("*** You joined #dev");
        }
        ann.expect("*** bob joined #dev"); // bob's presence in #dev is known to server a
        ann.send("/who");
        ann.expect("*** 2 users in #dev: ann, bob");
        ann.send("/token");
        Matcher m = TOKEN.matcher(ann.expectStartingWith("*** Your resume token is "));
        assertTrue(m.matches());
        String token = m.group(1);
        ann.close(); // ann's link to server a drops
        bob.expect("*** ann left #dev (connection closed)");

        TestClient cat = join(b);
        cat.send("/nick ann");
        cat.expect("! The name ann is taken."); // kept for ann, across servers

        bob.send("missed 1");
        bob.send("missed 2");
        bob.expect("bob: missed 2");

        TestClient back = join(b); // ann's client reaches the other server
        back.send("/resume " + token);
        back.expect("*** You joined #dev (2 users here)."); // its rename went to the lobby, which it has left
        assertEquals("bob: missed 1", back.readLine().substring(8));
        assertEquals("bob: missed 2", back.readLine().substring(8));
        assertEquals("*** Welcome back, ann: 2 lines you missed in #dev.", back.readLine());
        bob.expect("*** ann is back in #dev");
        back.send("/who");
        back.expectNext("*** 2 users in #dev: ann, bob"); // and not its own return before it

        TestClient again = join(a);
        again.send("/resume " + token);
        again.expect("! That token is not valid: it is wrong, expired or already used.");
    }

    @Test
    void aSessionStillOpenOnOneServerIsTakenOverFromTheOtherAndItsOldConnectionClosed() throws IOException {
        ChatServer a = server("a");
        ChatServer b = server("b");
        TestClient ann = joinAs(a, "ann");
        TestClient bob = joinAs(b, "bob");
        ann.expect("*** user2 is now known as bob");
        ann.send("/token");
        Matcher m = TOKEN.matcher(ann.expectStartingWith("*** Your resume token is "));
        assertTrue(m.matches());
        // ann's link to server a is half dead: a does not know, and ann reaches b meanwhile.
        TestClient back = join(b);
        back.send("/resume " + m.group(1));
        back.expect("*** Welcome back, ann: you missed nothing in #lobby.");
        ann.expect("*** This session was resumed on another server; this connection closes.");
        ann.readUntilClosed();
        bob.expect("*** ann left #lobby (resumed on another server)");
        bob.expect("*** ann is back in #lobby");
        back.send("still me");
        bob.expect("ann: still me");

        TestClient third = join(a);
        third.send("/resume " + m.group(1));
        third.expect("! That token is not valid: it is wrong, expired or already used.");
    }
}
