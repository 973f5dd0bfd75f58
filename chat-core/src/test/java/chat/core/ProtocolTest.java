package chat.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lines the server builds are told apart by their kind, and the notices parse back. */
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
    void noticesParseBackIntoEvents() {
        assertEquals(new ServerEvent.Welcome("user7", "lobby"), ServerEvent.parse(Protocol.welcome("user7", "lobby", 3)));
        assertEquals(new ServerEvent.YouJoined("dev"), ServerEvent.parse(Protocol.youJoined("dev", 1)));
        assertEquals(new ServerEvent.Joined("小明", "lobby"), ServerEvent.parse(Protocol.joined("小明", "lobby")));
        assertEquals(new ServerEvent.Left("ann", "dev"), ServerEvent.parse(Protocol.left("ann", "dev", "quit: bye (really)")));
        assertEquals(new ServerEvent.Renamed("user1", "ann"), ServerEvent.parse(Protocol.renamed("user1", "ann")));
        assertEquals(new ServerEvent.Who("lobby", List.of("ann", "bob")),
                ServerEvent.parse(Protocol.who("lobby", List.of("ann", "bob"))));
        assertEquals(new ServerEvent.Who("lobby", List.of("ann")), ServerEvent.parse(Protocol.who("lobby", List.of("ann"))));
        assertEquals(new ServerEvent.Rooms(List.of("dev", "lobby")),
                ServerEvent.parse(Protocol.rooms(List.of("dev", "lobby"), List.of(1, 2))));
        assertEquals(new ServerEvent.Other(), ServerEvent.parse("ann: *** ann joined #lobby"));
    }
}
