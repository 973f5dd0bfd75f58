package chat.core;

/**
 * Makes user text safe to show on someone else's terminal: nothing a user sends may reach
 * another terminal as a control.
 *
 * <ul>
 *   <li>TAB becomes a space.
 *   <li>Other C0 controls (U+0000–U+001F: ESC, BEL, BS, NUL, a lone CR...) and DEL are shown in
 *       caret notation, as terminals and {@code cat -v} do: ESC is {@code ^[}, DEL {@code ^?}.
 *   <li>C1 controls (U+0080–U+009F) and the bidirectional embeddings, overrides and isolates
 *       (U+202A–U+202E, U+2066–U+2069) are removed: they have no visible form, and the bidi ones
 *       can make a line display as something other than what was sent.
 * </ul>
 *
 * <p>Stateless.
 */
public final class TextSanitizer {

    private TextSanitizer() {
    }

    /** The text made safe; the same instance when nothing needed changing (the usual case). */
    public static String sanitize(String text) {
        int n = text.length();
        int i = 0;
        while (i < n && !isUnsafe(text.charAt(i))) {
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder safe = new StringBuilder(n + 8).append(text, 0, i);
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (!isUnsafe(c)) {
                safe.append(c);
            } else if (c == '\t') {
                safe.append(' ');
            } else if (c < 0x20) {
                safe.append('^').append((char) (c + 0x40));
            } else if (c == 0x7F) {
                safe.append("^?");
            }
            // C1 and bidi controls: dropped.
        }
        return safe.toString();
    }

    /** True if {@code c} must not reach a terminal as it is. */
    public static boolean isUnsafe(char c) {
        return c < 0x20
                || (c >= 0x7F && c <= 0x9F)
                || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069);
    }
}
