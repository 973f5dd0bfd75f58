package chat.core;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One kind of line, defined once: its {@link Template}, which values of type {@code T} it is
 * the form of, and how such a value fills the template's holes and is made back from them.
 *
 * <p>Immutable; safe from any thread.
 *
 * @param <T> what the line stands for: an {@link Event}, or a part of one (a room list's entry)
 */
final class Form<T> {

    private final Class<T> type;
    private final Predicate<? super T> covers;
    private final Template template;
    private final Function<? super T, Object[]> holes;
    private final Function<Template.Values, ? extends T> make;

    /**
     * @param covers which values of {@code type} take this form (a room event's kind, say)
     * @param holes  a value's parts, in the order of the template's holes
     * @param make   the value from the holes of a matching line; null if the line is not one after all
     */
    Form(Class<T> type, Predicate<? super T> covers, Template template,
            Function<? super T, Object[]> holes, Function<Template.Values, ? extends T> make) {
        this.type = type;
        this.covers = covers;
        this.template = template;
        this.holes = holes;
        this.make = make;
    }

    /**
     * A form that only reads, in a looser {@code template}: it covers no value, so rendering
     * never picks it.
     */
    static <T> Form<T> readOnly(Class<T> type, Template template, Function<Template.Values, ? extends T> make) {
        return new Form<>(type, value -> false, template, value -> {
            throw new IllegalStateException(template + " is only read"); // not reached: covers nothing
        }, make);
    }

    Template template() {
        return template;
    }

    /** True if {@code value} is written in this form. */
    boolean covers(Object value) {
        return type.isInstance(value) && covers.test(type.cast(value));
    }

    /** Appends {@code value}'s line; the caller has checked {@link #covers}. */
    void write(Object value, StringBuilder out) {
        template.write(out, holes.apply(type.cast(value)));
    }

    /** {@code value}'s line. */
    String render(T value) {
        StringBuilder out = new StringBuilder(template.sizeHint());
        write(value, out);
        return out.toString();
    }

    /** What {@code line} stands for, if it has this form; else null. */
    T read(String line) {
        Template.Values values = template.match(line);
        return values == null ? null : make.apply(values);
    }

    @Override
    public String toString() {
        return type.getSimpleName() + " " + template;
    }
}
