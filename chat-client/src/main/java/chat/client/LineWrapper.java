package chat.client;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

/**
 * Wraps a styled line into rows no wider than the terminal, every row after the first indented,
 * so the remainder of a wrapped line never starts at column 0. Without this, a chat line padded
 * with spaces to exactly the width and followed by {@code *** ann left #lobby (quit)} would let
 * the terminal's own wrapping show that remainder as a fake server notice on a row of its own.
 *
 * <pre>
 *   ann: a long line that goes on and on until it reaches the edge of the
 *       screen, where it continues four columns in
 * </pre>
 *
 * <p>Widths are columns, not chars ({@link AttributedString#columnLength}): a CJK character or
 * an emoji takes two and is never split. A row breaks at its last space when that space is in
 * the row's second half (the space itself is dropped); otherwise it breaks at the width. Styles
 * are kept across the break; the indent is unstyled.
 *
 * <p>Stateless; the caller passes the width at print time, since the terminal can be resized.
 */
public final class LineWrapper {

    /** Where continuation rows start; a few columns, so they read as part of the line above. */
    static final int INDENT_COLUMNS = 4;
    /**
     * The width assumed when the terminal does not know its own (0: a dumb terminal, a pipe):
     * the classic screen, so the padding trick is defused on the most common width at least.
     */
    static final int UNKNOWN_WIDTH_COLUMNS = 80;

    private static final AttributedString INDENT = new AttributedString(" ".repeat(INDENT_COLUMNS));

    private LineWrapper() {
    }

    /**
     * {@code line} as rows of at most {@code widthColumns} columns joined by {@code "\n"}, every
     * row after the first starting with {@link #INDENT_COLUMNS} spaces (half the width on a
     * screen narrower than twice that). A line that fits is returned as it is.
     *
     * @param widthColumns the terminal's width now; 0 or less means unknown
     *     ({@link #UNKNOWN_WIDTH_COLUMNS})
     */
    public static AttributedString wrap(AttributedString line, int widthColumns) {
        int width = widthColumns > 0 ? widthColumns : UNKNOWN_WIDTH_COLUMNS;
        if (line.columnLength() <= width) {
            return line;
        }
        int indent = Math.min(INDENT_COLUMNS, width / 2);
        AttributedStringBuilder out = new AttributedStringBuilder(line.length() + line.length() / width * (indent + 1) + 8);
        AttributedString rest = line;
        int roomColumns = width; // what the current row has left for text: all of it on the first
        while (rest.columnLength() > roomColumns) {
            int cut = cutIndex(rest, roomColumns);
            int resume = cut < rest.length() && rest.charAt(cut) == ' ' ? cut + 1 : cut;
            out.append(rest.subSequence(0, cut)).append('\n').append(INDENT.subSequence(0, indent));
            rest = rest.subSequence(resume, rest.length());
            roomColumns = width - indent;
        }
        return out.append(rest).toAttributedString();
    }

    /**
     * Where the first row of {@code text} ends (a char index): before the last space that still
     * lets the row reach half of {@code roomColumns}, else after the last char that fits.
     */
    private static int cutIndex(AttributedString text, int roomColumns) {
        int fits = text.columnSubSequence(0, roomColumns).length();
        if (fits == 0) {
            // A wide char on a row of one column: show it anyway, or the loop would never end.
            return Character.charCount(text.codePointAt(0));
        }
        if (text.charAt(fits) == ' ') {
            return fits; // the row ends exactly at a word's end
        }
        for (int space = fits - 1; space > 0; space--) {
            if (text.charAt(space) == ' ') {
                return text.subSequence(0, space).columnLength() * 2 >= roomColumns ? space : fits;
            }
        }
        return fits;
    }
}
