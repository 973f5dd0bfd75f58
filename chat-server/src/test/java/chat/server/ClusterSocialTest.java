package chat.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testkit.RedisServer;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * /whois, /away, /topic and /ignore with users on two real servers sharing one real Redis
 * (issue 13 §2): what one server knows of a user, the other shows.
 */
class ClusterSocialTest {

    @RegisterExtension
    final RedisServer redis = new RedisServer();

    private final Opened opened = new Opened();

    @AfterEach
    void stop() throws IOException {
        opened.close();
    }

    private ChatServer server(String node) throws IOException {
        ChatServer server = ChatServer.start(ServerConfig.defaults().withPort(0).withFlood(50, 0)
                .withHistoryLines(3).withRedis(redis.uri(), node));
        return opened.server(server);
    }

    private TestClient joinAs(ChatServer server, String nick) throws IOException {
        return opened.joinAs(server, nick);
    }

    @Test
    void whoisShowsAUserOnTheOtherServerWithTheirRoomTimesAndAwayMessage() throws IOException {
        ChatServer a = server("a");
        ChatServer b = server("b");
        TestClient ann = joinAs(a, "ann");
        TestClient bob = joinAs(b, "bob");
        ann.send("/join dev");
        ann.expect("*** You joined #dev (1 user here).");
        String line = whoisUntil(bob, "ann", "*** ann is in #dev, "); // its move reaches Redis a moment after the notice
        assertTrue(line.matches("\\*\\*\\* ann is in #dev, connected since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC"
                + " \\(\\d+ s ago\\), idle \\d+ s"), line);
        bob.send("/whois nobody");
        bob.expect("! No one called nobody is in the chat.");
        ann.send("/away back at 2");
        ann.expect("*** You are away: back at 2 (/away alone when you are back)");
        bob.send("/whois ann");
        bob.expectStartingWith("*** ann is in #dev, ");
        bob.expectNext("*** ann is away: back at 2");
    }

    @Test
    void aLineSentRightAfterNickGoesOutUnderTheNewName() throws IOException {
        ChatServer a = server("a");
        ChatServer b = server("b");
        TestClient bob = joinAs(b, "bob");
        TestClient bot = TestClient.join(a.port());
        opened.client(bot);
        bob.expect("*** " + bot.nick() + " joined #lobby");
        // One write, as a bot or `printf ... | nc` sends them: the name is Redis's to grant, a round trip away.
        bot.sendRaw("/nick robot\r\nhello, I am robot\r\n/nick robot2\r\nand now robot2\r\n"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        bob.expect("*** " + bot.nick() + " is now known as robot");
        bob.expect("robot: hello, I am robot");
        bob.expect("*** robot is now known as robot2");
        bob.expect("robot2: and now robot2");
    }

    /** Sends {@code command} until its answer (the next line starting with {@code answers}) is {@code wanted}. */
    private static void askUntil(TestClient asker, String command, String wanted, String answers) throws IOException {
        long deadline = System.nanoTime() + TestClient.TIMEOUT_MS * 1_000_000L;
        while (true) {
            asker.send(command);
            String line = asker.expectStartingWith(answers);
            if (line.equals(wanted)) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "no \"" + wanted + "\" in time; last answer: " + line);
        }
    }

    /** Asks {@code asker}'s /whois of {@code nick} until its first line starts with {@code prefix}; that line. */
    private static String whoisUntil(TestClient asker, String nick, String prefix) throws IOException {
        long deadline = System.nanoTime() + TestClient.TIMEOUT_MS * 1_000_000L;
        while (true) {
            asker.send("/whois " + nick);
            String line = asker.expectStartingWith("*** " + nick + " is ");
            if (line.startsWith(prefix) || System.nanoTime() > deadline) {
                return line;
            }
        }
    }

    @Test
    void awayIsMarkedInWhoAndAnsweredOnceToAPrivateMessageFromTheOtherServer() throws IOException {
        ChatServer a = server("a");
        ChatServer b = server("b");
        TestClient ann = joinAs(a, "ann");
        TestClient bob = joinAs(b, "bob");
        ann.send("/away lunch");
        ann.expect("*** You are away: lunch (/away alone when you are back)");
        bob.send("/who");
        bob.expect("*** 2 users in #lobby: ann (away), bob");
        bob.send("/msg ann hi");
        bob.expectNext("[pm to ann] hi");
        bob.expectNext("*** ann is away: lunch");
        ann.expect("[pm from bob] hi");
        bob.send("/msg ann hello?");
        bob.expectNext("[pm to ann] hello?");
        bob.send("/msg bob marker");
        bob.expectNext("[pm to bob] marker");
        ann.send("/away");
        ann.expect("*** You are back.");
        bob.send("/who");
        bob.expectNext("*** 2 users in #lobby: ann, bob");
    }

    @Test
    void aTopicSetOnOneServerIsAnnouncedOnBothAndOutlivesTheRoomEmptying() throws IOException {
        ChatServer a = server("a");
        ChatServer b = server("b");
        TestClient ann = joinAs(a, "ann");
        TestClient bob = joinAs(b, "bob");
        ann.send("/topic one chat, two servers");
        ann.expect("*** ann set the topic of #lobby: one chat, two servers");
        bob.expect("*** ann set the topic of #lobby: one chat, two servers");
        bob.send("/topic");
        bob.expect("*** The topic of #lobby is: one chat, two servers (set by ann)");
        ann.send("/join dev");
        ann.expect("*** You joined #dev (1 user here).");
        // A line said before ann is in #dev on its server (its history and topic fetched) would
        // not come back to her: /who listing her says she is.
        askUntil(ann, "/who", "*** 1 user in #dev: ann", "*** ");
        ann.send("said in dev");
        ann.expect("ann: said in dev");
        ann.send("/topic dev matters");
        ann.expect("*** ann set the topic of #dev: dev matters");
        ann.send("/join lobby");
        ann.expect("*** You joined #lobby (2 users here)."); // #dev is empty now
        bob.send("/join dev");
        List<String> arrival = bob.readUntil("*** The topic of #dev is: dev matters (set by ann)");
        assertTrue(arrival.stream().anyMatch(l -> l.matches("\\[\\d\\d:\\d\\d\\] ann: said in dev")), arrival.toString());
        assertFalse(arrival.stream().anyMatch(l -> l.contains("set the topic")), "a topic is not replayed as history: " + arrival);
    }

    @Test
    void anIgnoredUserOnTheOtherServerNoLongerReachesTheIgnorer() throws IOException {
        ChatServer a = server("a");
        ChatServer b = server("b");
        TestClient ann = joinAs(a, "ann");
        TestClient bob = joinAs(b, "bob");
        TestClient cat = joinAs(b, "cat");
        ann.expect("*** " + cat.nick() + " is now known as cat");
        ann.send("/ignore bob");
        ann.expect("*** You are ignoring bob: their lines, actions and private messages no longer reach you. /unignore bob to undo.");
        bob.send("/msg ann psst");
        bob.expect("[pm to ann] psst");
        bob.send("in the room");
        bob.expect("bob: in the room");
        cat.expect("bob: in the room");
        cat.send("/msg ann marker");
        cat.expect("[pm to ann] marker");
        cat.send("after");
        List<String> annSaw = ann.readUntil("cat: after");
        assertTrue(annSaw.contains("[pm from cat] marker"), annSaw.toString());
        assertFalse(annSaw.stream().anyMatch(l -> l.contains("psst") || l.contains("bob: ")), annSaw.toString());
    }

    @Test
    void aRedisThatRestartedEmptyGetsEachServersUsersAwayMessagesBack() throws IOException {
        ChatServer a = server("a");
        ChatServer b = server("b");
        TestClient ann = joinAs(a, "ann");
        TestClient bob = joinAs(b, "bob");
        ann.send("/away lunch");
        ann.expect("*** You are away: lunch (/away alone when you are back)");
        redis.stop();
        ann.expect("*** The chat cannot reach its other servers; lines you send now are not delivered. Reconnecting...");
        bob.expect("*** The chat cannot reach its other servers; lines you send now are not delivered. Reconnecting...");
        redis.start(); // empty: nothing on disk
        ann.expect("*** The chat reaches its other servers again.");
        bob.expect("*** The chat reaches its other servers again.");
        askUntil(bob, "/who", "*** 2 users in #lobby: ann (away), bob", "*** ");
        bob.send("/whois ann");
        bob.expectStartingWith("*** ann is in #lobby, ");
        bob.expectNext("*** ann is away: lunch");
    }
}
