package chat.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testkit.Await;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The original room's behaviour, over real loopback sockets. */
class ChatRoomTest {

    @RegisterExtension
    final RunningServer server = new RunningServer(ServerConfig.defaults().withFlood(20, 0));

    private TestClient join() throws IOException {
        TestClient client = TestClient.join(server.port());
        server.track(client);
        return client;
    }

    @Test
    void newcomerIsWelcomedByName() throws IOException {
        TestClient ann = TestClient.connect(server.port());
        server.track(ann);
        assertEquals("*** Welcome, user1! You are in #lobby (1 user here). Type /help for commands.", ann.readLine());
        TestClient bob = TestClient.connect(server.port());
        server.track(bob);
        assertEquals("*** Welcome, user2! You are in #lobby (2 users here). Type /help for commands.", bob.readLine());
    }

    @Test
    void othersAreToldOfANewcomerButNotTheNewcomerItself() throws IOException {
        TestClient ann = join();
        TestClient bob = join();
        ann.expectNext("*** user2 joined #lobby");
        bob.send("first words");
        // Bob's next line is his own message: no notice of his own arrival came before it.
        bob.expectNext("user2: first words");
    }

    @Test
    void everyLineIsRelayedToEveryoneIncludingTheSender() throws IOException {
        TestClient ann = join();
        TestClient bob = join();
        TestClient cat = join();
        bob.send("hello room");
        for (TestClient client : List.of(ann, bob, cat)) {
            client.expect("user2: hello room");
        }
    }

    @Test
    void leavingIsAnnouncedToTheRest() throws IOException {
        TestClient ann = join();
        TestClient bob = join();
        bob.close();
        ann.expect("*** user2 left #lobby (connection closed)");
    }

    @Test
    void aUsersLinesReachEveryoneInTheOrderSent() throws IOException {
        TestClient ann = join();
        TestClient bob = join();
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            burst.append("line ").append(i).append('\n');
        }
        ann.sendRaw(burst.toString().getBytes(StandardCharsets.UTF_8));
        for (TestClient client : List.of(ann, bob)) {
            for (int i = 0; i < 2000; i++) {
                client.expect("user1: line " + i);
            }
        }
        ann.send("done");
        bob.expectNext("user1: done");
    }

    @Test
    void outputLinesEndWithCrLfAndInputMayUseEither() throws IOException {
        TestClient ann = TestClient.connect(server.port());
        server.track(ann);
        ann.sendRaw("one\r\ntwo\n".getBytes(StandardCharsets.UTF_8));
        String welcome = "*** Welcome, user1! You are in #lobby (1 user here). Type /help for commands.\r\n";
        byte[] expected = (welcome + "user1: one\r\nuser1: two\r\n").getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(expected, ann.readBytes(expected.length));
    }

    @Test
    void chineseAndEmojiArriveIntact() throws IOException {
        TestClient ann = join();
        TestClient bob = join();
        ann.send("/nick 小明");
        bob.expect("*** user1 is now known as 小明");
        ann.send("你好，世界 😀");
        bob.expect("小明: 你好，世界 😀");
    }

    @Test
    void aLineSplitInsideACharacterAcrossPacketsDecodesIntact() throws IOException {
        TestClient ann = join();
        byte[] bytes = "中文\n".getBytes(StandardCharsets.UTF_8);
        ann.sendRaw(new byte[] {bytes[0], bytes[1]});
        ann.sendRaw(java.util.Arrays.copyOfRange(bytes, 2, bytes.length));
        ann.expect("user1: 中文");
    }

    @Test
    void emptyAndBlankLinesAreIgnored() throws IOException {
        TestClient ann = join();
        ann.sendRaw("\n   \r\n\t\nreal\n".getBytes(StandardCharsets.UTF_8));
        ann.expectNext("user1: real");
    }

    @Test
    void tooLongLineIsRefusedWithOneErrorAndTheConnectionKeepsWorking() throws IOException {
        TestClient ann = join();
        TestClient bob = join();
        ann.expect("*** user2 joined #lobby");
        ann.send("x".repeat(10_000));
        ann.send("short");
        ann.expectNext("! Your line was longer than 4096 bytes and was not sent.");
        ann.expectNext("user1: short");
        bob.expectNext("user1: short");
    }

    @Test
    void aThousandClientsAllReceiveOneBroadcast() throws IOException {
        List<TestClient> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(TestClient.connect(server.port()));
        }
        many.forEach(server::track);
        for (TestClient client : many) {
            client.expectStartingWith("*** Welcome, "); // everyone has arrived
        }
        many.get(999).send("to all of you");
        for (TestClient client : many) {
            client.expect("user1000: to all of you");
        }
    }

    @Test
    void aJoinStormBiggerThanOnePassLetsEveryoneInWithoutLosingTheirFirstLines() throws IOException {
        // More newcomers at once than the reactor lets in per pass: the rest wait their turn,
        // and what they said meanwhile is held, not lost.
        int n = 64 * 3; // three passes of newcomers at the per-pass quota (Admission.PER_PASS)
        List<TestClient> storm = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TestClient client = TestClient.connect(server.port());
            client.sendRaw(("first line " + i + "\nsecond line " + i + "\n").getBytes(StandardCharsets.UTF_8));
            storm.add(client);
        }
        storm.forEach(server::track);
        for (int i = 0; i < n; i++) {
            TestClient client = storm.get(i);
            String welcome = client.readLine();
            assertTrue(welcome.startsWith("*** Welcome, user"), welcome);
            String nick = welcome.substring("*** Welcome, ".length(), welcome.indexOf('!'));
            client.expect(nick + ": first line " + i);
            client.expect(nick + ": second line " + i);
        }
    }

    @Test
    void connectCloseCyclesLeaveTheFileDescriptorCountWhereItStarted() throws IOException {
        TestClient watcher = join();
        for (int i = 0; i < 20; i++) { // warm up: classes loaded, buffers allocated
            TestClient.join(server.port()).close();
        }
        watcher.send("warm");
        watcher.expect("user1: warm");
        long before = openFileDescriptors();
        for (int i = 0; i < 1000; i++) {
            TestClient client = TestClient.connect(server.port());
            if (i % 3 == 0) {
                client.reset(); // abrupt: RST instead of FIN
            } else if (i % 3 == 1) {
                client.send("hi and bye");
                client.close();
            } else {
                client.close();
            }
        }
        watcher.send("still here");
        watcher.expect("user1: still here");
        Await.until("the descriptor count to return to " + before, Duration.ofSeconds(15),
                () -> openFileDescriptors() <= before, () -> "(now " + openFileDescriptors() + ")");
    }

    @Test
    void halfClosedClientStillGetsItsRepliesThenIsClosed() throws IOException {
        TestClient ann = join();
        ann.send("last words");
        ann.socket.shutdownOutput(); // as `printf ... | nc -N` does
        List<String> rest = ann.readUntilClosed();
        assertEquals(List.of("user1: last words"), rest);
    }

    @Test
    void lastLineWithoutLfBeforeEofStillCounts() throws IOException {
        TestClient ann = join();
        TestClient bob = join();
        ann.sendRaw("no newline".getBytes(StandardCharsets.UTF_8));
        ann.socket.shutdownOutput();
        bob.expect("user1: no newline");
        bob.expect("*** user1 left #lobby (connection closed)");
    }

    @Test
    void serverShutdownTellsEveryoneAndCloses() throws IOException, InterruptedException {
        TestClient ann = join();
        TestClient bob = join();
        server.stop();
        for (TestClient client : List.of(ann, bob)) {
            List<String> rest = client.readUntilClosed();
            client.close(); // as telnet and nc do when the server closes
            assertTrue(rest.contains("*** The server is shutting down. Goodbye!"), rest.toString());
            assertFalse(rest.stream().anyMatch(l -> l.contains(" left #lobby")), "no leave notices at shutdown: " + rest);
        }
        assertTrue(server.awaitTermination(5_000), "the reactor thread ends");
    }

    static long openFileDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }
}
