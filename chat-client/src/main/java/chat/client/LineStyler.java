package chat.client;

import chat.core.LineKind;
import chat.core.Names;
import chat.core.TextSanitizer;
import chat.core.Wire;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Turns a line from the server into what the terminal shows: sanitised first, then coloured by
 * its {@link LineKind}.
 *
 * <pre>
 *   ann: hi                  nick in its own colour, bold; text plain
 *   * ann waves              "* " plain, nick in its colour, text plain
 *   *** ann joined #lobby    grey: the server's housekeeping stays quiet
 *   ! No one here is ...     bold red
 *   [pm from ann] hi         magenta, the tag bold
 *   [14:03] ann: hi          grey time, then the line styled as above, in italics
 *   *** Reconnected.         the client's own lines: yellow, like the prompt
 * </pre>
 *
 * <p>Each nickname gets one colour from {@link #NICK_COLOURS} by a hash of its folded form, so
 * it is the same in every line, every run and every client. The palette leaves out red,
 * magenta and grey, which mean error, private and notice.
 *
 * <p>Stateless. Widths are left to JLine (it measures wide characters itself): nothing here pads.
 */
public final class LineStyler {

    /** Readable on dark and light backgrounds; 16-colour indices so every terminal has them. */
    static final int[] NICK_COLOURS = {
        AttributedStyle.GREEN,
        AttributedStyle.YELLOW,
        AttributedStyle.BLUE,
        AttributedStyle.CYAN,
        AttributedStyle.BRIGHT | AttributedStyle.GREEN,
        AttributedStyle.BRIGHT | AttributedStyle.YELLOW,
        AttributedStyle.BRIGHT | AttributedStyle.BLUE,
        AttributedStyle.BRIGHT | AttributedStyle.CYAN,
    };

    static final AttributedStyle NOTICE = AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT | AttributedStyle.BLACK);
    static final AttributedStyle ERROR = AttributedStyle.BOLD.foreground(AttributedStyle.RED);
    static final AttributedStyle PRIVATE = AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
    static final AttributedStyle STATUS = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
    /** The prompt's colour; the client's own lines share it. */
    static final AttributedStyle PROMPT = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);

    private LineStyler() {
    }

    /** A line from the server, sanitised (nothing in it can act on the terminal) and coloured. */
    public static AttributedString style(String line) {
        String safe = TextSanitizer.sanitize(line);
        AttributedStringBuilder out = new AttributedStringBuilder(safe.length() + 16);
        append(out, safe, AttributedStyle.DEFAULT);
        return out.toAttributedString();
    }

    /** A line the client itself says (connection trouble, a line not sent). */
    public static AttributedString status(String text) {
        return new AttributedString(TextSanitizer.sanitize(text), STATUS);
    }

    /** The colour of {@code nick}: the same for the same name in any case, every time. */
    public static int colourOf(String nick) {
        return NICK_COLOURS[Math.floorMod(Names.fold(nick).hashCode(), NICK_COLOURS.length)];
    }

    /** Appends {@code line} (already safe) styled by its kind, on top of {@code base}. */
    private static void append(AttributedStringBuilder out, String line, AttributedStyle base) {
        switch (LineKind.of(line)) {
            case CHAT -> {
                int colon = line.indexOf(": ");
                if (colon <= 0) {
                    out.append(line, base); // not NAME: TEXT after all; show it as it came
                } else {
                    out.append(line.substring(0, colon), nickStyle(base, line.substring(0, colon)).bold());
                    out.append(line.substring(colon), base);
                }
            }
            case ACTION -> {
                int start = Wire.ACTION_PREFIX.length();
                int space = line.indexOf(' ', start);
                int end = space < 0 ? line.length() : space;
                out.append(Wire.ACTION_PREFIX, base);
                out.append(line.substring(start, end), nickStyle(base, line.substring(start, end)));
                out.append(line.substring(end), base);
            }
            case NOTICE -> out.append(line, NOTICE);
            case ERROR -> out.append(line, ERROR);
            case PRIVATE -> {
                int close = line.indexOf("] ");
                int tagEnd = close < 0 ? line.length() : close + 1;
                out.append(line.substring(0, tagEnd), PRIVATE.bold());
                out.append(line.substring(tagEnd), PRIVATE);
            }
            case HISTORY -> {
                out.append(line.substring(0, Wire.STAMP_CHARS), NOTICE);
                append(out, line.substring(Wire.STAMP_CHARS), base.italic());
            }
        }
    }

    private static AttributedStyle nickStyle(AttributedStyle base, String nick) {
        return base.foreground(colourOf(nick));
    }
}
