package chat.core;

import chat.core.Event.Goodbye;
import chat.core.Event.Notice;
import chat.core.Event.PrivateFrom;
import chat.core.Event.PrivateTo;
import chat.core.Event.Replayed;
import chat.core.Event.RoomEvent;
import chat.core.Event.RoomList;
import chat.core.Event.ShuttingDown;
import chat.core.Event.Unknown;
import chat.core.Event.Welcome;
import chat.core.Event.Who;
import chat.core.Event.YouJoined;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What an {@link Event} looks like in tagged mode ({@code /tags on}, docs/protocol.md "Tagged
 * mode"): its ordinary line, as {@link Wire} renders it, after a prefix of {@link Tags} that
 * says what the line is without parsing it. This class is the one definition of which tags
 * each kind of event carries; the keys and kinds are the constants below.
 *
 * <p>Every tagged line has {@code kind} and {@code time}; room events and replayed history have
 * {@code seq}, their {@code time} is the event's own and they name their {@code room}; whoever
 * said or did something is {@code from}. A tagged frame is made from the plain frame, which the
 * server has anyway, so the two always carry the same line.
 *
 * <p>Stateless and safe from any thread.
 */
public final class TaggedFrame {

    // The keys.
    public static final String KIND = "kind";
    public static final String SEQ = "seq";
    public static final String TIME = "time";
    public static final String ROOM = "room";
    public static final String FROM = "from";
    public static final String TO = "to";
    /** A replayed line's own kind: {@code chat} or {@code action}. */
    public static final String WAS = "was";
    /** The new name, on a {@code nick} line; the user's name, on {@code welcome} and {@code goodbye}. */
    public static final String NICK = "nick";
    /** Why someone left, on a {@code leave} line, as the line shows it in parentheses. */
    public static final String REASON = "reason";
    /** The new topic, on a {@code topic} line. */
    public static final String TOPIC = "topic";
    /** Everyone a {@code joins}, {@code leaves} or {@code backs} line is about, comma-separated, in order. */
    public static final String NAMES = "names";
    /** How many names a {@code joins}, {@code leaves} or {@code backs} line holds. */
    public static final String COUNT = "count";

    /** Epoch milliseconds as ISO 8601 in UTC, always with milliseconds: 2026-12-03T12:00:00.123Z. */
    private static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private TaggedFrame() {
    }

    /**
     * {@code event}'s tagged frame: its tags, then {@code plain} (what {@link Wire#frame} or
     * {@link Wire#replayFrame} made of it, one line with its CR LF). {@code sentAtMillis} is the
     * {@code time} of an event that has no time of its own (anything but room events and history).
     */
    public static byte[] of(Event event, byte[] plain, long sentAtMillis) {
        return join(prefix(event, sentAtMillis), plain);
    }

    private static byte[] join(String prefix, byte[] plain) {
        byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[head.length + plain.length];
        System.arraycopy(head, 0, frame, 0, head.length);
        System.arraycopy(plain, 0, frame, head.length, plain.length);
        return frame;
    }

    /** {@code event}'s tagged frame, rendered from scratch: {@link #of} with {@link Wire#frame}. */
    public static byte[] of(Event event, long sentAtMillis) {
        return of(event, Wire.frame(event), sentAtMillis);
    }

    /**
     * The tagged frame of {@code said} (a chat or action line) replayed from history:
     * {@code replayed} is its plain replayed frame ({@link Wire#replayFrame}). The tags are the
     * line's own (its number, time, room, speaker), so they are the same for every newcomer.
     */
    public static byte[] replayed(RoomEvent said, byte[] replayed) {
        Map<String, String> tags = new LinkedHashMap<>(8);
        historyTags(said, tags);
        return join(Tags.render(tags), replayed);
    }

    /**
     * The tagged frame of several joins, leaves or returns told at once in a big room
     * ({@code group}, all of one kind, in order; at least two): {@code kind=joins}, {@code leaves}
     * or {@code backs}, the {@code seq} and {@code time} of the last, the room, {@code count} and
     * every one of the {@code names}; {@code plain} is the line that says so.
     */
    public static byte[] group(java.util.List<RoomEvent> group, byte[] plain) {
        RoomEvent last = group.get(group.size() - 1);
        Map<String, String> tags = new LinkedHashMap<>(8);
        tags.put(KIND, kindOf(last.kind()) + "s");
        if (last.seq() > 0) {
            tags.put(SEQ, Long.toString(last.seq()));
        }
        tags.put(TIME, time(last.time() > 0 ? last.time() : System.currentTimeMillis()));
        tags.put(ROOM, last.room());
        tags.put(COUNT, Integer.toString(group.size()));
        StringBuilder names = new StringBuilder(group.size() * 8);
        for (RoomEvent event : group) {
            names.append(names.length() == 0 ? "" : ",").append(event.who());
        }
        tags.put(NAMES, names.toString());
        return join(Tags.render(tags), plain);
    }

    /** {@code event}'s tag prefix, {@code @kind=...;time=... }, with its trailing space. */
    public static String prefix(Event event, long sentAtMillis) {
        return Tags.render(tags(event, sentAtMillis));
    }

    /** {@code event}'s tags, in the order written. */
    public static Map<String, String> tags(Event event, long sentAtMillis) {
        Map<String, String> tags = new LinkedHashMap<>(8);
        if (event instanceof RoomEvent said) {
            roomTags(said, kindOf(said.kind()), sentAtMillis, tags);
            switch (said.kind()) {
                case RENAME -> tags.put(NICK, said.text());
                case LEAVE -> tags.put(REASON, said.text());
                case TOPIC -> tags.put(TOPIC, said.text());
                default -> { }
            }
        } else if (event instanceof Replayed replayed) {
            historyTags(replayed.event(), tags);
        } else if (event instanceof PrivateFrom pm) {
            common("pm", sentAtMillis, tags).put(FROM, pm.who());
        } else if (event instanceof PrivateTo pm) {
            common("pm", sentAtMillis, tags).put(TO, pm.who());
        } else if (event instanceof Welcome welcome) {
            common("welcome", sentAtMillis, tags).put(ROOM, welcome.room());
            tags.put(NICK, welcome.nick());
        } else if (event instanceof YouJoined joined) {
            common("joined", sentAtMillis, tags).put(ROOM, joined.room());
        } else if (event instanceof Who who) {
            common("who", sentAtMillis, tags).put(ROOM, who.room());
        } else if (event instanceof RoomList) {
            common("rooms", sentAtMillis, tags);
        } else if (event instanceof Goodbye goodbye) {
            common("goodbye", sentAtMillis, tags).put(NICK, goodbye.nick());
        } else if (event instanceof ShuttingDown) {
            common("shutdown", sentAtMillis, tags);
        } else if (event instanceof Event.Error) {
            common("error", sentAtMillis, tags);
        } else if (event instanceof Notice) {
            common("notice", sentAtMillis, tags);
        } else if (event instanceof Unknown) {
            common("unknown", sentAtMillis, tags); // the server never sends one; for completeness
        }
        return tags;
    }

    /** The {@code kind} of a room event: its name in lower case, a rename being {@code nick}. */
    public static String kindOf(RoomEvent.Kind kind) {
        return kind == RoomEvent.Kind.RENAME ? "nick" : kind.name().toLowerCase(Locale.ROOT);
    }

    /** {@code millis} as a {@code time} tag's value. */
    public static String time(long millis) {
        return UTC_MILLIS.format(Instant.ofEpochMilli(millis));
    }

    /** A room event's tags (or a replayed one's): its own number and time, its room, who did it. */
    private static void roomTags(RoomEvent said, String kind, long sentAtMillis, Map<String, String> tags) {
        tags.put(KIND, kind);
        if (said.seq() > 0) {
            tags.put(SEQ, Long.toString(said.seq()));
        }
        tags.put(TIME, time(said.time() > 0 ? said.time() : sentAtMillis));
        if (!said.room().isEmpty()) {
            tags.put(ROOM, said.room());
        }
        tags.put(FROM, said.who());
    }

    /** A replayed line's tags: {@code kind=history}, the line's own room tags, and what it {@code was}. */
    private static void historyTags(RoomEvent said, Map<String, String> tags) {
        roomTags(said, "history", said.time(), tags);
        tags.put(WAS, kindOf(said.kind()));
    }

    private static Map<String, String> common(String kind, long sentAtMillis, Map<String, String> tags) {
        tags.put(KIND, kind);
        tags.put(TIME, time(sentAtMillis));
        return tags;
    }
}
