package chat.server.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.server.bus.LocalDirectory;
import chat.server.bus.LocalRoomBus;
import chat.server.store.MemoryHistory;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chat without sockets: users whose output is recorded, the in-process bus, directory and store. */
class ChatTest {

    private static final long NOON = 12 * 3600 * 1000L;

    private Chat chat = chatWithHistory(2, 32 * 1024);
    private long nextId = 1;

    private static Chat chatWithHistory(int lines, int bytes) {
        return new Chat(new LocalRoomBus(() -> NOON), new LocalDirectory(), new MemoryHistory(lines, bytes,
                MemoryHistory.DEFAULT_MAX_ROOMS, 86_400_000L, ZoneOffset.UTC, () -> NOON));
    }

    private Recorder arrive(String nick) {
        Recorder recorder = new Recorder(nextId++, "user" + (nextId - 1));
        chat.arrive(recorder.user, () -> { });
        chat.onLine(recorder.user, "/nick " + nick);
        return recorder;
    }

    private void say(Recorder who, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        chat.sayPlain(who.user, bytes, 0, bytes.length);
    }

    @Test
    void aLineIsRenderedOnceAndTheSameBytesGoToEveryMemberTheSpeakerIncluded() {
        Recorder ann = arrive("ann");
        Recorder bob = arrive("bob");
        say(ann, "hi");
        assertEquals("ann: hi", ann.last());
        assertEquals("ann: hi", bob.last());
        assertSame(ann.frames.get(ann.frames.size() - 1), bob.frames.get(bob.frames.size() - 1),
                "one array shared, not a copy per member");
    }

    @Test
    void aNewcomerIsWelcomedThenGetsTheHistoryButNotItsOwnArrival() {
        Recorder ann = arrive("ann");
        say(ann, "one");
        say(ann, "two");
        say(ann, "three");
        Recorder bob = new Recorder(nextId++, "user9");
        chat.arrive(bob.user, () -> { });
        assertEquals(List.of("*** Welcome, user9! You are in #lobby (2 users here). Type /help for commands.",
                "[12:00] ann: two", "[12:00] ann: three"), bob.lines());
        assertEquals("*** user9 joined #lobby", ann.last());
    }

    @Test
    void leavingTellsTheOthersAndStopsDelivery() {
        Recorder ann = arrive("ann");
        Recorder bob = arrive("bob");
        chat.leave(bob.user, "quit: bye");
        bob.clear();
        say(ann, "after");
        assertEquals(List.of("*** bob left #lobby (quit: bye)", "ann: after"),
                ann.lines().subList(ann.lines().size() - 2, ann.lines().size()));
        assertTrue(bob.frames.isEmpty(), "nothing reaches a user who left");
        chat.onLine(ann.user, "/who");
        assertEquals("*** 1 user in #lobby: ann", ann.last());
    }

    @Test
    void eachHistoryLineIsRenderedOnceAndSharedByEveryNewcomer() {
        Recorder ann = arrive("ann");
        say(ann, "hello");
        Recorder bob = new Recorder(nextId++, "user8");
        Recorder cat = new Recorder(nextId++, "user9");
        chat.arrive(bob.user, () -> { });
        chat.arrive(cat.user, () -> { });
        assertEquals("[12:00] ann: hello\r\n", new String(bob.frames.get(1), StandardCharsets.UTF_8));
        assertSame(bob.frames.get(1), cat.frames.get(1), "the same array, not a copy");
    }

    @Test
    void noHistoryMeansNothingIsReplayed() {
        chat = chatWithHistory(0, 32 * 1024);
        Recorder ann = arrive("ann");
        say(ann, "unheard later");
        Recorder bob = new Recorder(nextId++, "user9");
        chat.arrive(bob.user, () -> { });
        assertEquals(1, bob.lines().size(), "the welcome alone: " + bob.lines());
    }

    @Test
    void historyKeepsAtMostItsBytesSoLongLinesEvictTheOldestSooner() {
        chat = chatWithHistory(50, 3120); // three ~510-byte lines, each counted twice
        Recorder ann = arrive("ann");
        for (int i = 0; i < 10; i++) {
            say(ann, i + " " + "x".repeat(500));
        }
        Recorder bob = new Recorder(nextId++, "user99");
        chat.arrive(bob.user, () -> { });
        List<String> replayed = bob.lines().subList(1, bob.lines().size());
        assertEquals(3, replayed.size(), "three lines of ~510 bytes fit in 3,120 bytes (each counted twice)");
        assertTrue(replayed.get(0).startsWith("[12:00] ann: 7 "), "the newest are kept, oldest first: " + replayed.get(0));
        assertTrue(replayed.get(2).startsWith("[12:00] ann: 9 "));
    }

    @Test
    void movingRoomsTellsBothRoomsAndTheMoverSeesOnlyTheNewRoom() {
        Recorder ann = arrive("ann");
        Recorder bob = arrive("bob");
        chat.onLine(bob.user, "/join #Dev");
        assertEquals("*** bob left #lobby (moved to #Dev)", ann.last());
        assertEquals("*** You joined #Dev (1 user here).", bob.last());
        Recorder cat = arrive("cat");
        chat.onLine(cat.user, "/join dev");
        assertEquals("*** cat joined #Dev", bob.last(), "the room keeps the name it was first written with");
        chat.onLine(ann.user, "/rooms");
        assertEquals("*** 2 rooms: #Dev (2), #lobby (1)", ann.last());
        say(ann, "lobby only");
        assertEquals("*** cat joined #Dev", bob.last(), "a line said in the lobby does not reach #Dev");
    }

    @Test
    void aPrivateMessageReachesItsRecipientAloneInAnyRoomAndTheSenderGetsACopy() {
        Recorder ann = arrive("ann");
        Recorder bob = arrive("bob");
        Recorder cat = arrive("cat");
        chat.onLine(bob.user, "/join dev");
        cat.clear();
        chat.onLine(ann.user, "/msg BOB psst");
        assertEquals("[pm from ann] psst", bob.last());
        assertEquals("[pm to bob] psst", ann.last());
        assertTrue(cat.frames.isEmpty(), "nobody else hears it");
        chat.onLine(ann.user, "/msg nobody hello");
        assertEquals("! No one called nobody is in the chat.", ann.last());
        ann.clear();
        chat.onLine(ann.user, "/msg ann to self");
        assertEquals(List.of("[pm to ann] to self"), ann.lines(), "one line: the sent form");
    }

    @Test
    void aTakenNameIsRefusedAndARenameIsAnnouncedOnce() {
        Recorder ann = arrive("ann");
        Recorder bob = arrive("bob");
        chat.onLine(bob.user, "/nick ANN");
        assertEquals("! The name ANN is taken.", bob.last());
        chat.onLine(ann.user, "/nick Ann");
        assertEquals("*** ann is now known as Ann", bob.last());
        assertEquals("*** ann is now known as Ann", ann.last());
    }

    @Test
    void quitSaysGoodbyeTellsTheRoomAndClosesAfterOutput() {
        Recorder ann = arrive("ann");
        Recorder bob = arrive("bob");
        chat.onLine(bob.user, "/quit gone fishing");
        assertEquals("*** Goodbye, bob!", bob.last());
        assertEquals("quit", bob.closedWhy);
        assertEquals("*** bob left #lobby (quit: gone fishing)", ann.last());
        assertNull(bob.user.room());
    }

    // Issue 13 §2: ignoring, at delivery.

    @Test
    void aLineFromSomeoneIgnoredSkipsTheIgnorerAloneAndTheOthersStillShareOneArray() {
        Recorder ann = arrive("ann");
        Recorder bob = arrive("bob");
        Recorder cat = arrive("cat");
        chat.onLine(ann.user, "/ignore bob");
        ann.clear();
        say(bob, "hi");
        assertTrue(ann.frames.isEmpty(), ann.lines().toString());
        assertEquals("bob: hi", cat.last());
        assertSame(bob.frames.get(bob.frames.size() - 1), cat.frames.get(cat.frames.size() - 1), "still one array for the room");
        say(cat, "and me?");
        assertEquals("cat: and me?", ann.last());
    }

    @Test
    void aUserIgnoresAtMostAHundredNamesAndIsToldWhenTheListIsFull() {
        Recorder ann = arrive("ann");
        for (int i = 1; i <= User.MAX_IGNORED + 1; i++) {
            arrive("p" + i);
        }
        for (int i = 1; i <= User.MAX_IGNORED; i++) {
            chat.onLine(ann.user, "/ignore p" + i);
        }
        assertTrue(ann.last().startsWith("*** You are ignoring p100:"), ann.last());
        chat.onLine(ann.user, "/ignore p101");
        assertEquals("! You are ignoring 100 people, the most there can be; /unignore someone first.", ann.last());
        chat.onLine(ann.user, "/unignore p1");
        chat.onLine(ann.user, "/ignore p101");
        assertTrue(ann.last().startsWith("*** You are ignoring p101:"), ann.last());
    }

    @Test
    void ignoringFollowsTheIgnorerIntoAnotherRoom() {
        Recorder ann = arrive("ann");
        Recorder bob = arrive("bob");
        chat.onLine(ann.user, "/ignore bob");
        chat.onLine(bob.user, "/join dev");
        chat.onLine(ann.user, "/join dev");
        ann.clear();
        say(bob, "in dev");
        assertTrue(ann.frames.isEmpty(), ann.lines().toString());
        chat.onLine(ann.user, "/unignore bob");
        say(bob, "heard");
        assertEquals("bob: heard", ann.last());
    }
}
