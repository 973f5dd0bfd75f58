package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.server.moderation.ModerationSettings;
import chat.server.moderation.Operators;
import chat.testkit.RedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bans and mutes outlive a restart with {@code --data-dir}, and hold on every server of a chat
 * sharing a real Redis, as kicks and announcements reach them (issue 14 §3).
 */
class ModerationAcrossRestartsAndServersTest {

    @RegisterExtension
    final RedisServer redis = new RedisServer();

    @TempDir
    Path dir;

    private final Opened opened = new Opened();

    @AfterEach
    void stop() throws IOException {
        opened.close();
    }

    private ModerationSettings operators() throws IOException {
        return new ModerationSettings(Operators.load(ModerationTest.operatorsFile(dir)), List.of());
    }

    private ChatServer onDisk() throws IOException {
        ChatServer server = ChatServer.start(ServerConfig.defaults().withPort(0).withFlood(50, 0)
                .withStorage(ServerConfig.Storage.IN_MEMORY.inDirectory(dir.resolve("data").toString())), operators());
        return opened.server(server);
    }

    private ChatServer inRedis(String node) throws IOException {
        ChatServer server = ChatServer.start(ServerConfig.defaults().withPort(0).withFlood(50, 0)
                .withRedis(redis.uri(), node), operators());
        return opened.server(server);
    }

    private TestClient joinAs(ChatServer server, String nick) throws IOException {
        return opened.joinAs(server, nick);
    }

    private TestClient operator(ChatServer server, String nick) throws IOException {
        TestClient op = joinAs(server, nick);
        op.send("/oper root " + ModerationTest.PASSWORD);
        op.expect("*** You are now an operator (root). /help lists what operators can do.");
        return op;
    }

    @Test
    void aBanAndAMuteSurviveARestartWithTheSameDataDirectory() throws IOException {
        ChatServer first = onDisk();
        TestClient op = operator(first, "op");
        op.send("/ban spam 7d spamming");
        op.expectStartingWith("*** Banned spam until ");
        op.send("/ban 127.0.0.9");
        op.expect("*** Banned 127.0.0.9.");
        op.send("/mute loud");
        op.expect("*** Muted loud.");
        op.close();
        first.close();
        assertTrue(Files.readString(dir.resolve("data").resolve("bans")).contains("spamming"), "the file holds the ban");

        ChatServer second = onDisk();
        TestClient back = joinAs(second, "newbie");
        back.send("/nick spam");
        back.expectNext("! The name spam is banned.");
        try (TestClient refused = TestClient.connectFrom("127.0.0.9", second.port())) {
            assertEquals(List.of("! You are banned from this server."), refused.readUntilClosed());
        }
        TestClient loud = joinAs(second, "loud");
        loud.send("hello?");
        loud.expectNext("! You are muted; your line reached no one.");
        TestClient op2 = operator(second, "op");
        op2.send("/bans");
        op2.expect("*** 3 bans and mutes:");
        assertTrue(op2.readLine().startsWith("***   ban of name spam, by op from 127.0.0.1 at "));
        assertTrue(op2.readLine().startsWith("***   ban of 127.0.0.9, by op from 127.0.0.1 at "));
        assertTrue(op2.readLine().startsWith("***   mute of loud, by op from 127.0.0.1 at "));
    }

    @Test
    void aBanOnOneServerDisconnectsAndRefusesOnTheOther() throws IOException {
        ChatServer a = inRedis("a");
        ChatServer b = inRedis("b");
        TestClient op = operator(a, "op");
        TestClient spam = joinAs(b, "spam");
        op.send("/ban spam spamming");
        op.expect("*** Banned spam.");
        List<String> last = spam.readUntilClosed();
        assertTrue(last.contains("! You are banned from this server (spamming)."), last.toString());
        op.expect("*** spam left #lobby (banned by op: spamming)"); // the room is one across servers
        TestClient other = joinAs(b, "someone");
        other.send("/nick spam");
        other.expectNext("! The name spam is banned.");

        op.send("/ban 127.0.0.7/32 from there");
        op.expect("*** Banned 127.0.0.7.");
        assertRefusedOnceSynced(b, "127.0.0.7", "! You are banned from this server (from there).");
        op.send("/unban 127.0.0.7");
        op.expect("*** 127.0.0.7 is no longer banned.");
        opened.client(joinFromUntilWelcome(b, "127.0.0.7"));
    }

    @Test
    void aKickAMuteAndAnAnnouncementReachTheOtherServer() throws IOException {
        ChatServer a = inRedis("a");
        ChatServer b = inRedis("b");
        TestClient op = operator(a, "op");
        TestClient loud = joinAs(b, "loud");
        TestClient bob = joinAs(b, "bob");
        op.send("/mute loud");
        op.expect("*** Muted loud.");
        sayUntilMuted(loud);
        op.send("/unmute loud");
        op.expect("*** loud is no longer muted.");
        op.send("/announce maintenance at noon");
        bob.expect("*** Announcement from op: maintenance at noon");
        op.send("/kick loud enough");
        op.expect("*** Kicked loud.");
        List<String> last = loud.readUntilClosed();
        assertTrue(last.contains("! You were kicked by op (enough)."), last.toString());
        bob.expect("*** loud left #lobby (kicked by op: enough)");
    }

    /** The mute reaches the other server a moment after the operator is told: speak until it holds. */
    private static void sayUntilMuted(TestClient speaker) throws IOException {
        long deadline = System.nanoTime() + TestClient.TIMEOUT_MS * 1_000_000L;
        for (int i = 0; ; i++) {
            speaker.send("line " + i);
            String answer = speaker.readLine();
            if (answer.equals("! You are muted; your line reached no one.")) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "never muted; last: " + answer);
        }
    }

    /** The ban reaches the other server a moment after the operator is told: connect until refused. */
    private static void assertRefusedOnceSynced(ChatServer server, String from, String line) throws IOException {
        long deadline = System.nanoTime() + TestClient.TIMEOUT_MS * 1_000_000L;
        while (true) {
            try (TestClient client = TestClient.connectFrom(from, server.port())) {
                String first = client.readLine();
                if (first.equals(line)) {
                    assertEquals(List.of(), client.readUntilClosed(), "one line, then closed");
                    return;
                }
                assertTrue(System.nanoTime() < deadline, "never refused; last: " + first);
            }
        }
    }

    /** The unban reaches the other server a moment after the operator is told: connect until welcomed. */
    private static TestClient joinFromUntilWelcome(ChatServer server, String from) throws IOException {
        long deadline = System.nanoTime() + TestClient.TIMEOUT_MS * 1_000_000L;
        while (true) {
            TestClient client = TestClient.connectFrom(from, server.port());
            String first = client.readLine();
            if (first.startsWith("*** Welcome, ")) {
                return client;
            }
            client.close();
            assertTrue(System.nanoTime() < deadline, "never let in; last: " + first);
        }
    }
}
