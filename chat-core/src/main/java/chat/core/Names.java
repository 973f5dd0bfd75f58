package chat.core;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for nicknames and room names, shared by the server (which enforces them) and the
 * client (which completes them).
 *
 * <p>A nickname is 1–24 characters: letters of any script (with their combining marks),
 * digits, {@code _} and {@code -}. Names of the form {@code user<number>} are reserved for the
 * default names the server gives. A room name is 1–32 of the same characters, optionally
 * written with a leading {@code #}. Both are compared ignoring case ({@link #fold}).
 *
 * <p>Stateless.
 */
public final class Names {

    public static final int MAX_NICK_CHARS = 24;
    public static final int MAX_ROOM_CHARS = 32;
    /** The room everyone starts in. */
    public static final String LOBBY = "lobby";

    private static final Pattern DEFAULT_NICK = Pattern.compile("user[0-9]+", Pattern.CASE_INSENSITIVE);

    private Names() {
    }

    /** The default name of connection {@code id}, such as {@code user7}. */
    public static String defaultNick(long id) {
        return "user" + id;
    }

    /** Why {@code nick} cannot be a nickname (a sentence for the user), or empty if it can. */
    public static Optional<String> nickProblem(String nick) {
        return problem(nick, "nickname", MAX_NICK_CHARS)
                .or(() -> DEFAULT_NICK.matcher(nick).matches()
                        ? Optional.of("Names like " + nick + " are kept for new users; pick another.")
                        : Optional.empty());
    }

    /** Why {@code room} (without its optional '#') cannot be a room name, or empty if it can. */
    public static Optional<String> roomProblem(String room) {
        return problem(room, "room name", MAX_ROOM_CHARS);
    }

    /** A room name as typed, without its optional leading '#'. */
    public static String stripHash(String room) {
        return room.startsWith("#") ? room.substring(1) : room;
    }

    /** The key under which names are compared: equal for names that differ only in case. */
    public static String fold(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
                return name.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
            }
        }
        return name; // lower-case ASCII already: the common case, and no copy
    }

    /** True if {@code c} may appear in a name after its first character. */
    public static boolean isNameCodePoint(int c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || isMark(c);
    }

    private static Optional<String> problem(String name, String what, int maxChars) {
        String shown = TextSanitizer.sanitize(name);
        if (name.isEmpty()) {
            return Optional.of("A " + what + " cannot be empty.");
        }
        int count = name.codePointCount(0, name.length());
        if (count > maxChars) {
            return Optional.of("\"" + shown + "\" is too long: a " + what + " has at most " + maxChars
                    + " characters.");
        }
        if (isMark(name.codePointAt(0))) {
            return Optional.of("\"" + shown + "\" cannot start with a combining mark.");
        }
        boolean ok = name.codePoints().allMatch(Names::isNameCodePoint);
        if (!ok) {
            return Optional.of("\"" + shown + "\" is not a valid " + what
                    + ": use letters, digits, _ and - only.");
        }
        return Optional.empty();
    }

    private static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
