package chat.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Message tags in IRCv3's syntax (https://ircv3.net/specs/extensions/message-tags): a line that
 * begins with {@code @} carries {@code key=value} pairs separated by {@code ;}, then one space,
 * then the ordinary line. Values are escaped as that specification says: {@code ;} is
 * {@code \:}, space {@code \s}, {@code \} {@code \\}, CR {@code \r}, LF {@code \n}; so a value
 * can hold any text and the tags still end at the first space.
 *
 * <p>The server writes tags ({@link TaggedFrame} says which, for each event); clients and tests
 * read them back with {@link #parse}. Keys are ours and plain ({@code [a-z0-9-]}), so they need
 * no escaping; {@link #render} refuses any other.
 *
 * <p>Stateless and safe from any thread.
 */
public final class Tags {

    /** How a tagged line begins. */
    public static final char MARK = '@';

    /** A line read back: its tags in the order written (empty if it had none) and the ordinary line after them. */
    public record Parsed(Map<String, String> tags, String line) {
        public Parsed {
            tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
            Objects.requireNonNull(line, "line");
        }

        /** The value of {@code key}, or null if the line has no such tag. */
        public String get(String key) {
            return tags.get(key);
        }
    }

    private Tags() {
    }

    /** {@code value} escaped for a tag: after this it contains no {@code ;}, space, CR or LF. */
    public static String escape(String value) {
        StringBuilder out = null; // most values (numbers, names, times) need nothing: no copy then
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String escaped = switch (c) {
                case ';' -> "\\:";
                case ' ' -> "\\s";
                case '\\' -> "\\\\";
                case '\r' -> "\\r";
                case '\n' -> "\\n";
                default -> null;
            };
            if (escaped == null) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            out.append(escaped);
        }
        return out == null ? value : out.toString();
    }

    /**
     * {@code escaped} as it was before {@link #escape}. As the specification says, a backslash
     * before any other character is dropped ({@code \b} is {@code b}) and so is one at the end.
     */
    public static String unescape(String escaped) {
        if (escaped.indexOf('\\') < 0) {
            return escaped;
        }
        StringBuilder out = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i == escaped.length()) {
                break; // a lone backslash at the end: dropped
            }
            char next = escaped.charAt(i);
            out.append(switch (next) {
                case ':' -> ';';
                case 's' -> ' ';
                case 'r' -> '\r';
                case 'n' -> '\n';
                default -> next; // "\\" gives "\", any other pair its second character
            });
        }
        return out.toString();
    }

    /**
     * The tag prefix for {@code tags} in their order: {@code @k=v;k=v } with its trailing space,
     * values escaped. Appended to {@code out}.
     *
     * @throws IllegalArgumentException if there are no tags, or a key is not {@code [a-z0-9-]+}
     */
    public static void render(Map<String, String> tags, StringBuilder out) {
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("a tag prefix needs at least one tag");
        }
        out.append(MARK);
        boolean first = true;
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            requireKey(tag.getKey());
            if (!first) {
                out.append(';');
            }
            first = false;
            out.append(tag.getKey()).append('=').append(escape(tag.getValue()));
        }
        out.append(' ');
    }

    /** {@code tags} as a prefix, {@code @k=v;k=v } (see {@link #render(Map, StringBuilder)}). */
    public static String render(Map<String, String> tags) {
        StringBuilder out = new StringBuilder(64);
        render(tags, out);
        return out.toString();
    }

    /**
     * Reads {@code line} (without its line end): its tags, unescaped, and the line after them.
     * A line that does not begin with {@code @} has no tags and is all line. As the
     * specification says, a tag without {@code =} has the value "", and of a key given twice the
     * last value counts. Never null.
     */
    public static Parsed parse(String line) {
        if (line.isEmpty() || line.charAt(0) != MARK) {
            return new Parsed(Map.of(), line);
        }
        int space = line.indexOf(' ');
        String raw = space < 0 ? line.substring(1) : line.substring(1, space);
        String rest = space < 0 ? "" : line.substring(space + 1);
        Map<String, String> tags = new LinkedHashMap<>();
        for (String pair : raw.split(";")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            tags.put(key, eq < 0 ? "" : unescape(pair.substring(eq + 1)));
        }
        return new Parsed(tags, rest);
    }

    private static void requireKey(String key) {
        if (key.isEmpty() || !key.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            throw new IllegalArgumentException("a tag key is [a-z0-9-]+, not \"" + key + "\"");
        }
    }
}
