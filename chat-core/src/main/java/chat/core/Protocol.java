package chat.core;

import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.List;
import java.util.StringJoiner;

/**
 * Every line the server sends, as text without its CR LF (docs/protocol.md is the same list
 * for humans). The first characters tell the kind of a line ({@link LineKind}):
 *
 * <pre>
 *   ann: hello                 chat        NAME ": " TEXT
 *   * ann waves                action      "* " NAME " " TEXT
 *   *** ann joined #lobby      notice      "*** " TEXT
 *   ! Usage: /msg NAME TEXT    error       "! " TEXT           (to one user only)
 *   [pm from ann] hi           private     "[pm from " NAME "] " TEXT
 *   [pm to bob] hi             private     "[pm to " NAME "] " TEXT   (the sender's copy)
 *   [14:03] ann: hi            history     "[" HH:MM "] " chat-or-action line
 * </pre>
 *
 * <p>Names never contain ':', ' ', '*', '!' or '[', so the kinds cannot be confused. Stateless.
 */
public final class Protocol {

    public static final String NOTICE = "*** ";
    public static final String ACTION = "* ";
    public static final String ERROR = "! ";
    public static final String PRIVATE_FROM = "[pm from ";
    public static final String PRIVATE_TO = "[pm to ";
    /** Ends every line on the wire: telnet, nc and terminals all show it right. */
    public static final String LINE_END = "\r\n";

    private Protocol() {
    }

    /** {@code line} as it goes on the wire: UTF-8 with its CR LF. */
    public static byte[] frame(String line) {
        return (line + LINE_END).getBytes(StandardCharsets.UTF_8);
    }

    public static String chat(String nick, String text) {
        return nick + ": " + text;
    }

    public static String action(String nick, String text) {
        return ACTION + nick + " " + text;
    }

    public static String notice(String text) {
        return NOTICE + text;
    }

    public static String error(String text) {
        return ERROR + text;
    }

    public static String privateFrom(String sender, String text) {
        return PRIVATE_FROM + sender + "] " + text;
    }

    public static String privateTo(String recipient, String text) {
        return PRIVATE_TO + recipient + "] " + text;
    }

    /** A chat or action line said earlier, replayed to someone entering the room. */
    public static String history(LocalTime saidAt, String line) {
        return historyPrefix(saidAt) + line;
    }

    /** What goes before a replayed line: {@code [HH:MM] }. */
    public static String historyPrefix(LocalTime saidAt) {
        int h = saidAt.getHour();
        int m = saidAt.getMinute();
        return new String(new char[] {'[', (char) ('0' + h / 10), (char) ('0' + h % 10), ':',
            (char) ('0' + m / 10), (char) ('0' + m % 10), ']', ' '});
    }

    /**
     * True if a line a user sent can be relayed byte for byte as chat text: it does not start
     * with '/' (not a command) and is printable ASCII with no run of spaces (nothing to decode, sanitise or collapse).
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

    // The notices. A client follows its room with ServerEvent.parse, so these and it change together.

    public static String welcome(String nick, String room, int members) {
        return notice("Welcome, " + nick + "! You are in #" + room + " (" + users(members)
                + " here). Type /help for commands.");
    }

    public static String youJoined(String room, int members) {
        return notice("You joined #" + room + " (" + users(members) + " here).");
    }

    public static String joined(String nick, String room) {
        return notice(nick + " joined #" + room);
    }

    /** {@code why} is shown in parentheses, such as {@code quit: bye} or {@code connection closed}. */
    public static String left(String nick, String room, String why) {
        return notice(nick + " left #" + room + " (" + why + ")");
    }

    public static String renamed(String from, String to) {
        return notice(from + " is now known as " + to);
    }

    /** {@code nicks} in the order to show them. */
    /** The answer to /who listing every name. */
    public static String who(String room, List<String> nicks) {
        return who(room, nicks, Integer.MAX_VALUE);
    }

    /**
     * The answer to /who: the first {@code maxNames} of {@code nicks} (sorted), then, in a bigger
     * room, how many more there are: a 1,000-user room answers in about a kilobyte, not nine.
     */
    public static String who(String room, List<String> nicks, int maxNames) {
        String listed = String.join(", ", nicks.size() > maxNames ? nicks.subList(0, maxNames) : nicks);
        String more = nicks.size() > maxNames ? ", and " + (nicks.size() - maxNames) + " more" : "";
        return notice(users(nicks.size()) + " in #" + room + ": " + listed + more);
    }

    /** {@code rooms}: names in the order to show them, with {@code counts} at the same index. */
    public static String rooms(List<String> rooms, List<Integer> counts) {
        StringJoiner list = new StringJoiner(", ");
        for (int i = 0; i < rooms.size(); i++) {
            list.add("#" + rooms.get(i) + " (" + counts.get(i) + ")");
        }
        return notice(rooms.size() + (rooms.size() == 1 ? " room: " : " rooms: ") + list);
    }

    public static String goodbye(String nick) {
        return notice("Goodbye, " + nick + "!");
    }

    public static String shuttingDown() {
        return notice("The server is shutting down. Goodbye!");
    }

    private static String users(int n) {
        return n == 1 ? "1 user" : n + " users";
    }
}
