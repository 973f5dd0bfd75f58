package chat.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import chat.core.Event.RoomEvent;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which tags each kind of event carries in tagged mode, and that the line after them is the plain one. */
class TaggedFrameTest {

    /** 2026-12-03T12:00:00.123Z */
    private static final long AT = 1_796_299_200_123L;
    private static final long SENT = AT + 1000;

    private static Tags.Parsed read(byte[] frame) {
        String text = new String(frame, StandardCharsets.UTF_8);
        assertEquals("\r\n", text.substring(text.length() - 2), "one line, with its CR LF");
        return Tags.parse(text.substring(0, text.length() - 2));
    }

    @Test
    void aChatLineCarriesItsSeqItsOwnTimeItsRoomAndItsSpeakerBeforeThePlainLine() {
        RoomEvent said = RoomEvent.chat("lobby", "ann", "hi").withSeq(42, AT);
        byte[] frame = TaggedFrame.of(said, SENT);
        assertEquals("@kind=chat;seq=42;time=2026-12-03T12:00:00.123Z;room=lobby;from=ann ann: hi\r\n",
                new String(frame, StandardCharsets.UTF_8));
    }

    @Test
    void timeAlwaysHasMillisecondsEvenWhenTheyAreZero() {
        assertEquals("2026-12-03T12:00:00.000Z", TaggedFrame.time(AT - 123));
    }

    @Test
    void eachRoomEventKindHasItsKindAndItsExtraTag() {
        assertEquals("action", read(TaggedFrame.of(RoomEvent.action("lobby", "ann", "waves").withSeq(1, AT), SENT)).get("kind"));
        assertEquals("join", read(TaggedFrame.of(RoomEvent.join("lobby", "ann").withSeq(1, AT), SENT)).get("kind"));
        Tags.Parsed leave = read(TaggedFrame.of(RoomEvent.leave("lobby", "ann", "quit: bye; all").withSeq(2, AT), SENT));
        assertEquals(Map.of("kind", "leave", "seq", "2", "time", "2026-12-03T12:00:00.123Z", "room", "lobby",
                "from", "ann", "reason", "quit: bye; all"), leave.tags());
        assertEquals("*** ann left #lobby (quit: bye; all)", leave.line());
        Tags.Parsed nick = read(TaggedFrame.of(RoomEvent.rename("lobby", "ann", "anna").withSeq(3, AT), SENT));
        assertEquals("nick", nick.get("kind"));
        assertEquals("ann", nick.get("from"));
        assertEquals("anna", nick.get("nick"));
        Tags.Parsed back = read(TaggedFrame.of(RoomEvent.back("lobby", "ann").withSeq(5, AT), SENT));
        assertEquals(Map.of("kind", "back", "seq", "5", "time", "2026-12-03T12:00:00.123Z", "room", "lobby", "from", "ann"),
                back.tags());
        assertEquals("*** ann is back in #lobby", back.line());
        Tags.Parsed topic = read(TaggedFrame.of(RoomEvent.topic("lobby", "ann", "a b; c").withSeq(4, AT), SENT));
        assertEquals("topic", topic.get("kind"));
        assertEquals("a b; c", topic.get("topic"));
    }

    @Test
    void aReplayedLineIsHistoryWithTheOriginalSeqTimeAndKind() {
        RoomEvent said = RoomEvent.action("lobby", "ann", "waves").withSeq(7, AT);
        byte[] plain = Wire.replayFrame(said, ZoneOffset.UTC);
        Tags.Parsed parsed = read(TaggedFrame.replayed(said, plain));
        assertEquals(Map.of("kind", "history", "seq", "7", "time", "2026-12-03T12:00:00.123Z", "room", "lobby",
                "from", "ann", "was", "action"), parsed.tags());
        assertEquals("[12:00] * ann waves", parsed.line());
        assertArrayEquals(TaggedFrame.replayed(said, plain),
                TaggedFrame.of(new Event.Replayed(LocalTime.NOON, said), plain, SENT), "the same tags either way");
    }

    @Test
    void repliesToOneUserCarryTheTimeOfSending() {
        Tags.Parsed from = read(TaggedFrame.of(new Event.PrivateFrom("ann", "psst"), SENT));
        assertEquals(Map.of("kind", "pm", "time", "2026-12-03T12:00:01.123Z", "from", "ann"), from.tags());
        Tags.Parsed to = read(TaggedFrame.of(new Event.PrivateTo("bob", "psst"), SENT));
        assertEquals("bob", to.get("to"));
        assertNull(to.get("from"));
        assertEquals("error", read(TaggedFrame.of(new Event.Error("no"), SENT)).get("kind"));
        assertEquals("notice", read(TaggedFrame.of(new Event.Notice("hello"), SENT)).get("kind"));
        Tags.Parsed welcome = read(TaggedFrame.of(new Event.Welcome("user1", "lobby", 2), SENT));
        assertEquals(List.of("welcome", "lobby", "user1"), List.of(welcome.get("kind"), welcome.get("room"), welcome.get("nick")));
        assertEquals("joined", read(TaggedFrame.of(new Event.YouJoined("dev", 1), SENT)).get("kind"));
        assertEquals("who", read(TaggedFrame.of(new Event.Who("dev", List.of("ann"), 0), SENT)).get("kind"));
        assertEquals("rooms", read(TaggedFrame.of(new Event.RoomList(List.of()), SENT)).get("kind"));
        assertEquals("goodbye", read(TaggedFrame.of(new Event.Goodbye("ann"), SENT)).get("kind"));
        assertEquals("shutdown", read(TaggedFrame.of(new Event.ShuttingDown(), SENT)).get("kind"));
    }

    @Test
    void everyKindOfEventHasAKindAndATimeAndThePlainLineAfterItsTags() throws Exception {
        for (Class<?> type : Event.class.getPermittedSubclasses()) {
            Event event = sample(type);
            Tags.Parsed parsed = read(TaggedFrame.of(event, SENT));
            assertEquals(Wire.render(event), parsed.line(), type.getSimpleName());
            assertEquals(List.of("kind", "time"), parsed.tags().keySet().stream().filter(k -> k.equals("kind") || k.equals("time")).toList(),
                    type.getSimpleName() + " has kind then time: " + parsed.tags());
        }
    }

    private static Event sample(Class<?> type) throws Exception {
        if (type == RoomEvent.class) {
            return RoomEvent.chat("lobby", "ann", "x").withSeq(1, AT);
        }
        if (type == Event.Replayed.class) {
            return new Event.Replayed(LocalTime.NOON, RoomEvent.chat("lobby", "ann", "x").withSeq(1, AT));
        }
        RecordComponent[] parts = type.getRecordComponents();
        Object[] args = new Object[parts.length];
        Class<?>[] types = new Class<?>[parts.length];
        for (int i = 0; i < parts.length; i++) {
            types[i] = parts[i].getType();
            args[i] = types[i] == String.class ? "x" : types[i] == int.class ? 1
                    : types[i] == List.class ? List.of() : types[i] == java.util.Set.class ? java.util.Set.of() : null;
        }
        return (Event) type.getDeclaredConstructor(types).newInstance(args);
    }
}
