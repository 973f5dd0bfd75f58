package chat.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of one kind of line, written once: literal text with labelled holes, such as
 * {@code "*** {who} joined #{room}"}. Each label names a {@link Slot} (from the vocabulary the
 * template is made with). Writing a line and matching one are both derived from the same parsed
 * parts (the literals, quoted, and the slots' expressions, in order), so what is written is
 * exactly what is matched.
 *
 * <p>Values go in and come out in the order of the holes. Literal braces cannot be written,
 * and no wire form needs them.
 *
 * <p>Immutable once made; safe from any thread.
 *
 * <p>Invariants: {@code literals.length == slots.length + 1}; capturing group {@code i + 1} of
 * {@link #pattern} is slot {@code i} (each slot's expression has exactly one group); labels are
 * unique within a template.
 */
final class Template {

    private final String source;
    private final Map<String, Slot> vocabulary;
    /** The text before, between and after the holes; "" where two meet. */
    private final String[] literals;
    private final String[] labels;
    private final Slot[] slots;
    /** The whole line: literals quoted, holes as their slots' expressions. */
    private final Pattern pattern;
    /** Roughly the length of a line, so writing one seldom grows the buffer. */
    private final int sizeHint;

    Template(String source, Map<String, Slot> vocabulary) {
        this.source = source;
        this.vocabulary = vocabulary;
        List<String> literals = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Slot> slots = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        int from = 0;
        for (int open; (open = source.indexOf('{', from)) >= 0; ) {
            int close = source.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '{' in " + source);
            }
            String label = source.substring(open + 1, close);
            Slot slot = vocabulary.get(label);
            if (slot == null || labels.contains(label)) {
                throw new IllegalArgumentException("unknown or repeated hole {" + label + "} in " + source);
            }
            if (Pattern.compile(slot.regex()).matcher("").groupCount() != 1) {
                throw new IllegalArgumentException("slot {" + label + "} must have one capturing group");
            }
            literals.add(source.substring(from, open));
            labels.add(label);
            slots.add(slot);
            regex.append(quote(source.substring(from, open))).append(slot.regex());
            from = close + 1;
        }
        literals.add(source.substring(from));
        regex.append(quote(source.substring(from)));
        this.literals = literals.toArray(String[]::new);
        this.labels = labels.toArray(String[]::new);
        this.slots = slots.toArray(Slot[]::new);
        // DOTALL: a text hole takes any character; the line end is not part of a line.
        this.pattern = Pattern.compile(regex.toString(), Pattern.DOTALL);
        this.sizeHint = source.length() + 16 * this.slots.length;
    }

    /**
     * A looser shape cut from this one: up to hole {@code label}, then a space and hole
     * {@code rest} (which the vocabulary must have), whatever the rest says.
     */
    Template through(String label, String rest) {
        String hole = "{" + label + "}";
        int end = source.indexOf(hole);
        if (end < 0) {
            throw new IllegalArgumentException("no hole " + hole + " in " + source);
        }
        return new Template(source.substring(0, end + hole.length()) + " {" + rest + "}", vocabulary);
    }

    /** The literal text every line of this shape begins with; "" if it begins with a hole. */
    String prefix() {
        return literals[0];
    }

    int sizeHint() {
        return sizeHint;
    }

    /** Appends the line with {@code values} in its holes, in order. */
    void write(StringBuilder out, Object... values) {
        if (values.length != slots.length) {
            throw new IllegalArgumentException(source + " has " + slots.length + " holes, not " + values.length);
        }
        out.append(literals[0]);
        for (int i = 0; i < slots.length; i++) {
            slots[i].write(values[i], out);
            out.append(literals[i + 1]);
        }
    }

    /** The values in the holes of {@code line}, if the whole line has this shape; else null. */
    Values match(String line) {
        if (!line.startsWith(literals[0])) {
            return null; // the usual miss, told without a matcher
        }
        Matcher m = pattern.matcher(line);
        return m.matches() ? read(m) : null;
    }

    /** True if {@code line} begins with this shape (and may go on after it). */
    boolean begins(String line) {
        return line.startsWith(literals[0]) && pattern.matcher(line).lookingAt();
    }

    private Values read(Matcher m) {
        Object[] values = new Object[slots.length];
        for (int i = 0; i < slots.length; i++) {
            values[i] = slots[i].read(m.group(i + 1));
            if (values[i] == null) {
                return null; // matched the pattern, but not a value the slot stands for
            }
        }
        return new Values(labels, values);
    }

    private static String quote(String literal) {
        return literal.isEmpty() ? "" : Pattern.quote(literal);
    }

    @Override
    public String toString() {
        return source;
    }

    /** What a line held in each hole, looked up by the hole's label. */
    static final class Values {

        private final String[] labels;
        private final Object[] values;

        private Values(String[] labels, Object[] values) {
            this.labels = labels;
            this.values = values;
        }

        /** The value in hole {@code label}, of the type its slot reads. */
        @SuppressWarnings("unchecked")
        <T> T get(String label) {
            int i = Arrays.asList(labels).indexOf(label);
            if (i < 0) {
                throw new IllegalArgumentException("no hole {" + label + "} in " + Arrays.toString(labels));
            }
            return (T) values[i];
        }
    }
}
