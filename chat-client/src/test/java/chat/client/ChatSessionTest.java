package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testkit.Await;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatSessionTest {

    private FakeServer server;
    /** What the session showed, in order; written by the link thread. */
    private final List<AttributedString> shown = new CopyOnWriteArrayList<>();
    private final RoomState state = new RoomState();
    private ChatSession session;
    /** Where reconnects go: down while no server is up, then the one that came back. */
    private DialTarget reconnects;

    @BeforeEach
    void setUp() throws IOException {
        server = FakeServer.start();
        server.ghost("carol", "lobby");
        server.ghost("dan", "dev");
        reconnects = new DialTarget(server.port());
        ServerRotation servers = reconnects.rotation();
        session = new ChatSession(shown::add, state, servers, PromptHarness.TINY_BACKOFF);
        session.start(servers.dial());
    }

    @AfterEach
    void tearDown() throws IOException {
        session.close();
        server.close();
    }

    private List<String> lines() {
        return shown.stream().map(AttributedString::toString).toList();
    }

    private void awaitShown(String line) {
        Await.until(() -> lines().contains(line), () -> "\"" + line + "\" shown; shown: " + lines());
    }

    /** The server goes away, and no other server is there to reconnect to. */
    private void goDown() throws IOException {
        reconnects.down();
        server.close();
    }

    private long countShown(String start) {
        return lines().stream().filter(line -> line.startsWith(start)).count();
    }

    /** Waits until the answers to the client's own /who and /rooms have arrived and been handled. */
    private void awaitNamesKnown() throws InterruptedException {
        Await.until(() -> state.others().contains("carol") && state.rooms().contains("dev"),
                () -> "completion data; others " + state.others() + ", rooms " + state.rooms());
        handled();
    }

    /**
     * Waits until every line the server sent so far has been handled (shown or hidden): the
     * server answers in order, so once the echo of a marker is shown, all before it were too.
     */
    private void handled() throws InterruptedException {
        String marker = "marker-" + System.nanoTime();
        session.submit(marker);
        Await.until(() -> lines().stream().anyMatch(line -> line.endsWith(": " + marker)),
                () -> "the echo of " + marker + "; shown: " + lines());
        shown.removeIf(line -> line.toString().endsWith(": " + marker));
    }

    @Test
    void theWhoAndRoomsItAsksForItselfAreHiddenButFillCompletion() throws InterruptedException {
        awaitNamesKnown();
        assertEquals(List.of("*** Welcome, user1! You are in #lobby (2 users here). Type /help for commands."), lines());
        assertTrue(server.connection(0).received.containsAll(List.of("/who", "/rooms")));
    }

    @Test
    void aTaggedLineIsShownWithoutItsTags() throws InterruptedException {
        awaitNamesKnown();
        server.connection(0).send("@kind=chat;seq=7;time=2026-12-03T12:00:00.000Z;room=lobby;from=carol carol: tagged\\shello");
        awaitShown("carol: tagged\\shello");
        assertTrue(lines().stream().noneMatch(line -> line.startsWith("@")), lines().toString());
    }

    @Test
    void afterADropTheResumeNamesTheSeqOfTheLastLineSeenInMyRoomAfterTurningTagsOn()
            throws IOException, InterruptedException {
        awaitNamesKnown();
        String token = "abcdefghijklmnopqrstuvwxyz";
        server.connection(0).send("*** Your resume token is " + token + ". Keep it secret; it works once.");
        server.connection(0).send("@kind=chat;seq=7;time=2026-12-03T12:00:00.000Z;room=lobby;from=carol carol: mine");
        server.connection(0).send("@kind=chat;seq=99;time=2026-12-03T12:00:00.000Z;room=dev;from=dan dan: not my room");
        handled();
        goDown();
        try (FakeServer back = FakeServer.start()) {
            reconnects.up(back.port());
            back.awaitReceived(0, "/resume " + token + " 7");
            List<String> sent = back.connection(0).received;
            assertTrue(sent.indexOf("/tags on") >= 0 && sent.indexOf("/tags on") < sent.indexOf("/resume " + token + " 7"),
                    "tags first, so the missed lines come tagged: " + sent);
        }
    }

    @Test
    void aPlaceThatAcceptsAndClosesWithoutAWordIsOneOutageUntilARealWelcome() throws Exception {
        awaitNamesKnown();
        // A proxy whose server is down: every dial gets through, and is closed at once.
        try (java.net.ServerSocket mute = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
            Thread closer = new Thread(() -> {
                try {
                    while (true) {
                        mute.accept().close();
                        accepted.incrementAndGet();
                    }
                } catch (IOException closedByTheTest) {
                    // done
                }
            });
            closer.setDaemon(true);
            closer.start();
            reconnects.up(mute.getLocalPort());
            server.close();
            Await.until(() -> accepted.get() >= 3, () -> "three dials to the mute place; " + accepted.get());
            try (FakeServer back = FakeServer.start()) {
                reconnects.up(back.port());
                awaitShown("*** Reconnected.");
                handled();
                assertEquals(1, countShown("*** Connection lost"), "one loss, however many mute connections: " + lines());
                assertEquals(1, countShown("*** Reconnected."), lines().toString());
            }
        }
    }

    @Test
    void severalJoinsAndLeavesToldInOneTaggedLineKeepTheNamesExact() throws InterruptedException {
        awaitNamesKnown();
        server.connection(0).send("@kind=joins;seq=9;time=2026-12-03T12:00:00.000Z;room=lobby;count=3;names=eve,fay,gus"
                + " *** eve, fay and gus joined #lobby");
        server.connection(0).send("@kind=leaves;seq=10;time=2026-12-03T12:00:00.000Z;room=lobby;count=2;names=carol,fay"
                + " *** carol and fay left #lobby");
        awaitShown("*** carol and fay left #lobby");
        assertEquals(List.of("eve", "gus"), state.others());
    }

    @Test
    void aWhoOrRoomsTheUserTypesIsShown() throws InterruptedException {
        awaitNamesKnown();
        session.submit("/who");
        session.submit("/rooms");
        awaitShown("*** 2 users in #lobby: carol, user1");
        awaitShown("*** 2 rooms: #dev (1), #lobby (2)");
    }

    @Test
    void joiningAnotherRoomAsksAgainQuietly() throws InterruptedException {
        awaitNamesKnown();
        session.submit("/join dev");
        Await.until(() -> state.others().equals(List.of("dan")), () -> "dan as the only other; " + state.others());
        assertEquals("dev", state.room());
        handled();
        assertTrue(lines().contains("*** You joined #dev (2 users here)."));
        assertEquals(0, countShown("*** 2 users"), lines().toString());
    }

    @Test
    void theOthersFollowJoinsRenamesAndLeavesAsTheyHappen() throws InterruptedException {
        awaitNamesKnown();
        server.ghost("erin", "lobby");
        awaitShown("*** erin joined #lobby");
        assertEquals(List.of("carol", "erin"), state.others());
        server.ghostRenames("erin", "eve");
        awaitShown("*** erin is now known as eve");
        assertEquals(List.of("carol", "eve"), state.others());
        server.ghostJoins("eve", "dev");
        awaitShown("*** eve left #lobby (moved to #dev)");
        assertEquals(List.of("carol"), state.others());
    }

    @Test
    void aRoomListAskedForOnTabIsFreshAndHidden() throws InterruptedException {
        awaitNamesKnown();
        server.ghost("fay", "music");
        session.requestRooms();
        Await.until(() -> state.rooms().contains("music"), () -> "music among " + state.rooms());
        handled();
        assertEquals(0, countShown("*** 3 rooms"), lines().toString());
    }

    @Test
    void blankLinesAreNotSentAndOthersGoExactlyAsTyped() throws InterruptedException {
        session.submit("");
        session.submit("   ");
        session.submit("hi! don't \\ !! \"x");
        session.submit("//shrug");
        server.awaitReceived(0, "//shrug");
        assertEquals(List.of("hi! don't \\ !! \"x", "//shrug"), server.connection(0).typed());
    }

    @Test
    void aPastedBlockSendsEachOfItsLines() throws InterruptedException {
        session.submit("one\ntwo\r\n\nthree");
        server.awaitReceived(0, "three");
        assertEquals(List.of("one", "two", "three"), server.connection(0).typed());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "quit|/quit",
        "  exit  |/quit",
        "/quit|/quit",
        "/QUIT gone fishing|/QUIT gone fishing",
    })
    void quittingTellsTheServerShowsItsGoodbyeAndLeaves(String typed, String sent) throws InterruptedException {
        awaitShown("*** Welcome, user1! You are in #lobby (2 users here). Type /help for commands.");
        assertEquals(ChatSession.Outcome.LEAVE, session.submit(typed));
        assertEquals(sent, server.connection(0).typed().get(0));
        assertTrue(lines().contains("*** Goodbye, user1!"), lines().toString());
    }

    @Test
    void quitInsideASentenceIsJustText() throws InterruptedException {
        assertEquals(ChatSession.Outcome.STAY, session.submit("quit it"));
        assertEquals(ChatSession.Outcome.STAY, session.submit("//quit"));
        server.awaitReceived(0, "//quit");
        assertEquals(List.of("quit it", "//quit"), server.connection(0).typed());
    }

    @Test
    void whatTheServerSendsIsShownHarmless() throws InterruptedException {
        awaitNamesKnown();
        server.ghostSays("carol", "\u001b[2Jgotcha\u0007\u202e");
        awaitShown("carol: ^[[2Jgotcha^G");
    }

    @Test
    void aLostConnectionIsReportedOnceThenNickAndRoomAreRestored() throws IOException, InterruptedException {
        awaitNamesKnown();
        session.submit("/nick ann");
        session.submit("/join dev");
        Await.until(() -> "ann".equals(state.nick()) && "dev".equals(state.room()), "ann in #dev");

        goDown();
        awaitShown("*** Connection lost: the server closed the connection. Reconnecting... (type quit to leave)");
        session.submit("lost words");
        awaitShown("*** Not connected: \"lost words\" was not sent.");

        try (FakeServer back = FakeServer.start()) {
            back.ghost("dan", "dev");
            reconnects.up(back.port());
            back.awaitReceived(0, "/join dev");
            Await.until(() -> "ann".equals(state.nick()) && "dev".equals(state.room())
                    && state.others().equals(List.of("dan")), () -> "ann in #dev with dan; " + state.nick()
                    + " in " + state.room() + " with " + state.others());
            assertEquals(List.of("/nick ann", "/join dev"), back.connection(0).typed());
            assertEquals(1, countShown("*** Connection lost"), lines().toString());
            assertEquals(1, countShown("*** Reconnected."), lines().toString());
            session.submit("back again");
            back.awaitReceived(0, "back again");
        }
    }

    @Test
    void aDefaultNickAndTheLobbyAreNotAskedBackAfterAReconnect() throws IOException, InterruptedException {
        awaitNamesKnown();
        goDown();
        awaitShown("*** Connection lost: the server closed the connection. Reconnecting... (type quit to leave)");
        try (FakeServer back = FakeServer.start()) {
            reconnects.up(back.port());
            back.awaitReceived(0, "/rooms");
            handled();
            assertEquals(1, back.connection(0).typed().size(), "only the marker: " + back.connection(0).typed());
            awaitShown("*** Reconnected.");
        }
    }

    @Test
    void leavingWhileDisconnectedEndsAtOnce() throws IOException, InterruptedException {
        awaitNamesKnown();
        goDown();
        awaitShown("*** Connection lost: the server closed the connection. Reconnecting... (type quit to leave)");
        ChatSession.Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> session.submit("quit"));
        assertEquals(ChatSession.Outcome.LEAVE, outcome);
        assertFalse(lines().contains("*** Reconnected."), lines().toString());
    }
}
