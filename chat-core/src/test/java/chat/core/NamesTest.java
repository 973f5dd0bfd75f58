package chat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void lettersOfAnyScriptDigitsUnderscoreAndDashAreValid() {
        for (String nick : new String[] {"ann", "小明", "नमस्ते", "Zoë", "x_1-y", "Ωμέγα", "a".repeat(24)}) {
            assertTrue(Names.nickProblem(nick).isEmpty(), nick);
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
    void defaultNamesAreReserved() {
        assertTrue(Names.nickProblem("user12").isPresent());
        assertTrue(Names.nickProblem("USER3").isPresent());
        assertTrue(Names.nickProblem("user").isEmpty());
        assertTrue(Names.nickProblem("userx1").isEmpty());
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
        assertEquals(Names.fold("STRASSE"), Names.fold("straße"));
    }
}
