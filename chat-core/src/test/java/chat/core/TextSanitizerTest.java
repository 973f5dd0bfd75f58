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

    @Test
    void invisibleFormattingCharactersAreRemoved() {
        assertEquals("hidden", TextSanitizer.sanitize("hid\u200bd\u2060e\ufeffn\u00ad\u034f\u180b"));
        assertEquals("tag", TextSanitizer.sanitize("tag\udb40\udc41\udb40\udc7f")); // tag characters, no flag
    }

    @Test
    void whatScriptsAndEmojiNeedIsKept() {
        String family = "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67"; // 👨‍👩‍👧, joined by ZWJ
        String heart = "\u2764\ufe0f"; // ❤️ with its emoji variation selector
        String persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"; // می‌خواهم, with ZWNJ
        String scotland = "\ud83c\udff4\udb40\udc67\udb40\udc62\udb40\udc73\udb40\udc63\udb40\udc74\udb40\udc7f";
        for (String text : new String[] {family, heart, persian, scotland}) {
            assertEquals(text, TextSanitizer.sanitize(text));
        }
        assertEquals("x", TextSanitizer.sanitize("\ufe0fx"), "a variation selector after nothing shows nothing");
    }

    @Test
    void runsOfWhiteSpaceCollapseSoPaddingCannotFakeARow() {
        String padded = "hi" + " ".repeat(80) + "*** ann left #lobby (quit)";
        assertEquals("hi *** ann left #lobby (quit)", TextSanitizer.sanitize(padded));
        assertEquals("a b c d", TextSanitizer.sanitize("a\u3000\u3000b\u00a0 c\u2028d"));
        assertEquals("a b", TextSanitizer.sanitize("a\u3164\uffa0b"), "Hangul fillers look blank, so count as blank");
        assertEquals(" a b", TextSanitizer.sanitize("  \t a\t\tb"));
    }

    @Test
    void plainChatExcludesRunsOfSpacesSoTheyTakeTheSanitisingPath() {
        byte[] single = "one space each".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] doubled = "two  spaces".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        org.junit.jupiter.api.Assertions.assertTrue(Command.isPlainChat(single, 0, single.length));
        org.junit.jupiter.api.Assertions.assertFalse(Command.isPlainChat(doubled, 0, doubled.length));
    }
}
