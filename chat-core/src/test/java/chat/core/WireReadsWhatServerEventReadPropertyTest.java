package chat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.core.Event.RoomEvent;
import chat.core.Event.RoomList;
import chat.core.Event.RoomList.RoomCount;
import chat.core.Event.Welcome;
import chat.core.Event.Who;
import chat.core.Event.YouJoined;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * The client follows its room with {@link Wire#parse} where it used ServerEvent.parse: every line
 * the old parser understood, Wire understands the same way (same names, same room, same lists),
 * and a line it did not understand tells the client nothing about names now either.
 * {@link Before} is ServerEvent's parser as it was (its patterns copied from the last commit
 * before Wire), reduced to what a client took from each line.
 */
class WireReadsWhatServerEventReadPropertyTest {

    @Property(tries = 30_000)
    @StatisticsReport(StatisticsReportMode.OFF) // checked below instead: a passing build prints nothing
    void everyLineMeansWhatItMeantToServerEvent(@ForAll("lines") String line) {
        List<Object> before = Before.parse(line);
        Statistics.collect(before.get(0));
        // Every kind is met often enough for the comparison to mean something (the rarest, about 60 times).
        Statistics.coverage(checker -> {
            for (String kind : List.of("welcome", "you joined", "joined", "left", "renamed", "who", "rooms", "other")) {
                checker.check(kind).count(n -> n >= 10);
            }
        });
        if (before.equals(OTHER) && line.chars().anyMatch(c -> c == '\u2028' || c == '\n')) {
            // Wire's text holes take line separators, which ServerEvent's '.' did not. Only this
            // direction differs, and only in tests: the client sanitises lines first, which removes them.
            return;
        }
        assertEquals(before, whatAClientTakes(Wire.parse(line)), line);
    }

    private static final List<Object> OTHER = List.of("other");

    /** What RoomState took from an old event, from a new one. */
    private static List<Object> whatAClientTakes(Event event) {
        if (event instanceof Welcome w) {
            return List.of("welcome", w.nick(), w.room());
        } else if (event instanceof YouJoined j) {
            return List.of("you joined", j.room());
        } else if (event instanceof RoomEvent e && e.kind() == RoomEvent.Kind.JOIN) {
            return List.of("joined", e.who(), e.room());
        } else if (event instanceof RoomEvent e && e.kind() == RoomEvent.Kind.LEAVE) {
            return List.of("left", e.who(), e.room());
        } else if (event instanceof RoomEvent e && e.kind() == RoomEvent.Kind.RENAME) {
            return List.of("renamed", e.who(), e.text());
        } else if (event instanceof Who w) {
            return List.of("who", w.room(), w.nicks());
        } else if (event instanceof RoomList l) {
            return List.of("rooms", l.rooms().stream().map(RoomCount::room).toList());
        }
        return OTHER;
    }

    /**
     * Lines shaped like the notices, their holes filled with names, near-names, counts and junk,
     * their ends cut or extended; and lines of the pieces put together at random.
     */
    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> shaped = Arbitraries.of(
                "*** Welcome, {n}! You are in #{n}{tail}", "*** You joined #{n}{tail}", "*** {n} joined #{n}{tail}",
                "*** {n} left #{n}{tail}", "*** {n} is now known as {n}{tail}", "*** {c} users in #{n}: {list}{tail}",
                "*** {c} user in #{n}: {list}", "*** {c} rooms: {entries}{tail}", "*** {c} room: {entries}",
                "*** Goodbye, {n}!{tail}", "{n}: *** {n} joined #{n}", "[12:00] *** {n} joined #{n}", "** {n} joined #{n}")
                .flatMap(WireReadsWhatServerEventReadPropertyTest::fill);
        Arbitrary<String> pieces = Arbitraries.of("*** ", "ann", "小明", " ", ", ", ": ", "#", "!", "(", ")", " joined #",
                " left #", " (", " is now known as ", "Welcome, ", "! You are in #", "You joined #", " users", " in #",
                ", and ", " more", " rooms: ", "#dev (1)", "\u2028").list().ofMaxSize(8).map(l -> String.join("", l));
        return Arbitraries.frequencyOf(Tuple.of(9, shaped), Tuple.of(1, pieces));
    }

    private static Arbitrary<String> fill(String shape) {
        List<Arbitrary<String>> parts = new ArrayList<>();
        Matcher hole = Pattern.compile("\\{(\\w+)}").matcher(shape);
        int from = 0;
        while (hole.find()) {
            parts.add(Arbitraries.just(shape.substring(from, hole.start())));
            parts.add(filler(hole.group(1)));
            from = hole.end();
        }
        parts.add(Arbitraries.just(shape.substring(from)));
        return Combinators.combine(parts).as(l -> String.join("", l));
    }

    private static Arbitrary<String> filler(String hole) {
        Arbitrary<String> name = Arbitraries.of("ann", "小明", "You", "3", "user7", "x_1-y", "नमस्ते", "", "a b", "a:b",
                "a*", "[x", "ann!", "#dev", "a,b");
        Arbitrary<String> count = Arbitraries.of("0", "1", "3", "150", "99999999999", "", "x", "-1");
        Arbitrary<String> entry = Combinators.combine(name, count).as((n, c) -> "#" + n + " (" + c + ")");
        return switch (hole) {
            case "n" -> name;
            case "c" -> count;
            case "tail" -> Arbitraries.of("", " ", " (3 users here). Type /help for commands.", " (1 user here).",
                    " (quit: bye (really))", " ()", " (", ")", ".", "x", ", and 5 more", ", and x more", "\u2028");
            case "list" -> Combinators.combine(name.list().ofMaxSize(4), Arbitraries.of("", ", and 5 more", ", and x more"))
                    .as((names, more) -> String.join(", ", names) + more);
            case "entries" -> Arbitraries.oneOf(List.of(entry, name)).list().ofMaxSize(4).map(l -> String.join(", ", l));
            default -> throw new IllegalArgumentException(hole);
        };
    }

    /** ServerEvent.parse as it was, returning what a client took from each event. */
    private static final class Before {

        static final String NAME = "([\\p{L}\\p{M}\\p{Nd}_-]+)";
        static final Pattern WELCOME = Pattern.compile("\\*\\*\\* Welcome, " + NAME + "! You are in #" + NAME + " .*");
        static final Pattern YOU_JOINED = Pattern.compile("\\*\\*\\* You joined #" + NAME + " .*");
        static final Pattern JOINED = Pattern.compile("\\*\\*\\* " + NAME + " joined #" + NAME);
        static final Pattern LEFT = Pattern.compile("\\*\\*\\* " + NAME + " left #" + NAME + " \\(.*\\)");
        static final Pattern RENAMED = Pattern.compile("\\*\\*\\* " + NAME + " is now known as " + NAME);
        static final Pattern WHO = Pattern.compile("\\*\\*\\* \\d+ users? in #" + NAME + ": (.*?)(?:, and \\d+ more)?");
        static final Pattern ROOMS = Pattern.compile("\\*\\*\\* \\d+ rooms?: (.*)");
        static final Pattern ROOM_ENTRY = Pattern.compile("#" + NAME + " \\(\\d+\\)");

        static List<Object> parse(String line) {
            if (!line.startsWith("*** ")) {
                return OTHER;
            }
            Matcher m;
            if ((m = WELCOME.matcher(line)).matches()) {
                return List.of("welcome", m.group(1), m.group(2));
            }
            if ((m = YOU_JOINED.matcher(line)).matches()) {
                return List.of("you joined", m.group(1));
            }
            if ((m = JOINED.matcher(line)).matches()) {
                return List.of("joined", m.group(1), m.group(2));
            }
            if ((m = LEFT.matcher(line)).matches()) {
                return List.of("left", m.group(1), m.group(2));
            }
            if ((m = RENAMED.matcher(line)).matches()) {
                return List.of("renamed", m.group(1), m.group(2));
            }
            if ((m = WHO.matcher(line)).matches()) {
                // The one deliberate difference: a /who listing no one was read as one empty name.
                List<String> nicks = m.group(2).isEmpty() ? List.of() : Arrays.asList(m.group(2).split(", "));
                return List.of("who", m.group(1), nicks);
            }
            if ((m = ROOMS.matcher(line)).matches()) {
                List<String> rooms = Arrays.stream(m.group(1).split(", "))
                        .map(ROOM_ENTRY::matcher)
                        .filter(Matcher::matches)
                        .map(r -> r.group(1))
                        .toList();
                return List.of("rooms", rooms);
            }
            return OTHER;
        }
    }
}
