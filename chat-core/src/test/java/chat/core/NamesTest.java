package chat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void lettersOfAnyScriptDigitsUnderscoreAndDashAreValid() {
        for (String nick : new String[] {"ann", "小明", "नमस्ते", "Zoë", "x_1-y", "Ωμέγα", "a".repeat(24),
                "José", "bob_2", "Ünal", "Владимир", "محمد", "日本語", "cat-9", "user", "한국어", "小明abc",
                "ΣΊΣΥΦΟΣ", "Ελληνικά", "日本語カタカナ", "میرزا"}) {
            assertTrue(Names.nickProblem(nick).isEmpty(), nick + ": " + Names.nickProblem(nick));
            assertTrue(Names.roomProblem(nick).isEmpty(), nick + ": " + Names.roomProblem(nick));
        }
    }

    @Test
    void invalidNicksGetASentenceSayingWhy() {
        assertEquals("A nickname cannot be empty.", Names.nickProblem("").orElseThrow());
        assertTrue(Names.nickProblem("a".repeat(25)).orElseThrow().contains("at most 24"));
        assertTrue(Names.nickProblem("ann!").orElseThrow().contains("letters, digits, _ and -"));
        assertTrue(Names.nickProblem("a b").orElseThrow().contains("not a valid nickname"));
        assertTrue(Names.nickProblem("\u0301a").orElseThrow().contains("combining mark"));
    }

    @Test
    void controlCharactersInARejectedNameAreShownHarmlessly() {
        String problem = Names.nickProblem("x\u001b[2J").orElseThrow();
        assertTrue(problem.contains("x^[[2J"), problem);
    }

    @Test
    void invisibleAndBlankLookingCharactersAreRefused() {
        for (String nick : new String[] {"a\u034fnn", "ann\ufe0f", "a\u180bnn", "a\u200bnn", "a\u2060nn",
                "\ufeffann", "ann\udb40\udc41", "a\u200dnn", "a\u00adnn", "\u3164", "ann\u3164", "ann\uffa0",
                "\u115f", "ann\u1160"}) {
            String problem = Names.nickProblem(nick).orElseThrow(() -> new AssertionError(nick));
            assertTrue(problem.contains("invisible character"), problem);
            assertTrue(Names.roomProblem(nick).isPresent(), nick);
        }
    }

    @Test
    void mixedScriptLookAlikesAreRefusedNamingTheScripts() {
        String problem = Names.nickProblem("\u0430nn").orElseThrow(); // Cyrillic а + Latin nn
        assertEquals("\"\u0430nn\" mixes Cyrillic and Latin characters: write a name in one script.", problem);
        assertTrue(Names.nickProblem("us\u0435r5").isPresent(), "Cyrillic е");
        assertTrue(Names.nickProblem("p\u0430ypal").isPresent());
        assertTrue(Names.roomProblem("l\u043ebby").isPresent(), "Cyrillic о in a room name");
    }

    @Test
    void charactersOutsideTheIdentifierSetAreRefusedByName() {
        assertEquals("\"\u01c3nn\" contains \u01c3 (U+01C3), which is not used in names; pick another.",
                Names.nickProblem("\u01c3nn").orElseThrow()); // LATIN LETTER RETROFLEX CLICK, looks like !
        assertTrue(Names.nickProblem("\u0251nn").orElseThrow().contains("U+0251")); // Latin alpha
        assertTrue(Names.nickProblem("\u13aann").isPresent()); // Cherokee Ꭺ
        assertTrue(Names.roomProblem("dev\u01c3").isPresent());
    }

    @Test
    void fullwidthAndStyledLettersAreRefused() {
        for (String nick : new String[] {"\uff41\uff4e\uff4e", "\ud835\udc1a\ud835\udc27\ud835\udc27", "\ufb01x"}) {
            String problem = Names.nickProblem(nick).orElseThrow(() -> new AssertionError(nick));
            assertTrue(problem.contains("fullwidth or styled"), problem);
            assertTrue(Names.roomProblem(nick).isPresent(), nick);
        }
    }

    @Test
    void fullwidthAndStyledLettersWouldCollideWithThePlainNameAnyway() {
        assertEquals(Names.fold("ann"), Names.fold("\uff41\uff4e\uff4e"));
        assertEquals(Names.fold("ann"), Names.fold("\ud835\udc1a\ud835\udc27\ud835\udc27"));
    }

    @Test
    void digitsFromTwoSystemsAreRefused() {
        assertTrue(Names.nickProblem("a\u0661\u06f1").isPresent()); // Arabic-Indic and Extended Arabic-Indic one
    }

    @Test
    void defaultNamesAreReserved() {
        assertTrue(Names.nickProblem("user12").isPresent());
        assertTrue(Names.nickProblem("USER3").isPresent());
        assertTrue(Names.nickProblem("user").isEmpty());
        assertTrue(Names.nickProblem("userx1").isEmpty());
        assertEquals("Names like user12 are kept for new users; pick another.", Names.nickProblem("user12").orElseThrow());
    }

    @Test
    void namesThatLookLikeDefaultNamesAreReservedOrRefused() {
        for (String nick : new String[] {"userO", "userl", "user1O", "Userlo", "user\uff15", "user\u0665", "us\u0435r5"}) {
            assertTrue(Names.nickProblem(nick).isPresent(), nick);
        }
        assertTrue(Names.nickProblem("userO").orElseThrow().contains("kept for new users"));
        assertTrue(Names.nickProblem("userl").orElseThrow().contains("kept for new users"));
        assertEquals(Names.fold(Names.defaultNick(10)), Names.fold("userlO"));
    }

    @Test
    void reservationIsForNicknamesOnly() {
        assertTrue(Names.roomProblem("user5").isEmpty());
    }

    @Test
    void decomposedAndComposedFormsAreOneName() {
        String composed = "jos\u00e9";
        String decomposed = "jose\u0301";
        assertEquals(composed, Names.normalize(decomposed));
        assertEquals(Names.fold(composed), Names.fold(decomposed));
        assertTrue(Names.nickProblem(decomposed).isEmpty());
        assertTrue(Names.roomProblem(decomposed).isEmpty());
        assertEquals(Names.fold("Zo\u00eb"), Names.fold("zoe\u0308"));
    }

    @Test
    void normalizeReturnsAsciiAsIs() {
        String ann = "ann";
        assertSame(ann, Names.normalize(ann));
    }

    @Test
    void roomNamesAllowUpTo32AndTheHashIsOptional() {
        assertEquals("dev", Names.stripHash("#dev"));
        assertEquals("dev", Names.stripHash("dev"));
        assertTrue(Names.roomProblem("a".repeat(32)).isEmpty());
        assertTrue(Names.roomProblem("a".repeat(33)).isPresent());
        assertTrue(Names.roomProblem("#dev").isPresent(), "only one leading # is stripped, by the caller");
    }

    @Test
    void foldingIgnoresCase() {
        assertEquals(Names.fold("Ann"), Names.fold("aNN"));
        assertEquals(Names.fold("ann"), Names.fold("ANN"));
        assertEquals(Names.fold("STRASSE"), Names.fold("straße"));
        assertEquals(Names.fold("ΣΊΣΥΦΟΣ"), Names.fold("σίσυφος"));
        assertEquals(Names.fold("ÜNAL"), Names.fold("ünal"));
    }

    @Test
    void lookAlikeNamesShareAKey() {
        assertEquals(Names.fold("ann"), Names.fold("\u0430nn"), "Cyrillic а");
        assertEquals(Names.fold("user5"), Names.fold("us\u0435r5"), "Cyrillic е");
        assertEquals(Names.fold("ann"), Names.fold("\u0251nn"), "Latin alpha");
        assertEquals(Names.fold("lobby"), Names.fold("l\u043ebby"), "Cyrillic о");
        assertEquals(Names.fold("m"), Names.fold("rn"));
        assertEquals(Names.fold("bill"), Names.fold("bi11"));
        assertEquals(Names.fold("bob"), Names.fold("b0b"));
        assertEquals(Names.fold("bob"), Names.fold("BOB"));
    }

    @Test
    void differentNamesKeepDifferentKeys() {
        assertNotEquals(Names.fold("ann"), Names.fold("bob"));
        assertNotEquals(Names.fold("user5"), Names.fold("user6"));
        assertNotEquals(Names.fold("ian"), Names.fold("lan"), "I and l are not merged: see fold");
        assertNotEquals(Names.fold("小明"), Names.fold("小月"));
    }

    @Test
    void plainLowerCaseAsciiIsItsOwnKey() {
        String bob = "bob_2-x";
        assertSame(bob, Names.fold(bob));
        assertEquals("user5", Names.fold("user5"));
        assertEquals(Names.fold("ann"), Names.fold(Names.fold("ANN")), "a key folds to itself");
    }
}
