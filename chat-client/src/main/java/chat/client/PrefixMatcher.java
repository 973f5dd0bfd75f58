package chat.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.LineReader;
import org.jline.reader.impl.CompletionMatcherImpl;

/**
 * JLine's candidate matching cut down to one rule: a candidate matches only if it starts with
 * the word typed (ignoring case when the reader does). JLine's default would fall back, when
 * nothing starts with the word, to candidates that contain it ({@code /msg o} → {@code bob}),
 * to camel-case humps, and to up to two typos ({@code /jx} → {@code /join}, {@code q} →
 * {@code carol:}), so Tab could replace what was typed. Here Tab only ever extends it, and
 * with nothing to extend it does nothing.
 *
 * <p>Threads: the keyboard thread, inside {@link LineReader#readLine}, like the reader that owns it.
 */
final class PrefixMatcher extends CompletionMatcherImpl {

    @Override
    protected void defaultMatchers(Map<LineReader.Option, Boolean> options, boolean prefix, CompletingParsedLine line,
            boolean caseInsensitive, int errors, String originalGroupName) {
        // With "prefix" (complete-prefix) only the part before the cursor counts, as in JLine.
        String word = prefix ? line.word().substring(0, line.wordCursor()) : line.word();
        String typed = caseInsensitive ? word.toLowerCase(Locale.ROOT) : word;
        Predicate<String> startsWithTyped =
                value -> (caseInsensitive ? value.toLowerCase(Locale.ROOT) : value).startsWith(typed);
        matchers = new ArrayList<>(List.of(simpleMatcher(startsWithTyped))); // JLine's own compile may add to it
        exact = value -> caseInsensitive ? value.equalsIgnoreCase(word) : value.equals(word);
    }
}
