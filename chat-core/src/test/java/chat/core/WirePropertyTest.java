package chat.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random events of every kind, with random valid names and any text, survive the wire: what
 * is rendered parses back to the same event, and the framed bytes are the rendered line.
 */
class WirePropertyTest {

    /** Name characters of several scripts, a combining mark among them ({@code [\p{L}\p{M}\p{Nd}_-]}). */
    private static final String NAME_CHARS = "abcxyzABZ0189_-éßΩЖ小明नमस्\u0301";
    /** Text characters, with the ones the wire gives a meaning to: ': ', '*', '[', ']', '(', ')', ',', '#'. */
    private static final String TEXT_CHARS = "ab z09 :*[]()#!,.-_/\\\"'小😀é\u0301";

    @Property(tries = 20_000)
    void whatIsRenderedParsesBackToTheSameEvent(@ForAll("events") Event event) {
        assertEquals(event, Wire.parse(Wire.render(event)), Wire.render(event));
    }

    @Property(tries = 5_000)
    void aFrameIsTheRenderedLineInUtf8WithCrLf(@ForAll("events") Event event) {
        assertArrayEquals((Wire.render(event) + "\r\n").getBytes(StandardCharsets.UTF_8), Wire.frame(event));
    }

    @Property(tries = 5_000)
    void aChatLineIsTheSameWhateverRoomAndNumbersItCarries(@ForAll("names") String who, @ForAll("texts") String text,
            @ForAll("names") String room, @ForAll long seq, @ForAll long time) {
        assertEquals(who + ": " + text, Wire.render(RoomEvent.chat(room, who, text).withSeq(seq, time)));
    }

    @Property(tries = 5_000)
    void anyLineParsesWithoutFailing(@ForAll("lines") String line) {
        assertNotNull(Wire.parse(line));
    }

    @Provide
    Arbitrary<Event> events() {
        Arbitrary<String> name = names();
        Arbitrary<String> text = texts();
        Arbitrary<Integer> count = Arbitraries.integers().between(0, 100_000);
        Arbitrary<RoomEvent> said = Combinators.combine(name, text, Arbitraries.of(true, false))
                .as((w, t, chat) -> chat ? RoomEvent.chat("", w, t) : RoomEvent.action("", w, t));
        List<Arbitrary<? extends Event>> kinds = List.of(
                said,
                Combinators.combine(name, name).as((r, w) -> RoomEvent.join(r, w)),
                Combinators.combine(name, name).as((r, w) -> RoomEvent.back(r, w)),
                Combinators.combine(name, name, text).as((r, w, t) -> RoomEvent.leave(r, w, t)),
                Combinators.combine(name, name).as((from, to) -> RoomEvent.rename("", from, to)),
                Combinators.combine(name, name, text).as((r, w, t) -> RoomEvent.topic(r, w, t)),
                Combinators.combine(name, name.list().ofMaxSize(6).uniqueElements(), count)
                        .as((r, nicks, more) -> new Who(r, nicks, more, java.util.Set.copyOf(nicks.subList(0, nicks.size() / 2)))),
                Combinators.combine(name, name, count).as(Welcome::new),
                Combinators.combine(name, count).as(YouJoined::new),
                Combinators.combine(name, name.list().ofMaxSize(6), count).as(Who::new),
                Combinators.combine(name, count).as(RoomCount::new).list().ofMaxSize(6).map(RoomList::new),
                Combinators.combine(name, text).as(PrivateFrom::new),
                Combinators.combine(name, text).as(PrivateTo::new),
                text.map(Event.Error::new),
                // A free notice whose text is shaped like a specific notice is that notice on the wire,
                // so free texts here begin with a character no specific notice begins with (not a name
                // character: they all begin with a word or a name).
                Combinators.combine(Arbitraries.of("(", ":", "/", " ", "=", "#"), text).as((first, t) -> new Notice(first + t)),
                Arbitraries.just(new Notice("")),
                name.map(Goodbye::new),
                Arbitraries.just(new ShuttingDown()),
                Combinators.combine(Arbitraries.integers().between(0, 23), Arbitraries.integers().between(0, 59), said)
                        .as((h, m, e) -> new Replayed(LocalTime.of(h, m), e)),
                // Not a prefix, nor a name character: no form but Unknown takes it.
                text.map(t -> new Unknown("? " + t)));
        return Arbitraries.oneOf(kinds);
    }

    @Provide
    Arbitrary<String> names() {
        return codePoints(NAME_CHARS).list().ofMinSize(1).ofMaxSize(8).map(WirePropertyTest::string);
    }

    @Provide
    Arbitrary<String> texts() {
        return codePoints(TEXT_CHARS).list().ofMaxSize(24).map(WirePropertyTest::string);
    }

    /** Lines made of the pieces of every form, and of nothing in particular. */
    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> pieces = Arbitraries.of("*** ", "* ", "! ", "[pm from ", "[pm to ", "] ", "[12:00] ", "[99:99] ",
                "ann", ": ", " joined #", " left #", " (", ")", " is now known as ", "Welcome, ", "! You are in #",
                " users", " user", " in #", ", ", ", and ", " more", " rooms: ", "#dev", " (1)", "3", "99999999999", " ");
        return Arbitraries.oneOf(List.of(pieces.list().ofMaxSize(10).map(l -> String.join("", l)), texts()));
    }

    private static Arbitrary<Integer> codePoints(String chars) {
        return Arbitraries.of(chars.codePoints().boxed().toList());
    }

    private static String string(List<Integer> codePoints) {
        StringBuilder out = new StringBuilder();
        codePoints.forEach(out::appendCodePoint);
        return out.toString();
    }
}
