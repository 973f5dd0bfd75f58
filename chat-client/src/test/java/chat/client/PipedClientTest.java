package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PipedClientTest {

    private FakeServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws IOException {
        server = FakeServer.start();
        server.ghost("carol", "lobby");
    }

    @AfterEach
    void tearDown() throws IOException {
        server.close();
    }

    private int run(InputStream in, Duration drainWait) throws IOException {
        ServerLink link = ServerLink.connect(server.address());
        return new PipedClient(link, in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), drainWait).run();
    }

    private static InputStream input(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> outLines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void inputGoesToTheServerAndEveryReplyIsPrintedBeforeExitingZero() throws IOException {
        int status = run(input("hello\n/who\n"), PipedClient.DEFAULT_DRAIN_WAIT);
        assertEquals(0, status);
        assertEquals(List.of(
                "*** Welcome, user1! You are in #lobby (2 users here). Type /help for commands.",
                "user1: hello",
                "*** 2 users in #lobby: carol, user1"), outLines());
        assertEquals(List.of("hello", "/who"), server.connection(0).received);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void serverLinesArePrintedSanitisedAndWithoutColour() throws IOException {
        assertEquals(0, run(input("a\u001b[31mb\u0007\u202ec\n"), PipedClient.DEFAULT_DRAIN_WAIT));
        assertEquals("user1: a^[[31mb^Gc", outLines().get(1));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("\u001b"));
    }

    @Test
    void wideCharactersPassThroughIntact() throws IOException {
        assertEquals(0, run(input("你好 😀 नमस्ते\n"), PipedClient.DEFAULT_DRAIN_WAIT));
        assertEquals("user1: 你好 😀 नमस्ते", outLines().get(1));
    }

    @Test
    void aServerThatNeverClosesIsGivenUpOnAndTheExitIsStillZero() {
        server.closeAtEndOfInput(false);
        int status = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> run(input("still there?\n"), Duration.ofMillis(200)));
        assertEquals(0, status);
        assertEquals("user1: still there?", outLines().get(1));
    }

    @Test
    void theServerClosingFirstEndsTheRunThoughInputNeverEnds() {
        Keyboard endless = new Keyboard().type("/quit\n");
        int status = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> run(endless, PipedClient.DEFAULT_DRAIN_WAIT));
        assertEquals(0, status);
        assertEquals("*** Goodbye, user1!", outLines().get(outLines().size() - 1));
        endless.end();
    }
}
