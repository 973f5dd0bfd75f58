package chat.core;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import com.ibm.icu.text.UnicodeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for nicknames and room names, shared by the server (which enforces them) and the
 * client (which completes them). The aim is that a name cannot impersonate another one: two
 * names a reader could mistake for each other are either refused or have the same {@link #fold}
 * key, following Unicode UTS #39 (Security Mechanisms) through ICU4J.
 *
 * <p>A name is first put in NFC ({@link #normalize}); callers validate and store that form, so
 * {@code jose}+U+0301 and {@code josé} are one name. A nickname is then 1–24 characters, a room
 * name 1–32 (written with an optional leading {@code #}, see {@link #stripHash}), and either is
 * refused if it
 * <ul>
 *   <li>contains an invisible character: a default-ignorable code point (ZWSP, WJ, BOM, CGJ,
 *       variation selectors, tags...) or a blank-looking Hangul filler;
 *   <li>starts with a combining mark, or has anything but letters of any script (with their
 *       marks), digits, {@code _} and {@code -};
 *   <li>is not in NFKC: fullwidth ({@code ａｎｎ}) and styled ({@code 𝐚𝐧𝐧}) letters;
 *   <li>uses a character outside UTS #39's recommended identifier set (plus {@code -}), such
 *       as {@code ǃ} U+01C3, which looks like {@code !}, or {@code ɑ};
 *   <li>fails UTS #39's highly restrictive level: it mixes scripts, except Latin with
 *       Han/Kana, Han/Bopomofo or Han/Hangul ({@code аnn} with a Cyrillic {@code а}); or mixes
 *       digit systems; or repeats a combining mark.
 * </ul>
 * Nicknames whose key is that of a default name ({@code user<number>}) are reserved, which
 * also covers look-alikes such as {@code USER5}, {@code userO} or {@code userl}.
 *
 * <p>Stateless and safe from any thread: the ICU checker and normalisers are immutable. ICU's
 * data loads on first use of a non-ASCII name (see {@link Unicode}), not with this class.
 */
public final class Names {

    public static final int MAX_NICK_CHARS = 24;
    public static final int MAX_ROOM_CHARS = 32;
    /** The room everyone starts in. */
    public static final String LOBBY = "lobby";

    /**
     * The keys of default names: {@code user} and the fold of digits (0 folds to {@code o},
     * 1 to {@code l}), so a name that merely looks like a default name is reserved too.
     */
    private static final Pattern DEFAULT_KEY = Pattern.compile("user[lo2-9]+");

    private Names() {
    }

    /** The default name of connection {@code id}, such as {@code user7}. */
    public static String defaultNick(long id) {
        return "user" + id;
    }

    /**
     * {@code name} in Unicode NFC, the form in which names are validated, stored and shown:
     * callers check {@code nickProblem(normalize(name))} and keep {@code normalize(name)}.
     * The same instance for ASCII.
     */
    public static String normalize(String name) {
        return isAscii(name) ? name : Unicode.NFC.normalize(name);
    }

    /**
     * Why {@code nick} cannot be a nickname (a sentence for the user), or empty if it can. The
     * rules apply to {@code normalize(nick)}.
     */
    public static Optional<String> nickProblem(String nick) {
        return problem(nick, "nickname", MAX_NICK_CHARS).or(() -> isReserved(nick)
                ? Optional.of("Names like " + TextSanitizer.sanitize(nick) + " are kept for new users; pick another.")
                : Optional.empty());
    }

    /** Why {@code room} (without its optional '#') cannot be a room name, or empty if it can. */
    public static Optional<String> roomProblem(String room) {
        return problem(room, "room name", MAX_ROOM_CHARS);
    }

    /** A room name as typed, without its optional leading '#'. */
    public static String stripHash(String room) {
        return room.startsWith("#") ? room.substring(1) : room;
    }

    /**
     * The key under which names are compared for uniqueness: equal for names that differ only
     * in case, in normalisation, or by look-alike characters. It is the UTS #39 confusable
     * skeleton of the NFKC-case-folded name, case-folded again because skeletons map some
     * characters to capitals ({@code 0} to {@code O}).
     *
     * <p>So {@code Ann}, {@code ANN} and a Cyrillic {@code аnn} all have the key of {@code ann};
     * and, deliberately, so do pairs plain ASCII allows: {@code rn} and {@code m}, {@code 1},
     * {@code l} and {@code |}, {@code 0} and {@code O}. Capital {@code I} and {@code l} are not
     * merged: case folding comes first (as UTS #39 asks for case-insensitive identifiers), and
     * merging {@code I} with {@code l} would then merge {@code i} with {@code l} as well.
     *
     * <p>The key is only ever compared, never shown. Lower-case ASCII names without {@code m},
     * {@code 0} or {@code 1} are their own key: no copy, no ICU.
     */
    public static String fold(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean keyAsIs = (c >= 'a' && c <= 'z' && c != 'm') || (c >= '2' && c <= '9') || c == '_' || c == '-';
            if (!keyAsIs) {
                return Unicode.fold(name);
            }
        }
        return name; // the common case
    }

    /**
     * Loads the Unicode tables the name rules use (a few megabytes read from ICU's jar, a tenth
     * of a second) now, rather than on the first name folded: a server calls this before it
     * listens, so its event loop never reads a jar while users wait.
     */
    public static void loadTables() {
        Unicode.fold("user1");
    }

    /** True if {@code c} may appear in a name after its first character. */
    public static boolean isNameCodePoint(int c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || isMark(c);
    }

    private static Optional<String> problem(String typed, String what, int maxChars) {
        if (typed.isEmpty()) {
            return Optional.of("A " + what + " cannot be empty.");
        }
        String name = normalize(typed);
        String shown = TextSanitizer.sanitize(name);
        int count = name.codePointCount(0, name.length());
        if (count > maxChars) {
            return Optional.of("\"" + shown + "\" is too long: a " + what + " has at most " + maxChars
                    + " characters.");
        }
        // Before the character check: marks such as U+034F and U+FE0F would pass it, and the
        // user deserves to know why a name that looks fine is refused.
        if (name.codePoints().anyMatch(Names::isInvisible)) {
            return Optional.of("\"" + shown + "\" contains an invisible character: use letters, digits, _ and - only.");
        }
        if (isMark(name.codePointAt(0))) {
            return Optional.of("\"" + shown + "\" cannot start with a combining mark.");
        }
        if (!name.codePoints().allMatch(Names::isNameCodePoint)) {
            return Optional.of("\"" + shown + "\" is not a valid " + what
                    + ": use letters, digits, _ and - only.");
        }
        if (isAscii(name)) {
            return Optional.empty(); // ASCII letters, digits, _ and -: nothing below can fail
        }
        return Unicode.lookAlikeProblem(name, shown);
    }

    private static boolean isReserved(String nick) {
        return DEFAULT_KEY.matcher(fold(nick)).matches()
                || DEFAULT_KEY.matcher(fold(asciiDigits(nick))).matches();
    }

    /** {@code name} with every decimal digit of any script replaced by its ASCII digit. */
    private static String asciiDigits(String name) {
        if (isAscii(name)) {
            return name;
        }
        StringBuilder ascii = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            int digit = UCharacter.digit(c, 10);
            if (digit >= 0) {
                ascii.append((char) ('0' + digit));
            } else {
                ascii.appendCodePoint(c);
            }
        });
        return ascii.toString();
    }

    private static boolean isInvisible(int c) {
        // The Hangul fillers are default-ignorable already; named too because they are letters
        // (Lo) that render as blank, the classic way to make an "empty" name.
        return c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0
                || UCharacter.hasBinaryProperty(c, UProperty.DEFAULT_IGNORABLE_CODE_POINT);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /**
     * The ICU objects, in a holder so that their data (a few hundred KB of confusables and
     * normalisation tables) loads when the first non-ASCII or look-alike-prone name needs it.
     */
    private static final class Unicode {

        static final Normalizer2 NFC = Normalizer2.getNFCInstance();
        static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
        static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

        /** UTS #39's recommended identifier characters; '-' added because names have always allowed it. */
        static final UnicodeSet ALLOWED = new UnicodeSet(SpoofChecker.RECOMMENDED).add('-').freeze();

        static final SpoofChecker CHECKER = new SpoofChecker.Builder()
                .setAllowedChars(ALLOWED)
                .setRestrictionLevel(SpoofChecker.RestrictionLevel.HIGHLY_RESTRICTIVE)
                .setChecks(SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.CHAR_LIMIT
                        | SpoofChecker.MIXED_NUMBERS | SpoofChecker.INVISIBLE)
                .build();

        static String fold(String name) {
            return NFKC_CASEFOLD.normalize(CHECKER.getSkeleton(NFKC_CASEFOLD.normalize(name)));
        }

        /** Why the NFC, letters-digits-_-and-only {@code name} could pass for another, or empty. */
        static Optional<String> lookAlikeProblem(String name, String shown) {
            if (!NFKC.isNormalized(name)) {
                return Optional.of("\"" + shown + "\" uses fullwidth or styled characters: write it with ordinary letters and digits.");
            }
            SpoofChecker.CheckResult result = new SpoofChecker.CheckResult();
            if (!CHECKER.failsChecks(name, result)) {
                return Optional.empty();
            }
            // CHAR_LIMIT first: a character outside the identifier set also lowers the
            // restriction level, and naming the character is the more useful answer.
            if ((result.checks & SpoofChecker.CHAR_LIMIT) != 0) {
                int c = name.codePoints().filter(cp -> !ALLOWED.contains(cp)).findFirst().orElseThrow();
                return Optional.of("\"" + shown + "\" contains " + new String(Character.toChars(c))
                        + " (U+" + String.format("%04X", c) + "), which is not used in names; pick another.");
            }
            if ((result.checks & SpoofChecker.RESTRICTION_LEVEL) != 0) {
                return Optional.of("\"" + shown + "\" mixes " + String.join(" and ", scripts(name))
                        + " characters: write a name in one script.");
            }
            if ((result.checks & SpoofChecker.MIXED_NUMBERS) != 0) {
                return Optional.of("\"" + shown + "\" mixes digits of different kinds: use one kind.");
            }
            return Optional.of("\"" + shown + "\" repeats a combining mark: write each mark once.");
        }

        /** The scripts of {@code name}, in order of appearance, ignoring Common and Inherited. */
        private static List<String> scripts(String name) {
            List<String> scripts = new ArrayList<>();
            name.codePoints().map(UScript::getScript)
                    .filter(s -> s != UScript.COMMON && s != UScript.INHERITED)
                    .distinct()
                    .forEach(s -> scripts.add(UScript.getName(s)));
            return scripts;
        }
    }
}
