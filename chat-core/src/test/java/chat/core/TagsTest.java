package chat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** IRCv3 message tags: escaping as the specification says, rendering, and reading back. */
class TagsTest {

    @Test
    void eachSpecialCharacterIsEscapedAsTheSpecificationSays() {
        assertEquals("a\\:b\\sc\\\\d\\re\\nf", Tags.escape("a;b c\\d\re\nf"));
    }

    @Test
    void aValueWithNothingToEscapeIsReturnedAsItIs() {
        String value = "2026-12-03T12:00:00.123Z";
        assertSame(value, Tags.escape(value), "no copy for the common case");
    }

    @Test
    void unescapingUndoesEachEscape() {
        assertEquals("a;b c\\d\re\nf", Tags.unescape("a\\:b\\sc\\\\d\\re\\nf"));
    }

    @Test
    void aBackslashBeforeAnyOtherCharacterIsDroppedAndSoIsOneAtTheEnd() {
        assertEquals("ab", Tags.unescape("\\ab"));
        assertEquals("ab", Tags.unescape("ab\\"));
    }

    @Test
    void renderWritesTagsInOrderWithTheirValuesEscapedAndOneSpaceAfter() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("kind", "leave");
        tags.put("reason", "quit: bye; see you");
        assertEquals("@kind=leave;reason=quit:\\sbye\\:\\ssee\\syou ", Tags.render(tags));
    }

    @Test
    void renderRefusesAKeyThatWouldNeedEscapingAndAnEmptySet() {
        assertThrows(IllegalArgumentException.class, () -> Tags.render(Map.of("a b", "x")));
        assertThrows(IllegalArgumentException.class, () -> Tags.render(Map.of("Kind", "x")));
        assertThrows(IllegalArgumentException.class, () -> Tags.render(Map.of()));
    }

    @Test
    void parseSplitsTheTagsFromTheLineAndUnescapesValues() {
        Tags.Parsed parsed = Tags.parse("@kind=topic;topic=a\\sb\\:c *** ann set the topic of #lobby: a b;c");
        assertEquals(Map.of("kind", "topic", "topic", "a b;c"), parsed.tags());
        assertEquals("*** ann set the topic of #lobby: a b;c", parsed.line());
        assertEquals("topic", parsed.get("kind"));
    }

    @Test
    void aLineWithoutTheMarkHasNoTags() {
        Tags.Parsed parsed = Tags.parse("ann: @kind=chat is not a tag here");
        assertEquals(Map.of(), parsed.tags());
        assertEquals("ann: @kind=chat is not a tag here", parsed.line());
    }

    @Test
    void aTagWithoutAValueIsEmptyAndOfARepeatedKeyTheLastCounts() {
        Tags.Parsed parsed = Tags.parse("@flag;a=1;a=2 rest");
        assertEquals("", parsed.get("flag"));
        assertEquals("2", parsed.get("a"));
        assertEquals("rest", parsed.line());
    }
}
