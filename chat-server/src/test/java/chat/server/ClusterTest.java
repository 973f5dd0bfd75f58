package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testkit.RedisServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several servers, one chat: two (or three) real servers in this test, one real redis-server
 * started for each test, users on different servers in one room.
 */
class ClusterTest {

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

    private TestClient joinAs(int port, String nick) throws IOException {
        return opened.joinAs(port, nick);
    }

    @Test
    void everyMemberOnEitherServerSeesTheRoomsLinesInOneOrderTheSendersIncluded() throws IOException {
        ChatServer a = server("a");
        ChatServer b = server("b");
        TestClient ann = joinAs(a, "ann");
        TestClient bob = joinAs(b, "bob");
        ann.expect("*** " + bob.nick() + " is now known as bob");
        for (int i = 0; i < 20; i++) {
            ann.send("from ann " + i);
            bob.send("from bob " + i);
        }
        List<String> seenByAnn = chatLines(ann, 40);
        List<String> seenByBob = chatLines(bob, 40);
        assertEquals(seenByAnn, seenByBob, "one order for the whole room");
        assertEquals(ordered(seenByAnn, "ann"), ordered(seenByAnn, "ann").stream().sorted(this::byNumber).toList(),
                "one user's lines stay in the order sent");
    }

    private int byNumber(String x, String y) {
        return Integer.compare(Integer.parseInt(x.substring(x.lastIndexOf(' ') + 1)),
                Integer.parseInt(y.substring(y.lastIndexOf(' ') + 1)));
    }

    private static List<String> ordered(List<String> lines, String who) {
        return lines.stream().filter(l -> l.startsWith(who + ": ")).toList();
    }

    private static List<String> chatLines(TestClient client, int count) throws IOException {
        List<String> lines = new ArrayList<>();
        while (lines.size() < count) {
            String line = client.readLine();
            if (line.matches("(ann|bob): from .*")) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void namesAreUniqueAcrossServersAndDefaultNamesNeverCollide() throws IOException {
        ChatServer a = server("a");
        ChatServer b = server("b");
        TestClient one = TestClient.join(a.port());
        TestClient two = TestClient.join(b.port());
        opened.client(one);
        opened.client(two);
        assertNotEquals(one.nick(), two.nick(), "default names are unique in the whole chat");
        one.send("/nick ann");
        one.expect("*** " + one.nick() + " is now known as ann");
        two.send("/nick ANN");
        two.expect("! The name ANN is taken.");
    }

    @Test
    void twoUsersClaimingOneNameAtOnceOnTwoServersExactlyOneGetsIt() throws IOException {
        ChatServer a = server("a");
        ChatServer b = server("b");
        TestClient one = TestClient.join(a.port());
        TestClient two = TestClient.join(b.port());
        opened.client(one);
        opened.client(two);
        one.send("/nick zed");
        two.send("/nick zed");
        boolean oneGot = gotZed(one);
        boolean twoGot = gotZed(two);
        assertTrue(oneGot ^ twoGot, "exactly one of them is zed: " + oneGot + " / " + twoGot);
    }

    /** True if {@code client}'s /nick zed was taken, false if it was refused. */
    private static boolean gotZed(TestClient client) throws IOException {
        String renamed = "*** " + client.nick() + " is now known as zed";
        String refused = "! The name zed is taken.";
        List<String> answer = new ArrayList<>();
        client.readUntil(l -> {
            if (l.equals(renamed) || l.equals(refused)) {
                answer.add(l);
                return true;
            }
            return false;
        }, "answering /nick zed");
        return answer.get(0).equals(renamed);
    }

    @Test
    void whoRoomsAndPrivateMessagesSeeEveryoneWhereverTheyAreConnected() throws IOException {
        ChatServer a = server("a");
        ChatServer b = server("b");
        TestClient ann = joinAs(a, "ann");
        TestClient bob = joinAs(b, "bob");
        TestClient cat = joinAs(b, "cat");
        cat.send("/join dev");
        cat.expect("*** You joined #dev (1 user here).");
        ann.send("/who");
        ann.expect("*** 2 users in #lobby: ann, bob");
        ann.send("/rooms");
        ann.expect("*** 2 rooms: #dev (1), #lobby (2)");
        ann.send("/msg cat psst");
        cat.expect("[pm from ann] psst");
        ann.expect("[pm to cat] psst");
        bob.send("/msg ann hi");
        ann.expect("[pm from bob] hi");
    }

    @Test
    void aNewcomerOnAnyServerGetsTheRoomsHistoryKeptInRedis() throws IOException {
        ChatServer a = server("a");
        ChatServer b = server("b");
        TestClient ann = joinAs(a, "ann");
        for (int i = 1; i <= 5; i++) {
            ann.send("line " + i);
            ann.expect("ann: line " + i);
        }
        TestClient newcomer = TestClient.join(b.port());
        opened.client(newcomer);
        List<String> replayed = new ArrayList<>();
        while (replayed.size() < 3) {
            String line = newcomer.readLine();
            if (line.matches("\\[\\d\\d:\\d\\d\\] .*")) {
                replayed.add(line.substring(8));
            }
        }
        assertEquals(List.of("ann: line 3", "ann: line 4", "ann: line 5"), replayed, "the last --history (3) lines");
    }

    @Test
    void aServerKilledMidChatIsNoticedWithin15SecondsItsUsersLeaveAndTheirNamesAreFree() throws Exception {
        ChatServer a = server("a");
        Process b = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Dorg.slf4j.simpleLogger.logFile=System.err", "-cp", System.getProperty("java.class.path"), "chat.server.ServerMain", "--port", "0",
                "--redis", redis.uri(), "--node", "doomed")
                .redirectErrorStream(true).start();
        try {
            int port = ServerMainTest.listeningPort(new BufferedReader(new InputStreamReader(b.getInputStream(), StandardCharsets.UTF_8)));
            TestClient ann = joinAs(a, "ann");
            TestClient bob = joinAs(port, "bob");
            ann.expect("*** " + bob.nick() + " is now known as bob");
            long killed = System.nanoTime();
            b.destroyForcibly(); // kill -9: no goodbye, no clean-up
            ann.expectWithin("*** bob left #lobby (server lost)", 20_000);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killed);
            assertTrue(seconds <= 15, "noticed after " + seconds + " s");
            ann.send("/who");
            ann.expect("*** 1 user in #lobby: ann");
            joinAs(a, "bob"); // the name is free again: joinAs waits for the rename

        } finally {
            b.destroyForcibly();
        }
    }

    @Test
    void whileRedisIsAwayUsersAreToldOnceALineIsRefusedToItsSenderAndTheChatRecovers() throws IOException {
        ChatServer a = server("a");
        TestClient ann = joinAs(a, "ann");
        redis.stop();
        ann.expect("*** The chat cannot reach its other servers; lines you send now are not delivered. Reconnecting...");
        ann.send("into the void");
        ann.expect("! Your line was not sent: the chat cannot reach its other servers right now.");
        redis.start();
        ann.expect("*** The chat reaches its other servers again.");
        ann.send("back");
        ann.expect("ann: back");
    }

    @Test
    void aRoomJoinedWhileRedisIsAwayIsEnteredAtOnceAndWorksWhenItIsBack() throws IOException {
        ChatServer a = server("a");
        TestClient ann = joinAs(a, "ann");
        redis.stop();
        ann.expect("*** The chat cannot reach its other servers; lines you send now are not delivered. Reconnecting...");
        ann.send("/join elsewhere"); // no subscription can be confirmed now: the join does not wait for one
        ann.expectStartingWith("*** You joined #elsewhere");
        redis.start();
        ann.expect("*** The chat reaches its other servers again.");
        TestClient bob = joinAs(a, "bob");
        bob.send("/join elsewhere");
        bob.expectStartingWith("*** You joined #elsewhere");
        ann.expect("*** bob joined #elsewhere");
    }

    @Test
    void linesPublishedWhileAServersSubscriptionIsBrokenAreRecoveredFromTheLogInOrder() throws IOException {
        ChatServer a = server("a");
        ChatServer b = server("b");
        TestClient ann = joinAs(a, "ann");
        TestClient bob = joinAs(b, "bob");
        ann.expect("*** " + bob.nick() + " is now known as bob");
        ann.send("before");
        bob.expect("ann: before");
        redis.command("CLIENT", "KILL", "TYPE", "pubsub"); // both servers' subscriptions break; commands still work
        for (int i = 1; i <= 5; i++) {
            ann.send("during " + i);
        }
        ann.send("after");
        List<String> seen = bob.readUntil("ann: after");
        List<String> during = seen.stream().filter(l -> l.startsWith("ann: during ")).toList();
        assertEquals(List.of("ann: during 1", "ann: during 2", "ann: during 3", "ann: during 4", "ann: during 5"), during,
                "every line sent while the subscription was broken, recovered, in order: " + seen);
    }

    @Test
    void junkPublishedOnARoomsChannelIsDroppedAndNeverShown() throws IOException {
        ChatServer a = server("a");
        TestClient ann = joinAs(a, "ann");
        redis.command("PUBLISH", "chat:{lobby}", "9\u001F0\u001FCHAT\u001Flobby\u001Fevil\u001F\u001B[2Jgotcha");
        redis.command("PUBLISH", "chat:{lobby}", "not an event at all");
        redis.command("PUBLISH", "chat:{lobby}", "10\u001F0\u001FCHAT\u001Flobby\u001Fa b\u001Fbad name");
        ann.send("still here");
        List<String> before = ann.readUntil("ann: still here");
        assertFalse(before.stream().anyMatch(l -> l.contains("\u001B") || l.contains("bad name") || l.contains("not an event")),
                before.toString());
    }
}
