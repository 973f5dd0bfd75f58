package chat.core;

import chat.core.Event.Goodbye;
import chat.core.Event.Notice;
import chat.core.Event.PrivateFrom;
import chat.core.Event.PrivateTo;
import chat.core.Event.RoomEvent;
import chat.core.Event.RoomList;
import chat.core.Event.RoomList.RoomCount;
import chat.core.Event.ShuttingDown;
import chat.core.Event.Welcome;
import chat.core.Event.Who;
import chat.core.Event.YouJoined;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's line builders from before {@link Event} and {@link Wire}, kept while the server
 * moves over: each one now renders the matching event through {@link Wire}, so its output is
 * byte for byte what it was and every line still has one definition (Wire's). The notice
 * builders are deprecated for removal; {@link #isPlainChat} (about what users send) stays.
 * The constants are Wire's prefixes, and still compile-time constants.
 *
 * <p>Stateless.
 */
public final class Protocol {

    public static final String NOTICE = Wire.NOTICE_PREFIX;
    public static final String ACTION = Wire.ACTION_PREFIX;
    public static final String ERROR = Wire.ERROR_PREFIX;
    public static final String PRIVATE_FROM = Wire.PRIVATE_FROM_PREFIX;
    public static final String PRIVATE_TO = Wire.PRIVATE_TO_PREFIX;
    /** Ends every line on the wire: telnet, nc and terminals all show it right. */
    public static final String LINE_END = Wire.LINE_END;

    private Protocol() {
    }

    /** {@code line} as it goes on the wire: UTF-8 with its CR LF. */
    public static byte[] frame(String line) {
        return Wire.frameLine(line);
    }

    /** Prefer {@code Wire.frame(Event.RoomEvent.chat(room, nick, text))}, which skips the string. */
    public static String chat(String nick, String text) {
        return Wire.render(RoomEvent.chat("", nick, text));
    }

    public static String action(String nick, String text) {
        return Wire.render(RoomEvent.action("", nick, text));
    }

    /**
     * A free notice.
     *
     * @deprecated use {@code Wire.render(new Event.Notice(text))}
     */
    @Deprecated(forRemoval = true)
    public static String notice(String text) {
        return Wire.render(new Notice(text));
    }

    public static String error(String text) {
        return Wire.render(new Event.Error(text));
    }

    public static String privateFrom(String sender, String text) {
        return Wire.render(new PrivateFrom(sender, text));
    }

    public static String privateTo(String recipient, String text) {
        return Wire.render(new PrivateTo(recipient, text));
    }

    /** A chat or action line said earlier, replayed to someone entering the room. */
    public static String history(LocalTime saidAt, String line) {
        return Wire.stamp(saidAt) + line;
    }

    /** What goes before a replayed line: {@code [HH:MM] }. */
    public static String historyPrefix(LocalTime saidAt) {
        return Wire.stamp(saidAt);
    }

    /**
     * True if a line a user sent can be relayed byte for byte as chat text: it does not start
     * with '/' (not a command) and is printable ASCII with no run of spaces (nothing to decode,
     * sanitise or collapse).
     * Most lines are; the rest take the general path through {@link Command#parse}.
     */
    public static boolean isPlainChat(byte[] bytes, int offset, int length) {
        if (length == 0 || bytes[offset] == '/') {
            return false;
        }
        byte previous = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            byte b = bytes[i];
            if (b < 0x20 || b > 0x7E || (b == ' ' && previous == ' ')) {
                return false; // a control, not ASCII, or a run of spaces to collapse: the decoded path
            }
            previous = b;
        }
        return true;
    }

    // The notices, each now one Event rendered by Wire (which the client parses with).

    /** @deprecated use {@code Wire.render(new Event.Welcome(nick, room, members))} */
    @Deprecated(forRemoval = true)
    public static String welcome(String nick, String room, int members) {
        return Wire.render(new Welcome(nick, room, members));
    }

    /** @deprecated use {@code Wire.render(new Event.YouJoined(room, members))} */
    @Deprecated(forRemoval = true)
    public static String youJoined(String room, int members) {
        return Wire.render(new YouJoined(room, members));
    }

    /**
     * @deprecated use {@code Wire.render(new Event.RoomEvent(...))}, most simply made by
     *             {@code Event.RoomEvent.join(room, nick)}
     */
    @Deprecated(forRemoval = true)
    public static String joined(String nick, String room) {
        return Wire.render(RoomEvent.join(room, nick));
    }

    /**
     * {@code why} is shown in parentheses, such as {@code quit: bye} or {@code connection closed}.
     *
     * @deprecated use {@code Wire.render(new Event.RoomEvent(...))}, most simply made by
     *             {@code Event.RoomEvent.leave(room, nick, why)}
     */
    @Deprecated(forRemoval = true)
    public static String left(String nick, String room, String why) {
        return Wire.render(RoomEvent.leave(room, nick, why));
    }

    /**
     * @deprecated use {@code Wire.render(new Event.RoomEvent(...))}, most simply made by
     *             {@code Event.RoomEvent.rename(room, from, to)}
     */
    @Deprecated(forRemoval = true)
    public static String renamed(String from, String to) {
        return Wire.render(RoomEvent.rename("", from, to));
    }

    /**
     * The answer to /who listing every name.
     *
     * @deprecated use {@code Wire.render(new Event.Who(room, nicks, 0))}
     */
    @Deprecated(forRemoval = true)
    public static String who(String room, List<String> nicks) {
        return who(room, nicks, Integer.MAX_VALUE);
    }

    /**
     * The answer to /who: the first {@code maxNames} of {@code nicks} (sorted), then, in a bigger
     * room, how many more there are: a 1,000-user room answers in about a kilobyte, not nine.
     *
     * @deprecated use {@code Wire.render(new Event.Who(room, shownNicks, more))}
     */
    @Deprecated(forRemoval = true)
    public static String who(String room, List<String> nicks, int maxNames) {
        List<String> shown = nicks.size() > maxNames ? nicks.subList(0, maxNames) : nicks;
        return Wire.render(new Who(room, shown, nicks.size() - shown.size()));
    }

    /**
     * {@code rooms}: names in the order to show them, with {@code counts} at the same index.
     *
     * @deprecated use {@code Wire.render(new Event.RoomList(List.of(new Event.RoomList.RoomCount(room, n), ...)))}
     */
    @Deprecated(forRemoval = true)
    public static String rooms(List<String> rooms, List<Integer> counts) {
        List<RoomCount> list = new ArrayList<>(rooms.size());
        for (int i = 0; i < rooms.size(); i++) {
            list.add(new RoomCount(rooms.get(i), counts.get(i)));
        }
        return Wire.render(new RoomList(list));
    }

    /** @deprecated use {@code Wire.render(new Event.Goodbye(nick))} */
    @Deprecated(forRemoval = true)
    public static String goodbye(String nick) {
        return Wire.render(new Goodbye(nick));
    }

    /** @deprecated use {@code Wire.render(new Event.ShuttingDown())} */
    @Deprecated(forRemoval = true)
    public static String shuttingDown() {
        return Wire.render(new ShuttingDown());
    }
}
