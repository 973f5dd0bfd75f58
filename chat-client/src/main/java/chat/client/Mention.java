package chat.client;

import java.util.regex.Pattern;

/**
 * Whether a chat line's text names someone: their nickname as a whole word, in any case.
 * {@code ann} is mentioned in "Ann, look", "thanks ann!" and "@ANN"; not in "annie" or
 * "joann": a nickname's own characters (letters, digits, {@code _} and {@code -}) on either
 * side make it part of a longer word.
 *
 * <p>Stateless.
 */
final class Mention {

    /** A character that could continue a nickname: a match next to one is inside another word. */
    private static final String NAME_CHAR = "[\\p{L}\\p{M}\\p{N}_-]";

    private Mention() {
    }

    /** True if {@code text} contains {@code nick} as a whole word, ignoring case; false for a null or empty nick. */
    static boolean of(String nick, String text) {
        if (nick == null || nick.isEmpty()) {
            return false;
        }
        // Case-insensitive search over the text as shown: Names.fold would also merge look-alikes
        // ("rn" and "m"), which is right for uniqueness but would ring for words that only look alike.
        Pattern word = Pattern.compile("(?<!" + NAME_CHAR + ")" + Pattern.quote(nick) + "(?!" + NAME_CHAR + ")",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return word.matcher(text).find();
    }
}
