package chat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any string survives tag escaping, and any tags survive a tagged line, whatever the line says. */
class TagsPropertyTest {

    @Property
    void unescapeUndoesEscapeForAnyString(@ForAll String value) {
        assertEquals(value, Tags.unescape(Tags.escape(value)));
    }

    @Property
    void anEscapedValueHasNoSeparatorSpaceOrLineEnd(@ForAll String value) {
        String escaped = Tags.escape(value);
        assertTrue(escaped.indexOf(';') < 0 && escaped.indexOf(' ') < 0
                && escaped.indexOf('\r') < 0 && escaped.indexOf('\n') < 0, escaped);
    }

    @Property
    void tagsRenderedBeforeALineParseBackWithThatLine(@ForAll("special") String first, @ForAll String second,
            @ForAll("special") String line) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("kind", first);
        tags.put("x-2", second);
        Tags.Parsed parsed = Tags.parse(Tags.render(tags) + line);
        assertEquals(tags, parsed.tags());
        assertEquals(line, parsed.line());
    }

    /** Strings made mostly of the characters escaping is about. */
    @Provide
    Arbitrary<String> special() {
        return Arbitraries.strings().withChars("; \\\r\n:sa@=").ofMaxLength(20);
    }
}
