package chat.client;

import java.time.Duration;

/**
 * How long to wait before each attempt to reach a server that went away: {@code first}, then
 * twice as long after each failed attempt, never more than {@code max}. Doubling keeps a
 * restarting server from being hammered while still noticing a quick restart within a second.
 *
 * @param first wait before the first attempt after a loss
 * @param max   longest wait between two attempts
 */
public record Backoff(Duration first, Duration max) {

    /** 0.5 s, 1 s, 2 s, 4 s, 8 s, then every 10 s. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10));

    public Backoff {
        if (first.isNegative() || first.isZero()) {
            throw new IllegalArgumentException("first must be positive, got " + first);
        }
        if (max.compareTo(first) < 0) {
            throw new IllegalArgumentException("max must be at least first (" + first + "), got " + max);
        }
    }

    /** The wait before attempt {@code attempt}, counting from 0 for the first attempt after a loss. */
    public Duration delay(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be at least 0, got " + attempt);
        }
        Duration wait = first;
        for (int i = 0; i < attempt && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) < 0 ? wait : max;
    }
}
