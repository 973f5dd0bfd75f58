package chat.core;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Everything the server says to a client, as data. {@link Wire} is the only place that knows how
 * each kind looks as a line: {@code Wire.render} turns an event into its line and
 * {@code Wire.parse} turns a line back into the event, so the server builds and the client reads
 * the same definitions.
 *
 * <p>Names (nicknames and rooms) are kept as shown, rooms without their '#'. A name never
 * contains ':', ' ', '*', '!' or '[' (see {@link Names}); the records do not check this, since
 * names are validated once, where they are chosen. Text that came from a user is expected to be
 * sanitised ({@link TextSanitizer}) before it is put in an event.
 *
 * <p>Every record is immutable (lists are copied) and so safe to share between threads; no
 * component is null.
 */
public sealed interface Event {

    /**
     * Something said or done in a room: what a room's bus carries and its history keeps.
     *
     * <pre>
     *   CHAT     who: text
     *   ACTION   * who text
     *   JOIN     *** who joined #room           (text is "")
     *   LEAVE    *** who left #room (text)      (text is the reason, such as "quit: bye")
     *   RENAME   *** who is now known as text   (who is the old name, text the new one)
     *   TOPIC    *** who set the topic of #room: text
     *   BACK     *** who is back in #room        (text is ""; who resumed its session)
     * </pre>
     *
     * @param room the room's name as shown, without '#'; "" when unknown (a chat, action or
     *             rename line does not name its room, so one parsed from the wire has "")
     * @param seq  the room's sequence number for this event; 0 when unknown (parsed from a line)
     * @param time when it happened, in epoch milliseconds; 0 when unknown
     */
    record RoomEvent(String room, long seq, long time, Kind kind, String who, String text) implements Event {

        /** What happened. */
        public enum Kind { CHAT, ACTION, JOIN, LEAVE, RENAME, TOPIC, BACK }

        public RoomEvent {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(who, "who");
            Objects.requireNonNull(text, "text");
            if ((kind == Kind.JOIN || kind == Kind.BACK) && !text.isEmpty()) {
                // The wire has no place for it: it would be lost, and the event would not parse back.
                throw new IllegalArgumentException("a join has no text: " + text);
            }
        }

        public static RoomEvent chat(String room, String who, String text) {
            return new RoomEvent(room, 0, 0, Kind.CHAT, who, text);
        }

        public static RoomEvent action(String room, String who, String text) {
            return new RoomEvent(room, 0, 0, Kind.ACTION, who, text);
        }

        public static RoomEvent join(String room, String who) {
            return new RoomEvent(room, 0, 0, Kind.JOIN, who, "");
        }

        /** {@code why} is shown in parentheses, such as {@code quit: bye} or {@code connection closed}. */
        public static RoomEvent leave(String room, String who, String why) {
            return new RoomEvent(room, 0, 0, Kind.LEAVE, who, why);
        }

        public static RoomEvent rename(String room, String from, String to) {
            return new RoomEvent(room, 0, 0, Kind.RENAME, from, to);
        }

        /** {@code who} set the room's topic to {@code text}: announced, and kept beside the room's history. */
        /** {@code who} resumed its session ({@code /resume}) and is in the room again. */
        public static RoomEvent back(String room, String who) {
            return new RoomEvent(room, 0, 0, Kind.BACK, who, "");
        }

        public static RoomEvent topic(String room, String who, String text) {
            return new RoomEvent(room, 0, 0, Kind.TOPIC, who, text);
        }

        /** This event as the room numbered it: the same, with {@code seq} and {@code time}. */
        public RoomEvent withSeq(long seq, long time) {
            return new RoomEvent(room, seq, time, kind, who, text);
        }
    }

    /** The first line after connecting: I am {@code nick}, in {@code room}, with {@code members} there. */
    record Welcome(String nick, String room, int members) implements Event {
        public Welcome {
            Objects.requireNonNull(nick, "nick");
            Objects.requireNonNull(room, "room");
            requireCount(members);
        }
    }

    /** I moved to {@code room}, which now has {@code members} people, me included. */
    record YouJoined(String room, int members) implements Event {
        public YouJoined {
            Objects.requireNonNull(room, "room");
            requireCount(members);
        }
    }

    /**
     * The answer to /who: {@code nicks} in the order shown, and how many {@code more} were left
     * out of a big room. The line counts {@code nicks.size() + more} users. {@code away} holds
     * those of {@code nicks} who are away (/away), marked {@code ann (away)} on the wire.
     */
    record Who(String room, List<String> nicks, int more, java.util.Set<String> away) implements Event {
        public Who {
            Objects.requireNonNull(room, "room");
            nicks = List.copyOf(nicks);
            requireCount(more);
            away = java.util.Set.copyOf(away);
        }

        /** A list in which nobody is away. */
        public Who(String room, List<String> nicks, int more) {
            this(room, nicks, more, java.util.Set.of());
        }
    }

    /** The answer to /rooms: every room, in the order shown, with how many are in it. */
    record RoomList(List<RoomCount> rooms) implements Event {

        /** One room in the list. */
        public record RoomCount(String room, int members) {
            public RoomCount {
                Objects.requireNonNull(room, "room");
                requireCount(members);
            }
        }

        public RoomList {
            rooms = List.copyOf(rooms);
        }
    }

    /** A private message to me from {@code who}. */
    record PrivateFrom(String who, String text) implements Event {
        public PrivateFrom {
            Objects.requireNonNull(who, "who");
            Objects.requireNonNull(text, "text");
        }
    }

    /** My copy of a private message I sent to {@code who}. */
    record PrivateTo(String who, String text) implements Event {
        public PrivateTo {
            Objects.requireNonNull(who, "who");
            Objects.requireNonNull(text, "text");
        }
    }

    /** Something I asked for went wrong; sent to me alone. */
    record Error(String text) implements Event {
        public Error {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * Any other notice from the server (the help lines, for one). A text shaped like one of the
     * specific notices (such as {@code ann joined #lobby}) is that notice on the wire, and parses
     * back as it.
     */
    record Notice(String text) implements Event {
        public Notice {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The answer to /quit, before the server closes the connection. */
    record Goodbye(String nick) implements Event {
        public Goodbye {
            Objects.requireNonNull(nick, "nick");
        }
    }

    /** The last line before the server stops. */
    record ShuttingDown() implements Event {
    }

    /**
     * A chat or action line said before I came, replayed with the time it was said (server's
     * clock). The wire carries hours and minutes only, so {@code saidAt} is kept to the minute:
     * what is rendered is all there is, and it parses back equal.
     */
    record Replayed(LocalTime saidAt, RoomEvent event) implements Event {
        public Replayed {
            saidAt = saidAt.truncatedTo(ChronoUnit.MINUTES);
            if (event.kind() != RoomEvent.Kind.CHAT && event.kind() != RoomEvent.Kind.ACTION) {
                // History keeps only what was said (docs/protocol.md), so no other kind has a replayed form.
                throw new IllegalArgumentException("only chat and action lines are replayed, not " + event.kind());
            }
        }
    }

    /** A line no definition in {@link Wire} matches, kept as it came. */
    record Unknown(String line) implements Event {
        public Unknown {
            Objects.requireNonNull(line, "line");
        }
    }

    private static void requireCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("a count cannot be negative: " + n);
        }
    }
}
