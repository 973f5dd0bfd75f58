package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.core.Command;
import chat.core.Protocol;
import chat.core.ServerEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.Parser;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatCompleterTest {

    private final RoomState state = new RoomState();
    private final AtomicInteger roomListsWanted = new AtomicInteger();
    private final ChatCompleter completer = new ChatCompleter(state, roomListsWanted::incrementAndGet);
    private final Keyboard keys = new Keyboard();
    private Terminal terminal;
    private LineReader reader;

    @BeforeEach
    void setUp() throws IOException {
        // Type "ansi", as JLine's ReaderTestSupport: on type "dumb" JLine inserts a Tab instead of completing.
        terminal = new DumbTerminal("test", "ansi", keys, new java.io.ByteArrayOutputStream(), StandardCharsets.UTF_8);
        terminal.setSize(new Size(120, 40));
        reader = TerminalClient.newReader(terminal, completer, null);
        hear(Protocol.welcome("me", "lobby", 3));
        hear(Protocol.who("lobby", List.of("bob", "me", "小明")));
        hear(Protocol.rooms(List.of("dev", "design", "lobby"), List.of(1, 1, 3)));
    }

    @AfterEach
    void tearDown() throws IOException {
        keys.end();
        terminal.close();
    }

    private void hear(String line) {
        state.apply(ServerEvent.parse(line));
    }

    /** The candidates offered with the cursor at the end of {@code line}. */
    private List<Candidate> candidates(String line) {
        List<Candidate> found = new ArrayList<>();
        completer.complete(reader, TerminalClient.parser().parse(line, line.length(), Parser.ParseContext.COMPLETE), found);
        return found;
    }

    private static List<String> values(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::value).toList();
    }

    /** Types {@code keys} (ending in Enter) at a real reader and returns the line it accepted. */
    private String typeAtPrompt(String typed) {
        keys.type(typed);
        return reader.readLine(">>> ");
    }

    @Test
    void aSlashOffersEveryCommandAsACompleteWord() {
        List<Candidate> found = candidates("/ni");
        assertEquals(Command.USAGES.stream().map(Command.Usage::name).toList(), values(found));
        assertTrue(found.stream().allMatch(Candidate::complete), "a space follows a completed command");
    }

    @Test
    void tabCompletesACommandAtThePrompt() {
        assertEquals("/nick ", typeAtPrompt("/ni\t\n"));
        assertEquals("/rooms ", typeAtPrompt("/RO\t\n"));
    }

    @Test
    void afterMsgTheOthersInMyRoomAreOffered() {
        assertEquals(List.of("bob", "小明"), values(candidates("/msg ")));
        assertEquals("/msg bob hi", typeAtPrompt("/msg b\thi\n"));
        assertEquals("/msg 小明 你好", typeAtPrompt("/msg 小\t你好\n"));
    }

    @Test
    void atTheStartOfALineANickIsCompletedAsAnAddress() {
        assertEquals(List.of("bob:", "小明:"), values(candidates("")));
        assertEquals("bob: see you", typeAtPrompt("B\tsee you\n"));
    }

    @Test
    void theNickListFollowsJoinsLeavesAndRenamesAsTheyHappen() {
        hear(Protocol.joined("carol", "lobby"));
        assertEquals(List.of("bob", "carol", "小明"), values(candidates("/msg ")));
        hear(Protocol.renamed("carol", "caz"));
        hear(Protocol.left("bob", "lobby", "quit"));
        assertEquals(List.of("caz", "小明"), values(candidates("/msg ")));
        assertEquals("/msg caz yo", typeAtPrompt("/msg c\tyo\n"));
    }

    @Test
    void afterJoinRoomsButMineAreOfferedAndAFreshListIsAskedFor() {
        assertEquals(List.of("design", "dev"), values(candidates("/join ")));
        assertEquals(1, roomListsWanted.get());
        assertEquals("/join dev ", typeAtPrompt("/join dev\t\n"));
        assertEquals(2, roomListsWanted.get());
    }

    @Test
    void aRoomTypedWithItsHashIsCompletedWithIt() {
        assertEquals(List.of("#design", "#dev"), values(candidates("/join #")));
        assertEquals("/join #design ", typeAtPrompt("/join #des\t\n"));
    }

    @Test
    void roomsLearnedLaterAreOfferedOnTheNextTab() {
        hear(Protocol.rooms(List.of("dev", "lobby", "music"), List.of(1, 3, 1)));
        assertEquals("/join music ", typeAtPrompt("/join m\t\n"));
    }

    @Test
    void otherPlacesOfferNothing() {
        assertEquals(List.of(), values(candidates("/nick ")));
        assertEquals(List.of(), values(candidates("/msg bob ")));
        assertEquals(List.of(), values(candidates("hello b")));
        assertEquals(0, roomListsWanted.get());
    }
}
