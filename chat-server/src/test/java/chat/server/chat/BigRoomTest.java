package chat.server.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.core.Tags;
import chat.server.bus.LocalDirectory;
import chat.server.bus.LocalRoomBus;
import chat.server.store.MemoryHistory;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Comings and goings in a big room (issue 15 §1; docs/operations.md, "Big rooms"): those of one
 * pass of the loop told in one line, and in a quiet room only those of people who spoke lately,
 * while tagged users hear of every one.
 */
class BigRoomTest {

    private static final long NOON = 12 * 3600 * 1000L;

    private final Chat chat = new Chat(new LocalRoomBus(() -> NOON), new LocalDirectory(), new MemoryHistory(2,
            32 * 1024, MemoryHistory.DEFAULT_MAX_ROOMS, 86_400_000L, ZoneOffset.UTC, () -> NOON));
    private long nextId = 1;

    /** A newcomer who keeps its default name, userN. */
    private Recorder arrive() {
        Recorder recorder = new Recorder(nextId, "user" + nextId);
        nextId++;
        chat.arrive(recorder.user, () -> { });
        return recorder;
    }

    private Recorder arrive(String nick) {
        Recorder recorder = arrive();
        chat.onLine(recorder.user, "/nick " + nick);
        chat.endOfPass();
        return recorder;
    }

    private void say(Recorder who, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        chat.sayPlain(who.user, bytes, 0, bytes.length);
    }

    @Test
    void theJoinsOfOnePassInABusyRoomAreToldInOneLineAndNotToTheNewcomers() {
        chat.crowd(2, 1000);
        Recorder ann = arrive("ann");
        arrive("bob");
        arrive("cat");
        ann.clear();
        Recorder first = arrive();
        arrive();
        arrive();
        arrive();
        assertTrue(ann.lines().isEmpty(), "held until the end of the pass: " + ann.lines());
        chat.endOfPass();
        assertEquals(List.of("*** user4, user5 and 2 others joined #lobby"), ann.lines());
        assertTrue(first.lines().stream().noneMatch(l -> l.contains("joined")), first.lines().toString());
        chat.endOfPass();
        assertEquals(1, ann.lines().size(), "told once");
    }

    @Test
    void aLineSaidBetweenJoinsKeepsItsPlace() {
        chat.crowd(2, 1000);
        Recorder ann = arrive("ann");
        arrive("bob");
        arrive("cat");
        ann.clear();
        arrive();
        say(ann, "hello");
        arrive();
        arrive();
        chat.endOfPass();
        assertEquals(List.of("*** user4 joined #lobby", "ann: hello", "*** user5 and user6 joined #lobby"), ann.lines());
    }

    @Test
    void inAQuietRoomPlainUsersHearOnlyOfThoseWhoSpokeLatelyAndTaggedUsersOfEveryone() {
        chat.crowd(1, 2);
        Recorder ann = arrive("ann");
        Recorder bob = arrive("bob");
        Recorder cat = arrive("cat");
        Recorder dan = arrive("dan");
        chat.onLine(dan.user, "/tags on");
        say(bob, "I was here");
        ann.clear();
        dan.clear();

        chat.leave(bob.user, "quit: bye");
        chat.leave(cat.user, "quit");
        chat.endOfPass();
        assertEquals(List.of("*** bob left #lobby (quit: bye)"), ann.lines(), "cat never spoke");
        assertEquals(1, dan.lines().size(), dan.lines().toString());
        Tags.Parsed leaves = Tags.parse(dan.lines().get(0));
        assertEquals("leaves", leaves.get("kind"));
        assertEquals("bob,cat", leaves.get("names"));
        assertEquals("2", leaves.get("count"));
        assertEquals("lobby", leaves.get("room"));
        assertEquals("*** bob and cat left #lobby", leaves.line());

        ann.clear();
        dan.clear();
        arrive(); // one newcomer, who has not spoken
        chat.endOfPass();
        assertTrue(ann.lines().isEmpty(), "a plain user is not told: " + ann.lines());
        assertEquals("join", Tags.parse(dan.lines().get(0)).get("kind"), "a tagged one is, in the usual line");
    }

    @Test
    void aSmallRoomIsToldOfEachArrivalAtOnceAsBefore() {
        chat.crowd(20, 200);
        Recorder ann = arrive("ann");
        ann.clear();
        arrive();
        assertEquals(List.of("*** user2 joined #lobby"), ann.lines(), "no need to wait for the end of the pass");
        arrive();
        assertFalse(ann.lines().isEmpty());
        assertEquals("*** user3 joined #lobby", ann.last());
    }
}
