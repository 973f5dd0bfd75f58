package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.core.Event;
import chat.core.Wire;
import chat.testkit.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The prompt as a user meets it, driven key by key through a JLine dumb terminal. */
class TerminalClientTest {

    private static final String WELCOME = "*** Welcome, user1! You are in #lobby (2 users here). Type /help for commands.";

    @TempDir
    Path home;
    private FakeServer server;
    private PromptHarness prompt;

    @BeforeEach
    void setUp() throws IOException {
        server = FakeServer.start();
        server.ghost("carol", "lobby");
        prompt = new PromptHarness(server.port(), home.resolve(".chat_history"));
        prompt.awaitScreen(WELCOME);
    }

    @AfterEach
    void tearDown() throws IOException {
        prompt.close();
        server.close();
    }

    @Test
    void theYellowPromptIsShown() {
        prompt.type("x");
        Await.until(() -> prompt.rawScreen().contains("\u001b[33m>>> \u001b[0mx"),
                () -> "a yellow prompt before x in " + prompt.rawScreen().replace("\u001b", "ESC"));
    }

    @Test
    void aTypedLineReachesTheServerExactlyAsTyped() {
        prompt.type("hi! !! !$ don't \\ \"q\n");
        server.awaitReceived(0, "hi! !! !$ don't \\ \"q");
        prompt.awaitScreen("user1: hi! !! !$ don't \\ \"q");
    }

    @Test
    void wideCharactersAreSentAndShownIntact() {
        prompt.type("你好 😀 ok\n");
        server.awaitReceived(0, "你好 😀 ok");
        prompt.awaitScreen("user1: 你好 😀 ok");
    }

    @Test
    void blankLinesAreNotSent() {
        prompt.type("\n   \nx\n");
        server.awaitReceived(0, "x");
        assertEquals(List.of("x"), server.connection(0).typed());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "quit|/quit",
        "exit|/quit",
        "QUIT|/quit",
        "Exit|/quit",
        "  qUiT  |/quit",
        "/quit see you|/quit see you",
    })
    void leavingTellsTheServerAndEndsThePrompt(String typed, String sent) {
        prompt.type(typed + "\n");
        prompt.awaitEnd();
        assertEquals(List.of(sent), server.connection(0).typed());
        assertTrue(prompt.screen().contains("*** Goodbye, user1!"), prompt.screen());
    }

    @Test
    void ctrlDOnAnEmptyLineLeavesLikeQuit() {
        prompt.type("ab\u0004\u0002\u0004\u0004\u0015\u0004"); // Ctrl-D deletes, until the line is empty
        prompt.awaitEnd();
        assertEquals(List.of("/quit"), server.connection(0).typed());
        assertTrue(prompt.screen().contains("*** Goodbye, user1!"), prompt.screen());
    }

    @Test
    void theKeyboardGoingAwayLeavesLikeQuit() {
        prompt.keys.end();
        prompt.awaitEnd();
        assertEquals(List.of("/quit"), server.connection(0).typed());
    }

    @Test
    void ctrlCDropsTheHalfTypedLineAndKeepsTheClientRunning() {
        prompt.type("half a thought\u0003x\n");
        server.awaitReceived(0, "x");
        assertEquals(List.of("x"), server.connection(0).typed());
        assertTrue(prompt.isRunning());
    }

    @Test
    void aLineArrivingWhileTypingAppearsAboveAndTheHalfLineSurvives() {
        prompt.type("hal");
        prompt.awaitScreen(">>> hal");
        server.ghostSays("carol", "are you there?");
        prompt.awaitScreen("carol: are you there?");
        // printAbove redraws the prompt and the half line below the new line.
        Await.until(() -> afterLast(prompt.screen(), "carol: are you there?").contains(">>> hal"),
                () -> "the half line redrawn after the message: " + afterLast(prompt.screen(), "carol: are you there?"));
        prompt.type("f\n");
        server.awaitReceived(0, "half");
        assertEquals(List.of("half"), server.connection(0).typed());
    }

    @Test
    void aLinePaddedToTheScreenWidthWrapsWithItsRemainderIndented() {
        // The harness terminal is 120 columns: pad carol's line to exactly that, as an attacker would.
        String padded = "carol: " + LineWrapperTest.BLANK.repeat(PromptHarness.WIDTH_COLUMNS - "carol: ".length());
        prompt.type("hal");
        prompt.awaitScreen(">>> hal");
        server.broadcast(padded + "*** ann left #lobby (quit)"); // blank-looking padding that no sanitising collapses
        prompt.awaitScreen("*** ann left #lobby (quit)");
        List<String> rows = List.of(prompt.screen().split("[\\r\\n]+"));
        assertTrue(rows.contains("    *** ann left #lobby (quit)"), () -> "an indented continuation in " + rows);
        assertTrue(rows.stream().noneMatch(row -> row.startsWith("*** ann left")), () -> "no fake notice in " + rows);
        Await.until(() -> afterLast(prompt.screen(), "*** ann left #lobby (quit)").contains(">>> hal"),
                () -> "the half line redrawn after both rows: " + afterLast(prompt.screen(), "*** ann left"));
    }

    @Test
    void ctrlCAtAnEmptyPromptSaysOnceHowToLeave() {
        prompt.type("half\u0003one\n");
        prompt.awaitScreen("user1: one");
        assertEquals(0, count(prompt.screen(), TerminalClient.HOW_TO_LEAVE), "not after dropping a half line");
        prompt.type("\u0003");
        prompt.awaitScreen(TerminalClient.HOW_TO_LEAVE);
        prompt.type("\u0003\u0003two\n");
        prompt.awaitScreen("user1: two");
        assertEquals(1, count(prompt.screen(), TerminalClient.HOW_TO_LEAVE), prompt.screen());
        assertTrue(prompt.isRunning());
    }

    @Test
    void anOverlongLineIsRefusedWithOneLineAndStaysToBeShortened() {
        String tooLong = "é".repeat(TerminalClient.MAX_LINE_BYTES / 2 + 1); // two bytes each: 2 over
        prompt.type(tooLong + "\n");
        prompt.awaitScreen(TerminalClient.tooLong(TerminalClient.MAX_LINE_BYTES + 2, true));
        prompt.type("\b\b\n"); // two Backspaces: the text was still there, now short enough
        String shortened = "é".repeat(TerminalClient.MAX_LINE_BYTES / 2 - 1);
        server.awaitReceived(0, shortened);
        assertEquals(List.of(shortened), server.connection(0).typed());
        assertEquals(1, count(prompt.screen(), "*** Not sent: "), "one line about it");
    }

    @Test
    void anOverlongLineTooTallForTheScreenGoesToTheHistoryAndThePromptIsCleared() {
        prompt.resize(200, 10); // 11 rows for the 2049 columns below: they would hide the line saying why
        String tooLong = "é".repeat(TerminalClient.MAX_LINE_BYTES / 2 + 1);
        prompt.type(tooLong + "\n");
        prompt.awaitScreen(TerminalClient.tooLong(TerminalClient.MAX_LINE_BYTES + 2, false));
        prompt.type("\u0010\b\b\n"); // Ctrl-P (Up) brings it back; two Backspaces shorten it
        String shortened = "é".repeat(TerminalClient.MAX_LINE_BYTES / 2 - 1);
        server.awaitReceived(0, shortened);
        assertEquals(List.of(shortened), server.connection(0).typed());
    }

    @Test
    void aLineNamingMeRingsTheBellAndOneThatDoesNotStaysQuiet() {
        server.ghostSays("carol", "annual report is out"); // no user1 here
        prompt.awaitScreen("carol: annual report is out");
        server.connection(0).send("[09:00] carol: user1 said this yesterday"); // history replays never ring
        prompt.awaitScreen("[09:00] carol: user1 said this yesterday");
        marker("first");
        assertEquals(0, prompt.bells());
        server.ghostSays("carol", "ping USER1, are you there?");
        prompt.awaitScreen("carol: ping USER1, are you there?");
        Await.until(() -> prompt.bells() == 1, () -> "one bell; rang " + prompt.bells());
        server.connection(0).send(Wire.render(new Event.PrivateFrom("carol", "psst")));
        Await.until(() -> prompt.bells() == 2, () -> "a bell for the private message; rang " + prompt.bells());
        prompt.type("user1 says user1\n");
        prompt.awaitScreen("user1: user1 says user1");
        marker("second");
        assertEquals(2, prompt.bells(), "my own lines never ring");
    }

    @Test
    void noBellMeansNoBellForMentionsOrPrivateMessages() throws IOException {
        try (PromptHarness quiet = new PromptHarness(new DialTarget(server.port()).rotation(), null, "ansi", null, false)) {
            quiet.awaitScreen("*** Welcome, user2!");
            server.ghostSays("carol", "hi user2");
            server.connection(1).send(Wire.render(new Event.PrivateFrom("carol", "psst")));
            quiet.awaitScreen("[pm from carol] psst");
            quiet.type("mark\n");
            quiet.awaitScreen("user2: mark"); // shown after anything queued before it, bells included
            assertEquals(0, quiet.bells());
        }
    }

    @Test
    void passwordsAreSentButNeverKeptInTheHistory() throws IOException {
        prompt.type("/oper hunter2\n");
        server.awaitReceived(0, "/oper hunter2");
        server.broadcast("*** Password for the vault?");
        prompt.awaitScreen("*** Password for the vault?");
        prompt.type("correct horse\n");
        server.awaitReceived(0, "correct horse");
        // The next line is an ordinary one again once a line without "password" is on the screen.
        prompt.awaitScreen(": correct horse");
        prompt.type("kept\n");
        server.awaitReceived(0, "kept");
        prompt.type("quit\n");
        prompt.awaitEnd();
        String history = Files.readString(home.resolve(".chat_history"), StandardCharsets.UTF_8);
        assertTrue(history.contains("kept"), history);
        assertTrue(!history.contains("hunter2") && !history.contains("correct horse"), history);
    }

    @Test
    void theChosenNickIsAskedForAfterTheWelcomeAndAgainAfterAReconnect() throws IOException {
        server.ghost("ann", "lobby"); // taken here: the first server keeps the default name
        try (FakeServer second = FakeServer.start();
                PromptHarness other = new PromptHarness(
                        ServerRotation.overTcp(List.of(server.address(), second.address())), null, "ansi", "ann", true)) {
            other.awaitScreen("! The name ann is taken.");
            assertEquals(List.of("/nick ann"), server.connection(1).typed());
            server.connection(1).close();
            other.awaitScreen("*** Reconnected to " + second.address() + ".");
            other.awaitScreen("*** user1 is now known as ann");
            assertEquals(List.of("/nick ann"), second.connection(0).typed());
        }
    }

    /** Waits until a line typed now has come back, so everything queued for the screen before it is shown. */
    private void marker(String name) {
        prompt.type("marker-" + name + "\n");
        prompt.awaitScreen("user1: marker-" + name);
    }

    private static long count(String text, String part) {
        long n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    private static String afterLast(String text, String mark) {
        return text.substring(text.lastIndexOf(mark));
    }

    @Test
    void tabCompletesCommandsAndTheNicksOfPeopleWhoJustArrived() {
        server.ghost("bob", "lobby");
        prompt.awaitScreen("*** bob joined #lobby");
        prompt.type("/ms\tb\thello\n");
        server.awaitReceived(0, "/msg bob hello");
        // carol came with the answer to the client's own /who; the server answers in order, so
        // once a later line's echo is on the screen, that answer has been taken in.
        prompt.type("marker\n");
        prompt.awaitScreen(": marker");
        prompt.type("c\thi\n");
        server.awaitReceived(0, "carol: hi");
    }

    @Test
    void typedLinesAreKeptInTheHistoryFileForTheNextRun() throws IOException {
        prompt.type("first words\n");
        server.awaitReceived(0, "first words");
        prompt.type("quit\n");
        prompt.awaitEnd();
        assertTrue(Files.readString(home.resolve(".chat_history"), StandardCharsets.UTF_8).contains("first words"));

        try (PromptHarness again = new PromptHarness(server.port(), home.resolve(".chat_history"))) {
            again.awaitScreen("*** Welcome, user2!");
            again.type("\u0010\u0010\n"); // Ctrl-P twice: back past "quit" to "first words"
            server.awaitReceived(1, "first words");
        }
    }

    @Test
    void aHistoryFileThatCannotBeWrittenIsReportedAndTheClientStillWorks() throws IOException {
        Files.writeString(home.resolve("a-file"), "not a directory");
        Path underAFile = home.resolve("a-file/dir/history");
        try (PromptHarness other = new PromptHarness(server.port(), underAFile)) {
            other.awaitScreen("*** Typed lines will not be kept: cannot write " + underAFile);
            other.type("still works\n");
            server.awaitReceived(1, "still works");
        }
    }

    @Test
    void theHistoryFilesDirectoriesAreCreatedOnTheFirstRun() throws IOException {
        Path fresh = home.resolve(".chat/history/127.0.0.1_2020");
        try (PromptHarness other = new PromptHarness(server.port(), fresh)) {
            other.awaitScreen("*** Welcome, user2!");
            other.type("remember me\n");
            server.awaitReceived(1, "remember me");
            Await.until(() -> Files.exists(fresh), "the history file to be written");
        }
        assertTrue(Files.readString(fresh, StandardCharsets.UTF_8).contains("remember me"));
    }

    @Test
    void whileDisconnectedTypedLinesAreReportedAndTheClientComesBack() throws IOException {
        DialTarget reconnects = new DialTarget(server.port());
        try (PromptHarness other = new PromptHarness(reconnects.rotation(), null, "ansi")) {
            other.awaitScreen("*** Welcome, user2!");
            reconnects.down();
            server.close();
            other.awaitScreen("*** Connection lost: the server closed the connection. Reconnecting... (type quit to leave)");
            other.type("lost words\n");
            other.awaitScreen("*** Not connected: \"lost words\" was not sent.");
            try (FakeServer back = FakeServer.start()) {
                reconnects.up(back.port());
                other.awaitScreen("*** Reconnected.");
                other.type("back\n");
                back.awaitReceived(0, "back");
                assertEquals(List.of("back"), back.connection(0).typed());
            }
        }
    }

    @Test
    void aLostServerHandsOverToTheNextWithOneLineAndTheNickAndRoomComeAlong() throws IOException {
        try (FakeServer second = FakeServer.start();
                PromptHarness other = new PromptHarness(
                        ServerRotation.overTcp(List.of(server.address(), second.address())), null, "ansi")) {
            other.awaitScreen("*** Welcome, user2!");
            other.type("/nick ann\n/join dev\n");
            other.awaitScreen("*** You joined #dev");

            server.connection(1).close();
            other.awaitScreen("*** Connection lost: the server closed the connection. Reconnecting to "
                    + second.address() + "... (type quit to leave)");
            other.awaitScreen("*** Reconnected to " + second.address() + ".");
            second.awaitReceived(0, "/join dev");
            assertEquals(List.of("/nick ann", "/join dev"), second.connection(0).typed());
            other.type("hello from the second\n");
            other.awaitScreen("ann: hello from the second");
        }
    }
}
