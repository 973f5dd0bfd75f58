package chat.core;

/**
 * Makes user text safe to show on someone else's terminal: nothing a user sends may reach
 * another terminal as a control, hide in it invisibly, or lay it out as something else.
 *
 * <ul>
 *   <li>C0 controls (U+0000–U+001F: ESC, BEL, BS, NUL, a lone CR...) but TAB, and DEL, are shown
 *       in caret notation, as terminals and {@code cat -v} do: ESC is {@code ^[}, DEL {@code ^?}.
 *   <li>C1 controls (U+0080–U+009F) and the bidirectional embeddings, overrides and isolates
 *       (U+202A–U+202E, U+2066–U+2069) are removed: they have no visible form, and the bidi ones
 *       can make a line display as something other than what was sent.
 *   <li>Invisible formatting characters are removed: every format character (general category
 *       Cf: ZWSP U+200B, WJ U+2060, BOM U+FEFF, the soft hyphen, tag characters...) and the
 *       combining grapheme joiner U+034F and Mongolian variation selectors U+180B–U+180F, except
 *       what a script or an emoji needs: ZWNJ U+200C and ZWJ U+200D (👨‍👩‍👧), variation selectors
 *       (U+FE00–U+FE0F, U+E0100–U+E01EF) after a visible character ({@code ❤️}), and tag
 *       characters inside a flag's tag sequence (after U+1F3F4).
 *   <li>White space is collapsed: TAB, every space separator (U+00A0, U+3000...), the line and
 *       paragraph separators U+2028/U+2029 and the blank-looking Hangul fillers (U+115F, U+1160,
 *       U+3164, U+FFA0) become a space, and a run of spaces becomes one, so no padding can push
 *       text onto a row of its own on someone's screen (a fake {@code *** ann left} line).
 * </ul>
 *
 * <p>Stateless. The common line (printable ASCII with single spaces, or most other text) is
 * checked in one pass and returned as the same instance, with nothing allocated.
 */
public final class TextSanitizer {

    private static final char ZWNJ = '\u200C';
    private static final char ZWJ = '\u200D';
    private static final int WAVING_BLACK_FLAG = 0x1F3F4;

    private TextSanitizer() {
    }

    /** The text made safe; the same instance when nothing needed changing (the usual case). */
    public static String sanitize(String text) {
        int n = text.length();
        int i = 0;
        char previous = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (isUnsafe(c) || (c == ' ' && previous == ' ')) {
                break;
            }
            previous = c;
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder safe = new StringBuilder(n + 8).append(text, 0, i);
        int last = i == 0 ? -1 : text.codePointBefore(i); // the last code point kept
        while (i < n) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (isBlank(c)) {
                if (last != ' ') {
                    safe.append(' ');
                    last = ' ';
                }
            } else if (c < 0x20) {
                safe.append('^').append((char) (c + 0x40));
                last = c;
            } else if (c == 0x7F) {
                safe.append("^?");
                last = c;
            } else if (keeps(c, last)) {
                safe.appendCodePoint(c);
                last = c;
            }
            // else: invisible or a control with no visible form: dropped.
        }
        return safe.toString();
    }

    /**
     * True if {@code c} cannot be passed through without a closer look: a control, or a char that
     * may be invisible, white space, or the start of a supplementary invisible (a tag or a
     * variation selector, U+E0000–U+E0FFF). Two spaces in a row are checked by the caller.
     */
    public static boolean isUnsafe(char c) {
        if (c < 0x80) {
            return c < 0x20 || c == 0x7F;
        }
        if (c <= 0x9F || c == 0xA0 || c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0
                || (c >= 0x180B && c <= 0x180F) || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xDB40 && c <= 0xDB43)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.SPACE_SEPARATOR
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** White space of any kind, and the characters that only look like it. */
    private static boolean isBlank(int c) {
        if (c == ' ' || c == '\t') {
            return true;
        }
        if (c < 0xA0) {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0;
    }

    /** True if the code point {@code c}, after {@code last} (-1 at the start), stays. */
    private static boolean keeps(int c, int last) {
        if (c >= 0x80 && c <= 0x9F) {
            return false; // C1 controls
        }
        if (c == ZWNJ || c == ZWJ) {
            return true; // Persian, Indic scripts, and emoji sequences need them
        }
        if ((c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF)) {
            return last > ' '; // a variation selector chooses how the char before it looks
        }
        if (c >= 0xE0020 && c <= 0xE007F) {
            return last == WAVING_BLACK_FLAG || (last >= 0xE0020 && last <= 0xE007F); // a flag's tag sequence
        }
        if (c == 0x034F || (c >= 0x180B && c <= 0x180F)) {
            return false; // combining grapheme joiner, Mongolian variation selectors: invisible
        }
        return Character.getType(c) != Character.FORMAT; // the rest of Cf, bidi controls included
    }
}
