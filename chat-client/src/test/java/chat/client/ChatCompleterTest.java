package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.core.Command;
import chat.core.Event;
import chat.core.Event.RoomList.RoomCount;
import chat.core.Wire;
import chat.testkit.Await;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatCompleterTest {

    private final RoomState state = new RoomState();
    private final AtomicInteger roomListsWanted = new AtomicInteger();
    /** What the "server" answers to a room list asked for on Tab; null: no answer comes. */
    private volatile List<RoomCount> roomsAnswer;
    private final ChatCompleter completer = new ChatCompleter(state, () -> {
        roomListsWanted.incrementAndGet();
        List<RoomCount> answer = roomsAnswer;
        if (answer != null) {
            // Answered from another thread, as the link thread would, while the Tab waits.
            new Thread(() -> hear(Wire.render(new Event.RoomList(answer)))).start();
        }
        return true;
    });
    private final Keyboard keys = new Keyboard();
    private Terminal terminal;
    private LineReader reader;

    @BeforeEach
    void setUp() throws IOException {
        // Type "ansi", as JLine's ReaderTestSupport: on type "dumb" JLine inserts a Tab instead of completing.
        terminal = new DumbTerminal("test", "ansi", keys, new java.io.ByteArrayOutputStream(), StandardCharsets.UTF_8);
        terminal.setSize(new Size(120, 40));
        reader = TerminalClient.newReader(terminal, completer, null);
        hear(Wire.render(new Event.Welcome("me", "lobby", 3)));
        hear(Wire.render(new Event.Who("lobby", List.of("bob", "me", "小明"), 0)));
        hear(Wire.render(new Event.RoomList(List.of(new RoomCount("dev", 1), new RoomCount("design", 1),
                new RoomCount("lobby", 3)))));
    }

    @AfterEach
    void tearDown() throws IOException {
        keys.end();
        terminal.close();
    }

    private void hear(String line) {
        state.apply(Wire.parse(line));
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
        hear(Wire.render(Event.RoomEvent.join("lobby", "carol")));
        assertEquals(List.of("bob", "carol", "小明"), values(candidates("/msg ")));
        hear(Wire.render(Event.RoomEvent.rename("", "carol", "caz")));
        hear(Wire.render(Event.RoomEvent.leave("lobby", "bob", "quit")));
        assertEquals(List.of("caz", "小明"), values(candidates("/msg ")));
        assertEquals("/msg caz yo", typeAtPrompt("/msg c\tyo\n"));
    }

    @Test
    void afterJoinRoomsButMineAreOfferedAndAFreshListIsNotAskedForAgain() {
        assertEquals(List.of("design", "dev"), values(candidates("/join ")));
        assertEquals("/join dev ", typeAtPrompt("/join dev\t\n"));
        assertEquals(0, roomListsWanted.get(), "the list heard in setUp is fresh");
    }

    @Test
    void aStaleRoomListIsRefreshedAndARoomCreatedAMomentAgoCompletesOnTheFirstTab() {
        state.apply(new Event.RoomList(List.of(new RoomCount("dev", 1), new RoomCount("lobby", 3))));
        ageRoomList();
        roomsAnswer = List.of(new RoomCount("dev", 1), new RoomCount("lobby", 3), new RoomCount("music", 1));
        assertEquals("/join music ", typeAtPrompt("/join m\t\n"));
        assertEquals(1, roomListsWanted.get());
    }

    @Test
    void withoutAnAnswerTheTabGivesUpWithinHalfASecond() {
        ageRoomList();
        long start = System.nanoTime();
        assertEquals(List.of("design", "dev"), values(candidates("/join ")));
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(1, roomListsWanted.get());
        assertTrue(waitedMillis >= ChatCompleter.ROOMS_WAIT.toMillis() - 50 && waitedMillis < 2_000,
                "waited " + waitedMillis + " ms");
    }

    /** Waits (for a condition, with a deadline) until the room list counts as stale. */
    private void ageRoomList() {
        Await.until(() -> state.roomListOlderThan(ChatCompleter.ROOMS_FRESH_FOR), "the room list to go stale");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/msg q",   // cat is one typo away from q: not /msg cat
        "q",        // nor cat:
        "/jx",      // one typo from /join
        "/msg a",   // cat contains a, but does not start with it
        "/join ev", // dev contains ev
    })
    void tabOnlyEverExtendsWhatWasTyped(String typed) {
        hear(Wire.render(new Event.Who("lobby", List.of("cat", "me"), 0)));
        assertEquals(typed, typeAtPrompt(typed + "\t\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/whois NAME|NICK",
        "/ignore NAME|NICK",
        "/unignore [NAME]|NICK",
        "/msg NAME TEXT|NICK",
        "/nick NAME|OTHER",
        "/join ROOM|ROOM",
        "/part [ROOM]|ROOM",
        "/topic TEXT|OTHER",
        "/list|OTHER",
    })
    void theFirstArgumentIsReadFromTheUsage(String syntax, ChatCompleter.Argument expected) {
        String name = syntax.split(" ")[0];
        assertEquals(expected, ChatCompleter.firstArgument(new Command.Usage(name, syntax, "")));
    }

    @Test
    void theOperatorsCommandsCompleteTheNamesOfPeopleButOperDoesNot() {
        for (String command : List.of("/kick", "/ban", "/unban", "/mute", "/unmute")) {
            Command.Usage usage = Command.USAGES.stream().filter(u -> u.name().equals(command)).findFirst().orElseThrow();
            assertEquals(ChatCompleter.Argument.NICK, ChatCompleter.firstArgument(usage), command);
        }
        Command.Usage oper = Command.USAGES.stream().filter(u -> u.name().equals("/oper")).findFirst().orElseThrow();
        assertEquals(ChatCompleter.Argument.OTHER, ChatCompleter.firstArgument(oper), "an operator's name is not a person here");
    }

    @Test
    void aRoomTypedWithItsHashIsCompletedWithIt() {
        assertEquals(List.of("#design", "#dev"), values(candidates("/join #")));
        assertEquals("/join #design ", typeAtPrompt("/join #des\t\n"));
    }

    @Test
    void roomsLearnedLaterAreOfferedOnTheNextTab() {
        hear(Wire.render(new Event.RoomList(List.of(new RoomCount("dev", 1), new RoomCount("lobby", 3),
                new RoomCount("music", 1)))));
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
