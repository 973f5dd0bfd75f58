package chat.server.net;

/**
 * Flood control for one connection: up to {@code burst} lines at once, then {@code rate} lines
 * per second on average. Time is passed in (nanoseconds), so tests need no clock.
 *
 * <p>Reactor thread only. Invariant: {@code -burst <= tokens <= burst}: {@link #charge} may put
 * the bucket in debt (a command whose reply is large), repaid before the next line is allowed.
 */
final class TokenBucket {

    private final double burst;
    private final double tokensPerNano;
    /** Lines that may be taken now; refilled lazily from {@code refilledAt}. */
    private double tokens;
    /** The time {@code tokens} was last brought up to date. */
    private long refilledAt;

    TokenBucket(int burst, double linesPerSecond, long now) {
        if (burst < 1 || !(linesPerSecond > 0)) {
            throw new IllegalArgumentException("burst must be >= 1 and rate > 0, got " + burst + ", " + linesPerSecond);
        }
        this.burst = burst;
        this.tokensPerNano = linesPerSecond / 1e9;
        this.tokens = burst;
        this.refilledAt = now;
    }

    /** True if a line may be taken at {@code now}. */
    boolean hasToken(long now) {
        refill(now);
        return tokens >= 1;
    }

    /** Takes one line's worth; the caller checked {@link #hasToken}. */
    void take() {
        tokens -= 1;
    }

    /** Takes {@code lines} of allowance for work that is not a line (telnet commands, big replies). */
    void charge(double lines) {
        tokens = Math.max(-burst, tokens - lines);
    }

    /** Nanoseconds from {@code now} until a line may be taken (0 if one may be taken now). */
    long nanosUntilToken(long now) {
        refill(now);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / tokensPerNano);
    }

    private void refill(long now) {
        if (now > refilledAt) {
            tokens = Math.min(burst, tokens + (now - refilledAt) * tokensPerNano);
            refilledAt = now;
        }
    }
}
