package chat.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MentionTest {

    @ParameterizedTest
    @ValueSource(strings = {"ann", "Ann, look", "thanks ANN!", "@ann", "ask ann.", "(ann)", "ann:", "hi ann"})
    void theNickAsAWholeWordInAnyCaseIsAMention(String text) {
        assertTrue(Mention.of("ann", text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"annie", "joann", "ann_2", "ann-b", "ann2", "an n", "", "nothing here"})
    void theNickInsideALongerNameIsNot(String text) {
        assertFalse(Mention.of("ann", text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"你好小明", "小明你好"})
    void aNameNextToLettersOfAnotherScriptIsInsideAWord(String text) {
        assertFalse(Mention.of("小明", text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b", "x+y"})
    void aNickIsMatchedLiterallyNotAsAPattern(String nick) {
        assertTrue(Mention.of(nick, "hi " + nick));
        assertFalse(Mention.of(nick, "hi " + nick.replace(nick.charAt(1), 'q')));
    }

    @Test
    void noNickMentionsNothing() {
        assertFalse(Mention.of(null, "anything"));
        assertFalse(Mention.of("", "anything"));
    }
}
