package chat.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.List;
import java.util.StringJoiner;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Until the server moves to {@link Wire}, Protocol's builders must give it byte for byte what
 * they gave before. {@link Before} is the code as it was (copied from the last commit before
 * Wire), the oracle for random names, texts and counts.
 */
@SuppressWarnings("removal") // the deprecated builders are what is tested here
class ProtocolPropertyTest {

    @Property(tries = 3_000)
    void lineBuildersGiveWhatTheyGaveBefore(@ForAll("words") String a, @ForAll("words") String b,
            @ForAll("words") String c, @ForAll @IntRange(min = 0, max = 5000) int n) {
        assertEquals(Before.chat(a, b), Protocol.chat(a, b));
        assertEquals(Before.action(a, b), Protocol.action(a, b));
        assertEquals(Before.notice(a), Protocol.notice(a));
        assertEquals(Before.error(a), Protocol.error(a));
        assertEquals(Before.privateFrom(a, b), Protocol.privateFrom(a, b));
        assertEquals(Before.privateTo(a, b), Protocol.privateTo(a, b));
        assertEquals(Before.welcome(a, b, n), Protocol.welcome(a, b, n));
        assertEquals(Before.youJoined(a, n), Protocol.youJoined(a, n));
        assertEquals(Before.joined(a, b), Protocol.joined(a, b));
        assertEquals(Before.left(a, b, c), Protocol.left(a, b, c));
        assertEquals(Before.renamed(a, b), Protocol.renamed(a, b));
        assertEquals(Before.goodbye(a), Protocol.goodbye(a));
        assertEquals(Before.shuttingDown(), Protocol.shuttingDown());
        assertArrayEquals(Before.frame(Before.chat(a, b)), Protocol.frame(Protocol.chat(a, b)));
    }

    @Property(tries = 3_000)
    void listsAndTimesGiveWhatTheyGaveBefore(@ForAll("words") String room,
            @ForAll @Size(max = 8) List<@From("words") String> names,
            @ForAll @IntRange(min = 0, max = 10) int maxNames, @ForAll @IntRange(min = 0, max = 23) int hour,
            @ForAll @IntRange(min = 0, max = 59) int minute) {
        assertEquals(Before.who(room, names), Protocol.who(room, names));
        assertEquals(Before.who(room, names, maxNames), Protocol.who(room, names, maxNames));
        List<Integer> counts = names.stream().map(String::length).toList();
        assertEquals(Before.rooms(names, counts), Protocol.rooms(names, counts));
        LocalTime at = LocalTime.of(hour, minute, minute);
        assertEquals(Before.historyPrefix(at), Protocol.historyPrefix(at));
        assertEquals(Before.history(at, Before.chat(room, room)), Protocol.history(at, Protocol.chat(room, room)));
    }

    /** Any short text: the builders never looked inside what they were given. */
    @Provide
    Arbitrary<String> words() {
        return Arbitraries.strings().withChars("ab小😀 :*[]()#!,").ofMaxLength(8);
    }

    /** Protocol's builders as they were before Wire, verbatim. */
    private static final class Before {

        static byte[] frame(String line) {
            return (line + "\r\n").getBytes(StandardCharsets.UTF_8);
        }

        static String chat(String nick, String text) {
            return nick + ": " + text;
        }

        static String action(String nick, String text) {
            return "* " + nick + " " + text;
        }

        static String notice(String text) {
            return "*** " + text;
        }

        static String error(String text) {
            return "! " + text;
        }

        static String privateFrom(String sender, String text) {
            return "[pm from " + sender + "] " + text;
        }

        static String privateTo(String recipient, String text) {
            return "[pm to " + recipient + "] " + text;
        }

        static String history(LocalTime saidAt, String line) {
            return historyPrefix(saidAt) + line;
        }

        static String historyPrefix(LocalTime saidAt) {
            int h = saidAt.getHour();
            int m = saidAt.getMinute();
            return new String(new char[] {'[', (char) ('0' + h / 10), (char) ('0' + h % 10), ':',
                (char) ('0' + m / 10), (char) ('0' + m % 10), ']', ' '});
        }

        static String welcome(String nick, String room, int members) {
            return notice("Welcome, " + nick + "! You are in #" + room + " (" + users(members)
                    + " here). Type /help for commands.");
        }

        static String youJoined(String room, int members) {
            return notice("You joined #" + room + " (" + users(members) + " here).");
        }

        static String joined(String nick, String room) {
            return notice(nick + " joined #" + room);
        }

        static String left(String nick, String room, String why) {
            return notice(nick + " left #" + room + " (" + why + ")");
        }

        static String renamed(String from, String to) {
            return notice(from + " is now known as " + to);
        }

        static String who(String room, List<String> nicks) {
            return who(room, nicks, Integer.MAX_VALUE);
        }

        static String who(String room, List<String> nicks, int maxNames) {
            String listed = String.join(", ", nicks.size() > maxNames ? nicks.subList(0, maxNames) : nicks);
            String more = nicks.size() > maxNames ? ", and " + (nicks.size() - maxNames) + " more" : "";
            return notice(users(nicks.size()) + " in #" + room + ": " + listed + more);
        }

        static String rooms(List<String> rooms, List<Integer> counts) {
            StringJoiner list = new StringJoiner(", ");
            for (int i = 0; i < rooms.size(); i++) {
                list.add("#" + rooms.get(i) + " (" + counts.get(i) + ")");
            }
            return notice(rooms.size() + (rooms.size() == 1 ? " room: " : " rooms: ") + list);
        }

        static String goodbye(String nick) {
            return notice("Goodbye, " + nick + "!");
        }

        static String shuttingDown() {
            return notice("The server is shutting down. Goodbye!");
        }

        private static String users(int n) {
            return n == 1 ? "1 user" : n + " users";
        }
    }
}
