package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.core.Event;
import chat.core.Wire;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

class LineStylerTest {

    /** SGR sequences (colours, bold...) are the only escapes the styler may emit. */
    private static String withoutColours(String ansi) {
        return ansi.replaceAll("\u001b\\[[0-9;]*m", "");
    }

    @Test
    void controlSequencesFromTheServerNeverReachTheTerminal() {
        String hostile = "ann: \u001b[2J\u001b]0;owned\u0007 clear\u009b31m\u202eevil\u0008\u007f\tend";
        AttributedString styled = LineStyler.style(hostile);
        assertEquals("ann: ^[[2J^[]0;owned^G clear31mevil^H^? end", styled.toString());
        String printed = withoutColours(styled.toAnsi(256, org.jline.utils.AttributedCharSequence.ForceMode.None));
        assertFalse(printed.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f)), printed);
    }

    @Test
    void everyKindIsSanitisedIncludingHistoryAndStatusLines() {
        assertEquals("[12:00] bob: ^[[31mx", LineStyler.style("[12:00] bob: \u001b[31mx").toString());
        assertEquals("*** Not sent: ^G", LineStyler.status("*** Not sent: \u0007").toString());
        assertEquals("! ^[c", LineStyler.style("! \u001bc").toString());
    }

    @Test
    void chatShowsTheNickInItsColourAndTheTextPlain() {
        AttributedString styled = LineStyler.style(Wire.render(Event.RoomEvent.chat("", "ann", "hello")));
        assertEquals(AttributedStyle.DEFAULT.foreground(LineStyler.colourOf("ann")).bold(), styled.styleAt(0));
        assertEquals(AttributedStyle.DEFAULT, styled.styleAt("ann: ".length()));
    }

    @Test
    void actionColoursOnlyTheNick() {
        AttributedString styled = LineStyler.style(Wire.render(Event.RoomEvent.action("", "bob", "waves")));
        assertEquals(AttributedStyle.DEFAULT, styled.styleAt(0));
        assertEquals(AttributedStyle.DEFAULT.foreground(LineStyler.colourOf("bob")), styled.styleAt(2));
        assertEquals(AttributedStyle.DEFAULT, styled.styleAt("* bob w".length()));
    }

    @Test
    void noticesErrorsPrivateMessagesAndHistoryEachLookDistinct() {
        AttributedStyle notice = LineStyler.style(Wire.render(Event.RoomEvent.join("lobby", "ann"))).styleAt(4);
        AttributedStyle error = LineStyler.style(Wire.render(new Event.Error("No one here is called x."))).styleAt(4);
        AttributedStyle pm = LineStyler.style(Wire.render(new Event.PrivateFrom("ann", "psst"))).styleAt(15);
        String history = Wire.render(new Event.Replayed(LocalTime.of(14, 3), Event.RoomEvent.chat("", "ann", "hi")));
        AttributedStyle historyText = LineStyler.style(history).styleAt(history.length() - 1);
        AttributedStyle chatText = LineStyler.style(Wire.render(Event.RoomEvent.chat("", "ann", "hi"))).styleAt(6);

        assertEquals(LineStyler.NOTICE, notice);
        assertEquals(AttributedStyle.BOLD.foreground(AttributedStyle.RED), error);
        assertEquals(LineStyler.PRIVATE, pm);
        assertEquals(AttributedStyle.DEFAULT.italic(), historyText);
        Set<AttributedStyle> all = new HashSet<>(Arrays.asList(notice, error, pm, historyText, chatText));
        assertEquals(5, all.size(), "each kind has a style of its own: " + all);
    }

    @Test
    void historyLinesKeepTheirNickColourInItalicsAfterAGreyTime() {
        AttributedString styled = LineStyler.style("[09:41] " + Wire.render(Event.RoomEvent.chat("", "ann", "hi")));
        assertEquals(LineStyler.NOTICE, styled.styleAt(0));
        assertEquals(AttributedStyle.DEFAULT.italic().foreground(LineStyler.colourOf("ann")).bold(), styled.styleAt(8));
    }

    @Test
    void aNicksColourIsStableAndIgnoresCase() {
        assertEquals(LineStyler.colourOf("ann"), LineStyler.colourOf("ANN"));
        assertEquals(LineStyler.colourOf("小明"), LineStyler.colourOf("小明"));
        // Pinned: the colour must not change between runs or releases of the client.
        assertEquals(LineStyler.NICK_COLOURS[Math.floorMod("ann".hashCode(), LineStyler.NICK_COLOURS.length)],
                LineStyler.colourOf("ann"));
    }

    @Test
    void nicksSpreadOverThePaletteWhichAvoidsTheColoursWithAMeaning() {
        long used = IntStream.rangeClosed(1, 40).map(n -> LineStyler.colourOf("user" + n)).distinct().count();
        assertTrue(used >= 6, "40 names used only " + used + " colours");
        for (int colour : LineStyler.NICK_COLOURS) {
            int base = colour & ~AttributedStyle.BRIGHT;
            assertNotEquals(AttributedStyle.RED, base);
            assertNotEquals(AttributedStyle.MAGENTA, base);
            assertNotEquals(AttributedStyle.BLACK, base);
        }
    }

    @Test
    void wideCharactersKeepTheirTwoColumns() {
        AttributedString styled = LineStyler.style(Wire.render(Event.RoomEvent.chat("", "小明", "你好 😀")));
        assertEquals("小明: 你好 😀", styled.toString());
        assertEquals(4 + 2 + 4 + 1 + 2, styled.columnLength());
    }

    @Test
    void aLineThatIsNotNameColonTextIsShownAsItCame() {
        assertEquals("just words", LineStyler.style("just words").toString());
        assertEquals(AttributedStyle.DEFAULT, LineStyler.style("just words").styleAt(0));
    }
}
