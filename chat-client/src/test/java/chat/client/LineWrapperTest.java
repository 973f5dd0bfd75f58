package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineWrapperTest {

    /**
     * Padding that survives sanitising: the server and the styler collapse runs of spaces, but
     * U+2800 (braille blank, one column) is a symbol braille art uses, and it looks blank.
     */
    static final String BLANK = "\u2800";

    private static final AttributedStyle RED = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    private static final AttributedStyle BLUE_BOLD = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);

    private static List<String> rows(AttributedString wrapped) {
        return List.of(wrapped.toString().split("\n", -1));
    }

    /** Every row fits the width, and each after the first starts with the indent. */
    private static void assertWrapped(AttributedString wrapped, int width) {
        List<String> rows = rows(wrapped);
        assertTrue(rows.size() > 1, "wrapped into several rows: " + rows);
        for (int i = 0; i < rows.size(); i++) {
            String row = rows.get(i);
            assertTrue(new AttributedString(row).columnLength() <= width, "row " + i + " fits " + width + ": " + row);
            if (i > 0) {
                assertTrue(row.startsWith("    ") && !row.isBlank(), "row " + i + " is indented: \"" + row + "\"");
            }
        }
    }

    @Test
    void aLineThatFitsIsUnchanged() {
        AttributedString line = LineStyler.style("ann: hello there");
        assertSame(line, LineWrapper.wrap(line, 80));
        AttributedString exact = new AttributedString("x".repeat(80));
        assertSame(exact, LineWrapper.wrap(exact, 80));
    }

    @Test
    void aLinePaddedToTheWidthCannotPoseAsANoticeOnItsOwnRow() {
        String padded = "ann: " + BLANK.repeat(80 - "ann: ".length());
        AttributedString wrapped = LineWrapper.wrap(LineStyler.style(padded + "*** ann left #lobby (quit)"), 80);
        assertWrapped(wrapped, 80);
        List<String> rows = rows(wrapped);
        assertEquals(2, rows.size(), rows.toString());
        assertEquals("    *** ann left #lobby (quit)", rows.get(1));
        assertFalse(rows.get(1).startsWith("***"));
    }

    @ParameterizedTest
    @ValueSource(ints = {79, 80, 81})
    void paddingOneColumnShortOrOverStillLeavesTheRemainderIndented(int padColumns) {
        String line = "ann: " + BLANK.repeat(padColumns - "ann: ".length()) + "*** ann left #lobby (quit)";
        AttributedString wrapped = LineWrapper.wrap(LineStyler.style(line), 80);
        assertWrapped(wrapped, 80);
        rows(wrapped).forEach(row -> assertFalse(row.startsWith("*")));
    }

    @Test
    void wideCharactersAreNeverSplitAcrossRows() {
        String cjk = "你好世界".repeat(10); // 40 chars, 80 columns
        AttributedString wrapped = LineWrapper.wrap(new AttributedString("a" + cjk), 10);
        assertWrapped(wrapped, 10);
        List<String> rows = rows(wrapped);
        // 9 columns: the next char would take columns 10 and 11, so the row stops one short.
        assertEquals("a你好世界", rows.get(0));
        assertEquals("    你好世", rows.get(1));
        assertEquals("a" + cjk, String.join("", rows).replace(" ", ""));
    }

    @Test
    void aWideCharacterThatWouldStraddleTheEdgeMovesToTheNextRow() {
        AttributedString wrapped = LineWrapper.wrap(new AttributedString("abc你好"), 4);
        // "abc" is 3 columns; 你 needs 2, so it starts the next row rather than being cut.
        assertEquals(List.of("abc", "  你", "  好"), rows(wrapped));
    }

    @Test
    void emojiCountAsTwoColumns() {
        AttributedString wrapped = LineWrapper.wrap(new AttributedString("😀".repeat(10)), 10);
        List<String> rows = rows(wrapped);
        assertEquals("😀".repeat(5), rows.get(0));
        assertEquals("    " + "😀".repeat(3), rows.get(1));
        assertEquals("    " + "😀".repeat(2), rows.get(2));
    }

    @Test
    void stylesAreKeptOnBothSidesOfTheBreak() {
        AttributedString line = new AttributedStringBuilder()
                .append("bob", BLUE_BOLD)
                .append(": ", AttributedStyle.DEFAULT)
                .append("r".repeat(20), RED)
                .toAttributedString();
        AttributedString wrapped = LineWrapper.wrap(line, 10);
        assertWrapped(wrapped, 10);
        assertEquals(BLUE_BOLD, wrapped.styleAt(0));
        assertEquals(RED, wrapped.styleAt(9)); // last column of the first row
        int secondRow = wrapped.toString().indexOf('\n') + 1;
        assertEquals(AttributedStyle.DEFAULT, wrapped.styleAt(secondRow), "the indent is unstyled");
        assertEquals(RED, wrapped.styleAt(secondRow + LineWrapper.INDENT_COLUMNS));
        assertEquals(line.toString().replace(" ", ""), wrapped.toString().replace("\n", "").replace(" ", ""));
    }

    @Test
    void aRowBreaksAtItsLastSpaceAndTheSpaceIsDropped() {
        AttributedString wrapped = LineWrapper.wrap(new AttributedString("ann: the quick brown fox jumps"), 20);
        assertEquals(List.of("ann: the quick brown", "    fox jumps"), rows(wrapped));
        AttributedString early = LineWrapper.wrap(new AttributedString("ann: the quick brownish fox"), 20);
        assertEquals(List.of("ann: the quick", "    brownish fox"), rows(early));
    }

    @Test
    void aWordLongerThanHalfTheRowIsCutAtTheWidth() {
        AttributedString wrapped = LineWrapper.wrap(new AttributedString("a " + "x".repeat(30)), 20);
        assertEquals(List.of("a " + "x".repeat(18), "    " + "x".repeat(12)), rows(wrapped));
    }

    @Test
    void anUnknownWidthWrapsAtEightyColumns() {
        AttributedString line = new AttributedString("y".repeat(100));
        assertEquals(List.of("y".repeat(80), "    " + "y".repeat(20)), rows(LineWrapper.wrap(line, 0)));
    }

    @Test
    void aVeryNarrowScreenStillIndentsAndTerminates() {
        AttributedString wrapped = LineWrapper.wrap(new AttributedString("你好 abc"), 2);
        List<String> rows = rows(wrapped);
        assertEquals("你", rows.get(0));
        rows.subList(1, rows.size()).forEach(row -> assertTrue(row.startsWith(" "), rows.toString()));
    }
}
