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
 *   me: hi                   my own lines: the same, dim, so the others' stand out
 *   ann: hi me!              a line naming me: the nick in reverse video, the text bold
 *   *** ann joined #lobby    grey: the server's housekeeping stays quiet
 *   ! No one called ...      bold red
 *   [pm from ann] hi         magenta, the tag bold
 *   [14:03] ann: hi          grey time, then the line styled as above, in italics
 *   *** Reconnected.         the client's own lines: yellow, like the prompt
 * </pre>
 *
 * <p>Each nickname gets one colour from {@link #NICK_COLOURS}, chosen as WeeChat does: a djb2
 * variant over the code points of its folded form, modulo the palette's size. So it is the
 * same in every line, every run and every client. The palette is 16 colours of the 256-colour
 * cube (greens, cyans, blues and one salmon), none of them, nor what a 16- or 8-colour
 * terminal rounds them to, one of the {@link #RESERVED_COLOURS}: yellow (the prompt and the
 * client's own lines), grey (notices), red (errors) and magenta (private messages).
 *
 * <p>Stateless. Widths are left to JLine (it measures wide characters itself): nothing here pads.
 */
public final class LineStyler {

    /**
     * Colours that already mean something, which no nickname may take: yellow (the prompt and
     * the client's own lines), grey (notices), red (errors), magenta (private messages), and
     * their bright forms.
     */
    static final int[] RESERVED_COLOURS = {
        AttributedStyle.YELLOW, AttributedStyle.BRIGHT | AttributedStyle.YELLOW,
        AttributedStyle.BRIGHT | AttributedStyle.BLACK,
        AttributedStyle.RED, AttributedStyle.BRIGHT | AttributedStyle.RED,
        AttributedStyle.MAGENTA, AttributedStyle.BRIGHT | AttributedStyle.MAGENTA,
    };

    /**
     * 256-colour indices readable on dark and light backgrounds. Chosen so that the 16 and 8
     * colours JLine rounds them to on a smaller terminal are green, cyan, blue or white, never
     * a reserved colour ({@code LineStylerTest} checks both).
     */
    static final int[] NICK_COLOURS = {34, 40, 71, 114, 156, 37, 43, 44, 80, 33, 39, 69, 75, 111, 147, 216};

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
        return style(line, null);
    }

    /**
     * A line from the server as {@code me} sees it: my own lines dim, lines of others that name
     * me ({@link Mention}) highlighted. {@code me} null: no one's lines are set apart.
     */
    public static AttributedString style(String line, String me) {
        String safe = TextSanitizer.sanitize(line);
        AttributedStringBuilder out = new AttributedStringBuilder(safe.length() + 16);
        append(out, safe, AttributedStyle.DEFAULT, me);
        return out.toAttributedString();
    }

    /**
     * {@code line} after the time column ({@link Timestamps}): the time grey, like the server's
     * housekeeping, then a space.
     */
    public static AttributedString timed(String column, AttributedString line) {
        return new AttributedStringBuilder(column.length() + 1 + line.length())
                .append(TextSanitizer.sanitize(column), NOTICE).append(' ').append(line).toAttributedString();
    }

    /**
     * A replayed line without its server stamp (the time column shows when it was said): styled
     * as the line it was, in italics.
     */
    public static AttributedString replayed(String line, String me) {
        String safe = TextSanitizer.sanitize(line);
        AttributedStringBuilder out = new AttributedStringBuilder(safe.length() + 16);
        append(out, safe, AttributedStyle.DEFAULT.italic(), me);
        return out.toAttributedString();
    }

    /** A line the client itself says (connection trouble, a line not sent). */
    public static AttributedString status(String text) {
        return new AttributedString(TextSanitizer.sanitize(text), STATUS);
    }

    /** The colour of {@code nick}: the same for the same name in any case, every time. */
    public static int colourOf(String nick) {
        return NICK_COLOURS[paletteIndex(Names.fold(nick), NICK_COLOURS.length)];
    }

    /**
     * WeeChat's nick colour hash ({@code gui_nick_hash_djb2_64}): from 5381, each code point
     * {@code c} does {@code h ^= (h << 5) + (h >> 2) + c} in unsigned 64 bits; the index is
     * {@code h mod size}. Unlike String.hashCode, nearby names ({@code user1}, {@code user2})
     * spread over the palette.
     */
    static int paletteIndex(String name, int size) {
        return (int) Long.remainderUnsigned(nickHash(name), size);
    }

    /** The 64-bit hash of {@link #paletteIndex}, to be read as unsigned. */
    static long nickHash(String name) {
        long hash = 5381;
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            hash ^= (hash << 5) + (hash >>> 2) + codePoint;
            i += Character.charCount(codePoint);
        }
        return hash;
    }

    /** Appends {@code line} (already safe) styled by its kind, on top of {@code base}. */
    private static void append(AttributedStringBuilder out, String line, AttributedStyle base, String me) {
        switch (LineKind.of(line)) {
            case CHAT -> {
                int colon = line.indexOf(": ");
                if (colon <= 0) {
                    out.append(line, base); // not NAME: TEXT after all; show it as it came
                } else {
                    appendSaid(out, line.substring(0, colon), line.substring(colon), true, base, me);
                }
            }
            case ACTION -> {
                int start = Wire.ACTION_PREFIX.length();
                int space = line.indexOf(' ', start);
                int end = space < 0 ? line.length() : space;
                out.append(Wire.ACTION_PREFIX, isMe(line.substring(start, end), me) ? base.faint() : base);
                appendSaid(out, line.substring(start, end), line.substring(end), false, base, me);
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
                append(out, line.substring(Wire.STAMP_CHARS), base.italic(), me);
            }
        }
    }

    /**
     * The nick and what follows it ({@code ": text"} or {@code " waves"}): dim if the nick is
     * mine; the nick in reverse video and the text bold if someone else names me in it.
     * {@code boldNick}: a chat line's nick is bold, an action's is not.
     */
    private static void appendSaid(AttributedStringBuilder out, String nick, String rest, boolean boldNick,
            AttributedStyle base, String me) {
        AttributedStyle nickStyle = base.foreground(colourOf(nick));
        if (isMe(nick, me)) {
            // Faint, not bold: a terminal cannot show both, and my lines should recede.
            out.append(nick, nickStyle.faint());
            out.append(rest, base.faint());
            return;
        }
        if (boldNick) {
            nickStyle = nickStyle.bold();
        }
        AttributedStyle restStyle = base;
        if (Mention.of(me, rest)) {
            nickStyle = nickStyle.inverse();
            restStyle = base.bold();
        }
        out.append(nick, nickStyle);
        out.append(rest, restStyle);
    }

    private static boolean isMe(String nick, String me) {
        return me != null && Names.fold(me).equals(Names.fold(nick));
    }
}
