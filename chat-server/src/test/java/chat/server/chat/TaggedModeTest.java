package chat.server.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.core.Tags;
import chat.server.bus.LocalDirectory;
import chat.server.bus.LocalRoomBus;
import chat.server.store.MemoryHistory;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tagged mode (/tags on) in the chat, without sockets: who gets which form of each event, and
 * that each form is rendered once per event and shared.
 */
class TaggedModeTest {

    private static final long NOON = 12 * 3600 * 1000L;

    private final Chat chat = new Chat(new LocalRoomBus(() -> NOON), new LocalDirectory(), new MemoryHistory(5, 32 * 1024,
            MemoryHistory.DEFAULT_MAX_ROOMS, 86_400_000L, ZoneOffset.UTC, () -> NOON));
    private long nextId = 1;

    private Recorder arrive(String nick) {
        Recorder recorder = new Recorder(nextId++, "user" + (nextId - 1));
        chat.arrive(recorder.user, () -> { });
        chat.onLine(recorder.user, "/nick " + nick);
        return recorder;
    }

    private Recorder arriveTagged(String nick) {
        Recorder recorder = arrive(nick);
        chat.onLine(recorder.user, "/tags on");
        return recorder;
    }

    private void say(Recorder who, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        chat.sayPlain(who.user, bytes, 0, bytes.length);
    }

    private static byte[] lastFrame(Recorder recorder) {
        return recorder.frames.get(recorder.frames.size() - 1);
    }

    private static Tags.Parsed lastParsed(Recorder recorder) {
        return Tags.parse(recorder.last());
    }

    @Test
    void aRoomWithTaggedAndUntaggedMembersRendersEachFormOnceAndSharesIt() {
        Recorder ann = arrive("ann");
        Recorder bob = arrive("bob");
        Recorder cat = arriveTagged("cat");
        Recorder dan = arriveTagged("dan");
        say(ann, "hi");
        assertSame(lastFrame(ann), lastFrame(bob), "one plain array for the untagged members");
        assertSame(lastFrame(cat), lastFrame(dan), "one tagged array for the tagged members");
        assertNotSame(lastFrame(ann), lastFrame(cat));
        assertEquals("ann: hi", ann.last());
        assertEquals("@kind=chat;seq=" + lastParsed(cat).get("seq") + ";time=1970-01-01T12:00:00.000Z;room=lobby;from=ann ann: hi",
                cat.last());
        byte[] tagged = lastFrame(cat);
        byte[] plain = lastFrame(ann);
        assertArrayEquals(plain, Arrays.copyOfRange(tagged, tagged.length - plain.length, tagged.length),
                "the tagged frame ends with the very plain line");
    }

    @Test
    void tagsOnIsConfirmedTaggedAndTagsOffPlain() {
        Recorder ann = arrive("ann");
        chat.onLine(ann.user, "/tags on");
        assertEquals("notice", lastParsed(ann).get("kind"));
        assertTrue(lastParsed(ann).line().startsWith("*** Tagged mode is on"), ann.last());
        chat.onLine(ann.user, "/tags");
        assertTrue(ann.last().startsWith("@kind=notice;"), ann.last());
        chat.onLine(ann.user, "/tags off");
        assertEquals("*** Tagged mode is off.", ann.last());
        say(ann, "plain again");
        assertEquals("ann: plain again", ann.last());
        chat.onLine(ann.user, "/tags maybe");
        assertEquals("! Usage: /tags on|off", ann.last());
    }

    @Test
    void theRoomCountsTaggedMembersSoLeavingForAnotherRoomLeavesTheOldRoomPlain() {
        Recorder ann = arrive("ann");
        Recorder bob = arriveTagged("bob");
        chat.onLine(bob.user, "/join dev");
        Recorder cat = arrive("cat");
        say(ann, "lobby only");
        assertSame(lastFrame(ann), lastFrame(cat), "the lobby is plain again");
        say(bob, "in dev");
        assertEquals("chat", lastParsed(bob).get("kind"));
        assertEquals("dev", lastParsed(bob).get("room"));
    }

    @Test
    void aTaggedNewcomerGetsHistoryWithEachLinesOriginalSeqAndAnUntaggedOneTheSharedPlainLines() {
        Recorder ann = arrive("ann");
        say(ann, "one");
        Tags.Parsed seen = Tags.parse(new String(lastFrame(ann), StandardCharsets.UTF_8));
        Recorder watcher = arriveTagged("eve");
        say(ann, "two");
        String seqOfTwo = lastParsed(watcher).get("seq");
        Recorder plain1 = new Recorder(nextId++, "user8");
        Recorder plain2 = new Recorder(nextId++, "user9");
        chat.arrive(plain1.user, () -> { });
        chat.arrive(plain2.user, () -> { });
        assertSame(plain1.frames.get(1), plain2.frames.get(1), "the plain history lines are still rendered once");
        assertEquals("[12:00] ann: one", plain1.lines().get(1));
        Recorder tagged = new Recorder(nextId++, "user10");
        tagged.user.setTagged(true); // before it arrives, so the welcome and history are tagged too
        chat.arrive(tagged.user, () -> { });
        List<String> lines = tagged.lines();
        assertEquals("welcome", Tags.parse(lines.get(0)).get("kind"));
        Tags.Parsed two = Tags.parse(lines.get(2));
        assertEquals("history", two.get("kind"));
        assertEquals("chat", two.get("was"));
        assertEquals(seqOfTwo, two.get("seq"), "its original number");
        assertEquals("1970-01-01T12:00:00.000Z", two.get("time"));
        assertEquals("ann", two.get("from"));
        assertEquals("[12:00] ann: two", two.line());
        assertEquals(java.util.Map.of(), seen.tags(), "the untagged speaker's own copy was plain");
    }

    @Test
    void aTaggedIgnorerStillMissesTheIgnoredAndTheOthersStillShare() {
        Recorder ann = arriveTagged("ann");
        Recorder bob = arrive("bob");
        Recorder cat = arriveTagged("cat");
        Recorder dan = arrive("dan");
        chat.onLine(ann.user, "/ignore bob");
        ann.clear();
        say(bob, "hi");
        assertTrue(ann.frames.isEmpty(), ann.lines().toString());
        assertSame(lastFrame(bob), lastFrame(dan));
        assertEquals("bob", lastParsed(cat).get("from"));
    }

    @Test
    void everyHelpLineIsTaggedInTaggedMode() {
        Recorder ann = arriveTagged("ann");
        ann.clear();
        chat.onLine(ann.user, "/help");
        List<String> lines = ann.lines();
        assertTrue(lines.size() > 3, lines.toString());
        for (String line : lines) {
            assertEquals("notice", Tags.parse(line).get("kind"), line);
        }
    }

    @Test
    void privateMessagesAreTaggedForATaggedSenderAndRecipientAlone() {
        Recorder ann = arriveTagged("ann");
        Recorder bob = arrive("bob");
        chat.onLine(bob.user, "/msg ann psst");
        assertEquals("[pm to ann] psst", bob.last());
        assertEquals("pm", lastParsed(ann).get("kind"));
        assertEquals("bob", lastParsed(ann).get("from"));
        chat.onLine(ann.user, "/msg bob back");
        assertEquals("[pm from ann] back", bob.last());
        assertEquals("bob", lastParsed(ann).get("to"));
        assertEquals("[pm to bob] back", lastParsed(ann).line());
    }
}
