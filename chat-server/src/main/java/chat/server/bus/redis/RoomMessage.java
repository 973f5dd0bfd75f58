package chat.server.bus.redis;

import chat.core.Event.RoomEvent;
import chat.core.Names;
import chat.core.TextSanitizer;

/**
 * A room's event as it travels through Redis: one string, its fields separated by the unit
 * separator (U+001F, which no name or sanitised text can contain):
 * <pre>
 *   SEQ US TIME US KIND US ROOM US WHO US TEXT
 * </pre>
 * SEQ is put in front by the publishing script (the room's counter in Redis), so every server
 * and the room's streams hold the same numbers in the same order.
 *
 * <p>Whatever arrives on a room's channel may come from another program: {@link #decode}
 * checks every field and returns null for anything that is not an event this server could
 * have sent (counted and dropped by the bus), and the text is sanitised again, so nothing
 * reaches a terminal that a user here could not have typed.
 *
 * <p>Stateless.
 */
final class RoomMessage {

    static final char SEPARATOR = '\u001F';
    /** Longest text accepted from the channel: a line is at most 64 KiB, its notices shorter. */
    static final int MAX_TEXT_CHARS = 64 * 1024;

    private RoomMessage() {
    }

    /** The event without its sequence number, which the publishing script puts in front. */
    static String encodeBody(RoomEvent event) {
        return event.time() + "" + SEPARATOR + event.kind().name() + SEPARATOR + event.room() + SEPARATOR
                + event.who() + SEPARATOR + event.text();
    }

    /** The event {@code message} carries, numbered; null if it is not one. */
    static RoomEvent decode(String message) {
        String[] f = message.split(String.valueOf(SEPARATOR), -1);
        if (f.length != 6) {
            return null;
        }
        try {
            long seq = Long.parseLong(f[0]);
            long time = Long.parseLong(f[1]);
            RoomEvent.Kind kind = RoomEvent.Kind.valueOf(f[2]);
            String room = f[3];
            String who = f[4];
            String text = f[5];
            if (seq < 1 || Names.roomProblem(room).isPresent() || !validWho(who)
                    || text.length() > MAX_TEXT_CHARS || ((kind == RoomEvent.Kind.JOIN || kind == RoomEvent.Kind.BACK) && !text.isEmpty())) {
                return null;
            }
            if (kind == RoomEvent.Kind.RENAME && Names.nickProblem(text).isPresent()) {
                return null;
            }
            return new RoomEvent(room, seq, time, kind, who, TextSanitizer.sanitize(text));
        } catch (IllegalArgumentException notAnEvent) {
            return null; // a number or a kind that is not one: junk on the channel
        }
    }

    /** A name as names are (the default names {@code userN} included, which /nick refuses). */
    static boolean validWho(String who) {
        return !who.isEmpty() && who.length() <= 4 * Names.MAX_NICK_CHARS
                && who.codePoints().allMatch(Names::isNameCodePoint);
    }
}
