package chat.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.core.Event.Goodbye;
import chat.core.Event.Notice;
import chat.core.Event.PrivateFrom;
import chat.core.Event.PrivateTo;
import chat.core.Event.Replayed;
import chat.core.Event.RoomEvent;
import chat.core.Event.RoomList;
import chat.core.Event.RoomList.RoomCount;
import chat.core.Event.ShuttingDown;
import chat.core.Event.Unknown;
import chat.core.Event.Welcome;
import chat.core.Event.Who;
import chat.core.Event.YouJoined;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every kind of event renders as exactly the line docs/protocol.md shows, and parses back from
 * it; lines the client meets in practice parse as they did before Wire.
 */
class WireTest {

    /** One event of every kind with the line docs/protocol.md gives for it (examples copied from there). */
    static Map<Event, String> documented() {
        Map<Event, String> lines = new LinkedHashMap<>();
        lines.put(RoomEvent.chat("", "ann", "hello everyone"), "ann: hello everyone");
        lines.put(RoomEvent.action("", "ann", "waves"), "* ann waves");
        lines.put(RoomEvent.join("lobby", "user7"), "*** user7 joined #lobby");
        lines.put(RoomEvent.leave("lobby", "ann", "moved to #dev"), "*** ann left #lobby (moved to #dev)");
        lines.put(RoomEvent.leave("dev", "ann", "quit: bye"), "*** ann left #dev (quit: bye)");
        lines.put(RoomEvent.rename("", "user3", "ann"), "*** user3 is now known as ann");
        lines.put(RoomEvent.back("dev", "ann"), "*** ann is back in #dev");
        lines.put(RoomEvent.topic("lobby", "ann", "release on Friday: read #dev"),
                "*** ann set the topic of #lobby: release on Friday: read #dev");
        lines.put(new Welcome("user7", "lobby", 3),
                "*** Welcome, user7! You are in #lobby (3 users here). Type /help for commands.");
        lines.put(new Welcome("user1", "lobby", 1),
                "*** Welcome, user1! You are in #lobby (1 user here). Type /help for commands.");
        lines.put(new YouJoined("dev", 1), "*** You joined #dev (1 user here).");
        lines.put(new YouJoined("dev", 2), "*** You joined #dev (2 users here).");
        lines.put(new Who("lobby", List.of("ann", "bob", "user9"), 0), "*** 3 users in #lobby: ann, bob, user9");
        lines.put(new Who("lobby", List.of("ann"), 0), "*** 1 user in #lobby: ann");
        lines.put(new Who("lobby", List.of("ann", "bob"), 0, java.util.Set.of("ann")),
                "*** 2 users in #lobby: ann (away), bob");
        lines.put(new Who("big", List.of("ann", "bob"), 148), "*** 150 users in #big: ann, bob, and 148 more");
        lines.put(new RoomList(List.of(new RoomCount("dev", 1), new RoomCount("lobby", 3))),
                "*** 2 rooms: #dev (1), #lobby (3)");
        lines.put(new RoomList(List.of(new RoomCount("lobby", 1))), "*** 1 room: #lobby (1)");
        lines.put(new PrivateFrom("ann", "see you at 5"), "[pm from ann] see you at 5");
        lines.put(new PrivateTo("bob", "see you at 5"), "[pm to bob] see you at 5");
        lines.put(new Event.Error("No one here is called bob."), "! No one here is called bob.");
        lines.put(new Notice("Commands:"), "*** Commands:");
        lines.put(new Goodbye("ann"), "*** Goodbye, ann!");
        lines.put(new ShuttingDown(), "*** The server is shutting down. Goodbye!");
        lines.put(new Replayed(LocalTime.of(14, 3), RoomEvent.chat("", "ann", "hi")), "[14:03] ann: hi");
        lines.put(new Replayed(LocalTime.of(9, 5), RoomEvent.action("", "ann", "waves")), "[09:05] * ann waves");
        lines.put(new Unknown("just words"), "just words");
        return lines;
    }

    @Test
    void everyKindRendersAsTheDocumentedLine() {
        documented().forEach((event, line) -> assertEquals(line, Wire.render(event), event.toString()));
    }

    @Test
    void everyDocumentedLineParsesBackIntoItsEvent() {
        documented().forEach((event, line) -> assertEquals(event, Wire.parse(line), line));
    }

    @Test
    void everyKindOfEventHasAnExample() {
        // A new record in Event without a form in Wire would fail here, not in a user's client.
        Set<Class<?>> covered = documented().keySet().stream().map(Object::getClass).collect(Collectors.toSet());
        for (Class<?> kind : Event.class.getPermittedSubclasses()) {
            assertTrue(covered.contains(kind), kind.getSimpleName() + " has no example");
        }
        Set<RoomEvent.Kind> kinds = documented().keySet().stream()
                .filter(RoomEvent.class::isInstance).map(e -> ((RoomEvent) e).kind()).collect(Collectors.toSet());
        assertEquals(Set.of(RoomEvent.Kind.values()), kinds);
    }

    @Test
    void framesAreTheLineInUtf8WithCrLf() {
        assertArrayEquals("小明: 你好\r\n".getBytes(StandardCharsets.UTF_8),
                Wire.frame(RoomEvent.chat("lobby", "小明", "你好")));
        documented().forEach((event, line) ->
                assertArrayEquals((line + "\r\n").getBytes(StandardCharsets.UTF_8), Wire.frame(event), line));
    }

    @Test
    void aRoomsNameAndNumbersAreNotPartOfAChatLine() {
        RoomEvent said = RoomEvent.chat("lobby", "ann", "hi").withSeq(42, 1_700_000_000_000L);
        assertEquals("ann: hi", Wire.render(said));
        assertEquals(RoomEvent.chat("", "ann", "hi"), Wire.parse(Wire.render(said)));
        assertEquals(new RoomEvent("lobby", 42, 1_700_000_000_000L, RoomEvent.Kind.CHAT, "ann", "hi"), said);
    }

    @Test
    void aReplayedLineIsStampedWithTheMinuteItWasSaidInTheServersZone() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        long at = ZonedDateTime.of(2026, 1, 15, 14, 3, 59, 0, paris).toInstant().toEpochMilli();
        RoomEvent said = RoomEvent.chat("lobby", "ann", "hi").withSeq(7, at);
        assertArrayEquals("[14:03] ann: hi\r\n".getBytes(StandardCharsets.UTF_8), Wire.replayFrame(said, paris));
        assertArrayEquals("[13:03] ann: hi\r\n".getBytes(StandardCharsets.UTF_8), Wire.replayFrame(said, ZoneId.of("UTC")));
        assertEquals(LocalTime.of(14, 3), new Replayed(LocalTime.of(14, 3, 59), said).saidAt());
    }

    // What ServerEvent.parse used to be tested with, now through Wire.

    @Test
    void noticesTheClientFollowsParseBackIntoEvents() {
        assertEquals(new Welcome("user7", "lobby", 3),
                Wire.parse("*** Welcome, user7! You are in #lobby (3 users here). Type /help for commands."));
        assertEquals(new YouJoined("dev", 1), Wire.parse("*** You joined #dev (1 user here)."));
        assertEquals(RoomEvent.join("lobby", "小明"), Wire.parse("*** 小明 joined #lobby"));
        assertEquals(RoomEvent.leave("dev", "ann", "quit: bye (really)"), Wire.parse("*** ann left #dev (quit: bye (really))"));
        assertEquals(RoomEvent.rename("", "user1", "ann"), Wire.parse("*** user1 is now known as ann"));
        assertEquals(new Who("lobby", List.of("ann", "bob"), 0), Wire.parse("*** 2 users in #lobby: ann, bob"));
        assertEquals(new Who("lobby", List.of("ann"), 0), Wire.parse("*** 1 user in #lobby: ann"));
        assertEquals(new RoomList(List.of(new RoomCount("dev", 1), new RoomCount("lobby", 2))),
                Wire.parse("*** 2 rooms: #dev (1), #lobby (2)"));
    }

    @Test
    void aNoticeQuotedInAChatLineIsChat() {
        assertEquals(RoomEvent.chat("", "ann", "*** ann joined #lobby"), Wire.parse("ann: *** ann joined #lobby"));
    }

    @Test
    void aWhoAnswerInABigRoomGivesTheNamesShownAndHowManyMore() {
        Who who = (Who) Wire.parse("*** 1000 users in #big: a, b, c, and 997 more");
        assertEquals(List.of("a", "b", "c"), who.nicks());
        assertEquals(997, who.more());
        assertEquals(new Who("big", List.of(), 5), Wire.parse("*** 5 users in #big: , and 5 more"));
    }

    @Test
    void aRoomListSkipsEntriesThatAreNotRoomAndCount() {
        assertEquals(new RoomList(List.of(new RoomCount("dev", 1), new RoomCount("lobby", 3))),
                Wire.parse("*** 3 rooms: #dev (1), junk, #lobby (3)"));
        assertEquals(new RoomList(List.of()), Wire.parse("*** 0 rooms: "));
    }

    @Test
    void countsInEitherNumberAreRead() {
        // As ServerEvent did: "users?" and "rooms?" whatever the count.
        assertEquals(new Who("lobby", List.of("ann", "bob"), 0), Wire.parse("*** 2 user in #lobby: ann, bob"));
        assertEquals(new YouJoined("dev", 1), Wire.parse("*** You joined #dev (1 users here)."));
        assertEquals(new RoomList(List.of(new RoomCount("dev", 1))), Wire.parse("*** 1 rooms: #dev (1)"));
    }

    @Test
    void theWelcomeAndYouJoinedAreFollowedWhateverFollowsTheRoom() {
        // As ServerEvent read them: name and room are what a client needs; the count is then unknown.
        assertEquals(new Welcome("ann", "lobby", 0), Wire.parse("*** Welcome, ann! You are in #lobby (for now)."));
        assertEquals(new YouJoined("dev", 0), Wire.parse("*** You joined #dev at last"));
        assertEquals(RoomEvent.join("dev", "You"), Wire.parse("*** You joined #dev"), "someone called You");
    }

    @Test
    void aCountTooBigToBeTrueIsReadAsTheBiggestInt() {
        assertEquals(new Who("x", List.of("a"), 0), Wire.parse("*** 99999999999 users in #x: a"));
        assertEquals(new RoomList(List.of(new RoomCount("x", Integer.MAX_VALUE))), Wire.parse("*** 1 room: #x (99999999999)"));
    }

    @Test
    void otherNoticesAreFreeNotices() {
        assertEquals(new Notice("  /nick NAME        change your nickname"),
                Wire.parse("***   /nick NAME        change your nickname"));
        assertEquals(new Notice(""), Wire.parse("*** "));
        assertEquals(new Notice("ann joined #"), Wire.parse("*** ann joined #"));
    }

    @Test
    void historyIsOnlyChatAndActionWithARealTime() {
        assertEquals(new Replayed(LocalTime.of(23, 59), RoomEvent.chat("", "ann", "late")), Wire.parse("[23:59] ann: late"));
        assertEquals(new Unknown("[25:99] ann: hi"), Wire.parse("[25:99] ann: hi"));
        assertEquals(new Unknown("[09:05] *** ann joined #x"), Wire.parse("[09:05] *** ann joined #x"));
        assertEquals(new Unknown("[9:05] ann: hi"), Wire.parse("[9:05] ann: hi"));
    }

    @Test
    void linesOfNoKnownShapeAreUnknownAndKeptAsTheyCame() {
        for (String line : new String[] {"", "just words", "**x", "* ann", "[pm from ann]", "[pm to bob]x",
                "bad name: hi", ": hi", "#lobby: hi", "!x"}) {
            assertEquals(new Unknown(line), Wire.parse(line), line);
        }
        assertEquals(new Event.Error(""), Wire.parse("! "));
        assertEquals(RoomEvent.action("", "ann", ""), Wire.parse("* ann "));
    }

    @Test
    void eachRenderedLineHasTheKindItsPrefixTells() {
        assertEquals(LineKind.CHAT, LineKind.of(Wire.render(RoomEvent.chat("", "ann", "hi * [x]"))));
        assertEquals(LineKind.ACTION, LineKind.of(Wire.render(RoomEvent.action("", "ann", "waves"))));
        for (Event notice : List.of(RoomEvent.join("lobby", "ann"), RoomEvent.leave("lobby", "ann", "quit"),
                RoomEvent.rename("", "a", "b"), new Welcome("a", "b", 1), new YouJoined("b", 1), new Who("b", List.of(), 0),
                new RoomList(List.of()), new Notice("x"), new Goodbye("a"), new ShuttingDown())) {
            assertEquals(LineKind.NOTICE, LineKind.of(Wire.render(notice)), notice.toString());
        }
        assertEquals(LineKind.ERROR, LineKind.of(Wire.render(new Event.Error("No."))));
        assertEquals(LineKind.PRIVATE, LineKind.of(Wire.render(new PrivateFrom("ann", "psst"))));
        assertEquals(LineKind.PRIVATE, LineKind.of(Wire.render(new PrivateTo("bob", "psst"))));
        Replayed replayed = new Replayed(LocalTime.of(9, 5), RoomEvent.chat("", "a", "hi"));
        assertEquals(LineKind.HISTORY, LineKind.of(Wire.render(replayed)));
        assertEquals(8, Wire.STAMP_CHARS);
    }

    @Test
    void eventsRefuseWhatTheWireCannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> new RoomEvent("lobby", 0, 0, RoomEvent.Kind.JOIN, "ann", "hi"));
        assertThrows(IllegalArgumentException.class, () -> new Replayed(LocalTime.NOON, RoomEvent.join("lobby", "ann")));
        assertThrows(IllegalArgumentException.class, () -> new Who("lobby", List.of(), -1));
        assertThrows(NullPointerException.class, () -> RoomEvent.chat("lobby", null, "hi"));
    }

    @Test
    void eventsCopyTheirLists() {
        List<String> nicks = new java.util.ArrayList<>(Arrays.asList("ann", "bob"));
        Who who = new Who("lobby", nicks, 0);
        nicks.add("carol");
        assertEquals(List.of("ann", "bob"), who.nicks());
    }
}
