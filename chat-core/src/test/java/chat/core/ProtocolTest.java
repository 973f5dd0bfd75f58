package chat.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The builders the server still calls give the lines they always gave, now through Wire; the
 * lines are told apart by their kind. {@link ProtocolPropertyTest} compares them with the old
 * code on random input.
 */
@SuppressWarnings("removal") // the deprecated builders are what is tested here
class ProtocolTest {

    @Test
    void eachKindIsRecognisedByHowItBegins() {
        assertEquals(LineKind.CHAT, LineKind.of(Protocol.chat("ann", "hi * [x]")));
        assertEquals(LineKind.ACTION, LineKind.of(Protocol.action("ann", "waves")));
        assertEquals(LineKind.NOTICE, LineKind.of(Protocol.joined("ann", "lobby")));
        assertEquals(LineKind.ERROR, LineKind.of(Protocol.error("No.")));
        assertEquals(LineKind.PRIVATE, LineKind.of(Protocol.privateFrom("ann", "psst")));
        assertEquals(LineKind.PRIVATE, LineKind.of(Protocol.privateTo("bob", "psst")));
        assertEquals(LineKind.HISTORY, LineKind.of(Protocol.history(LocalTime.of(9, 5), "ann: hi")));
    }

    @Test
    void chatLineIsExactlyNameColonText() {
        assertEquals("ann: hello", Protocol.chat("ann", "hello"));
        assertEquals("[09:05] ann: hi", Protocol.history(LocalTime.of(9, 5), "ann: hi"));
    }

    @Test
    void framesEndWithCrLf() {
        assertArrayEquals("小明: 你好\r\n".getBytes(StandardCharsets.UTF_8), Protocol.frame(Protocol.chat("小明", "你好")));
    }

    @Test
    void onlyPrintableAsciiNonCommandLinesArePlainChat() {
        assertEquals(true, plain("hello, world! ~{}"));
        assertEquals(false, plain("/nick ann"), "a command");
        assertEquals(false, plain("你好"), "needs decoding");
        assertEquals(false, plain("a\u001b[2Jb"), "needs sanitising");
        assertEquals(false, plain("a\u007fb"), "DEL needs sanitising");
        assertEquals(true, plain("a /slash later is fine"));
    }

    private static boolean plain(String line) {
        byte[] bytes = ("xx" + line).getBytes(StandardCharsets.UTF_8);
        return Protocol.isPlainChat(bytes, 2, bytes.length - 2);
    }

    @Test
    void theNoticeBuildersStillGiveTheDocumentedLines() {
        assertEquals("*** Welcome, user7! You are in #lobby (3 users here). Type /help for commands.",
                Protocol.welcome("user7", "lobby", 3));
        assertEquals("*** You joined #dev (1 user here).", Protocol.youJoined("dev", 1));
        assertEquals("*** user7 joined #lobby", Protocol.joined("user7", "lobby"));
        assertEquals("*** ann left #lobby (moved to #dev)", Protocol.left("ann", "lobby", "moved to #dev"));
        assertEquals("*** user3 is now known as ann", Protocol.renamed("user3", "ann"));
        assertEquals("*** 3 users in #lobby: ann, bob, user9", Protocol.who("lobby", List.of("ann", "bob", "user9")));
        assertEquals("*** 3 users in #lobby: ann, and 2 more", Protocol.who("lobby", List.of("ann", "bob", "user9"), 1));
        assertEquals("*** 2 rooms: #dev (1), #lobby (3)", Protocol.rooms(List.of("dev", "lobby"), List.of(1, 3)));
        assertEquals("*** 1 room: #lobby (1)", Protocol.rooms(List.of("lobby"), List.of(1)));
        assertEquals("*** Goodbye, ann!", Protocol.goodbye("ann"));
        assertEquals("*** The server is shutting down. Goodbye!", Protocol.shuttingDown());
        assertEquals("*** Commands:", Protocol.notice("Commands:"));
        assertEquals("[pm from ann] see you at 5", Protocol.privateFrom("ann", "see you at 5"));
        assertEquals("[pm to bob] see you at 5", Protocol.privateTo("bob", "see you at 5"));
        assertEquals("! No one here is called bob.", Protocol.error("No one here is called bob."));
        assertEquals("* ann waves", Protocol.action("ann", "waves"));
        assertEquals("[14:03] ", Protocol.historyPrefix(LocalTime.of(14, 3)));
    }

    @Test
    void theConstantsAreWiresPrefixes() {
        assertEquals("*** ", Protocol.NOTICE);
        assertEquals("* ", Protocol.ACTION);
        assertEquals("! ", Protocol.ERROR);
        assertEquals("[pm from ", Protocol.PRIVATE_FROM);
        assertEquals("[pm to ", Protocol.PRIVATE_TO);
        assertEquals("\r\n", Protocol.LINE_END);
    }
}
