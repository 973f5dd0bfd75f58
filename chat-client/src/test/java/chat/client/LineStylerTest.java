package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.core.Event;
import chat.core.Wire;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Colors;
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
        AttributedStyle error = LineStyler.style(Wire.render(new Event.Error("No one called x is in the chat."))).styleAt(4);
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
        // Pinned: the colour must not change between runs or releases of the client. WeeChat's
        // djb2 variant: 5381, then per code point h ^= (h << 5) + (h >> 2) + c.
        assertEquals(178237852L, LineStyler.nickHash("ann"));
        assertEquals(182725364300L, LineStyler.nickHash("user1"));
        assertEquals(LineStyler.NICK_COLOURS[(int) (178237852L % LineStyler.NICK_COLOURS.length)],
                LineStyler.colourOf("ann"));
    }

    @Test
    void theHashIsOverCodePointsNotUtf16Units() {
        long h = 5381;
        h ^= (h << 5) + (h >>> 2) + 0x1F600; // 😀 is one code point, two chars
        assertEquals(h, LineStyler.nickHash("😀"));
    }

    @Test
    void thePaletteHasAtLeastTwelveColoursAndNoneOfTheReservedOnesEvenRounded() {
        Set<Integer> palette = Arrays.stream(LineStyler.NICK_COLOURS).boxed().collect(Collectors.toSet());
        assertTrue(palette.size() >= 12, "only " + palette.size() + " distinct colours");
        Set<Integer> reserved = Arrays.stream(LineStyler.RESERVED_COLOURS).boxed().collect(Collectors.toSet());
        for (int colour : LineStyler.NICK_COLOURS) {
            assertFalse(reserved.contains(colour), colour + " is reserved");
            // What a 16- or 8-colour terminal shows instead must not be reserved either.
            assertFalse(reserved.contains(Colors.roundColor(colour, 16)), colour + " rounds to a reserved colour");
            assertFalse(reserved.contains(Colors.roundColor(colour, 8)), colour + " rounds to a reserved colour in 8");
        }
    }

    @Test
    void thePromptNoticesErrorsAndPrivateMessagesUseReservedColours() {
        Set<AttributedStyle> reservedStyles = Arrays.stream(LineStyler.RESERVED_COLOURS)
                .mapToObj(AttributedStyle.DEFAULT::foreground).collect(Collectors.toSet());
        assertTrue(reservedStyles.contains(LineStyler.PROMPT));
        assertTrue(reservedStyles.contains(LineStyler.STATUS));
        assertTrue(reservedStyles.contains(LineStyler.NOTICE));
        assertTrue(reservedStyles.contains(LineStyler.PRIVATE));
        assertTrue(Arrays.stream(LineStyler.RESERVED_COLOURS).mapToObj(AttributedStyle.BOLD::foreground)
                .anyMatch(LineStyler.ERROR::equals));
    }

    @Test
    void nicksInARoomRarelyShareAColour() {
        long used = IntStream.rangeClosed(1, 40).map(n -> LineStyler.colourOf("user" + n)).distinct().count();
        assertTrue(used >= 12, "40 names used only " + used + " colours");
    }

    @Test
    void myOwnLinesAreDim() {
        AttributedString mine = LineStyler.style(Wire.render(Event.RoomEvent.chat("", "Me", "hello")), "me");
        assertEquals(AttributedStyle.DEFAULT.foreground(LineStyler.colourOf("me")).faint(), mine.styleAt(0));
        assertEquals(AttributedStyle.DEFAULT.faint(), mine.styleAt("me: h".length()));
        AttributedString action = LineStyler.style(Wire.render(Event.RoomEvent.action("", "me", "waves")), "me");
        assertEquals(AttributedStyle.DEFAULT.faint(), action.styleAt("* me w".length()));
        AttributedString theirs = LineStyler.style(Wire.render(Event.RoomEvent.chat("", "ann", "hello")), "me");
        assertEquals(AttributedStyle.DEFAULT, theirs.styleAt("ann: h".length()));
    }

    @Test
    void aLineNamingMeShowsItsNickInReverseAndItsTextBold() {
        AttributedString named = LineStyler.style(Wire.render(Event.RoomEvent.chat("", "ann", "hi ME!")), "me");
        assertEquals(AttributedStyle.DEFAULT.foreground(LineStyler.colourOf("ann")).bold().inverse(), named.styleAt(0));
        assertEquals(AttributedStyle.DEFAULT.bold(), named.styleAt("ann: h".length()));
        AttributedString inAWord = LineStyler.style(Wire.render(Event.RoomEvent.chat("", "ann", "meet me_2")), "me");
        assertEquals(AttributedStyle.DEFAULT, inAWord.styleAt("ann: m".length()));
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
