package chat.server.store;

/**
 * What history keeps: at most {@code lines} per room, of at most {@code rooms} rooms, each kept
 * until {@code maxAgeMillis} after its newest line ({@code --history}, {@code --history-rooms},
 * {@code --history-days}).
 */
public record Retention(int lines, int rooms, long maxAgeMillis) {

    public Retention {
        if (lines < 0 || rooms < 1 || maxAgeMillis < 1) {
            throw new IllegalArgumentException("retention needs lines >= 0, rooms >= 1 and an age > 0, got "
                    + lines + ", " + rooms + ", " + maxAgeMillis);
        }
    }
}
