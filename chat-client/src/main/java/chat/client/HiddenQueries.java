package chat.client;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code /who} and {@code /rooms} the client sent on its own to keep completion current,
 * the {@code /token} it asks for to resume after a drop, and the {@code /tags on} that gives it
 * each line's time and place, whose answers are kept off the screen. The server answers one connection's commands in
 * order, so counting outstanding requests per kind is enough: the next answers of a kind, up
 * to the count, are ours. A {@code /who} the user types is shown, since it is not counted.
 *
 * <p>Threads: the link thread (after a welcome or a join) and the keyboard thread (Tab after
 * {@code /join}) both ask; the link thread consumes. Counters are atomic.
 */
public final class HiddenQueries {

    /** A query the client makes for itself. */
    public enum Kind {
        WHO("/who"), ROOMS("/rooms"), TOKEN("/token"), TAGS("/tags on");

        private final String command;

        Kind(String command) {
            this.command = command;
        }

        /** The line sent to the server. */
        public String command() {
            return command;
        }
    }

    /** Answers still owed to the client, per kind (never negative). */
    private final Map<Kind, AtomicInteger> owed = new EnumMap<>(Kind.class);

    public HiddenQueries() {
        for (Kind kind : Kind.values()) {
            owed.put(kind, new AtomicInteger());
        }
    }

    /** Counts a request about to be sent, so its answer is hidden even if it comes back at once. */
    public void expect(Kind kind) {
        counter(kind).incrementAndGet();
    }

    /** Takes back {@link #expect} for a request that could not be sent. */
    public void cancel(Kind kind) {
        counter(kind).updateAndGet(n -> Math.max(0, n - 1));
    }

    /** True if an answer of {@code kind} that just arrived was asked for by the client; counts it. */
    public boolean consume(Kind kind) {
        return counter(kind).getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    /** Forgets everything owed: a new connection owes nothing. */
    public void reset() {
        owed.values().forEach(n -> n.set(0));
    }

    private AtomicInteger counter(Kind kind) {
        return owed.get(kind);
    }
}
