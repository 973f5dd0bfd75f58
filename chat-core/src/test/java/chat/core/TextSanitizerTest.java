package chat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TextSanitizerTest {

    @Test
    void ordinaryTextIsReturnedAsIs() {
        String text = "hello 你好 😀 café";
        assertSame(text, TextSanitizer.sanitize(text));
    }

    @Test
    void escapeSequencesAreShownNotObeyed() {
        assertEquals("^[[2J^[[31mred", TextSanitizer.sanitize("\u001b[2J\u001b[31mred"));
    }

    @Test
    void otherC0ControlsAndDelUseCaretNotation() {
        assertEquals("^@^G^H^M^?x", TextSanitizer.sanitize("\u0000\u0007\b\r\u007fx"));
    }

    @Test
    void tabBecomesASpace() {
        assertEquals("a b", TextSanitizer.sanitize("a\tb"));
    }

    @Test
    void c1ControlsAreRemoved() {
        assertEquals("ab", TextSanitizer.sanitize("a\u0085\u009bb"));
    }

    @Test
    void bidiOverridesAndIsolatesAreRemoved() {
        assertEquals("evil.exe", TextSanitizer.sanitize("evil\u202e.exe\u202a\u202c\u2066\u2069"));
    }
}
