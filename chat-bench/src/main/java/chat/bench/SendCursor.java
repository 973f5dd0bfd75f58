package chat.bench;

/**
 * Walks one event loop's share of a fan-out timetable in time order.
 *
 * <p>Line {@code k} of the aggregate timetable ({@link RateSchedule}) comes from sender {@code k
 * mod S} with sequence number {@code k div S}; so each sender sends every {@code S / rate}
 * seconds and the senders are staggered evenly across that interval: the room sees one line
 * every {@code 1 / rate} seconds, never a burst of S. Sender {@code s} lives on loop {@code s mod
 * L}. A loop's senders therefore fire in a fixed cycle, in ascending order once per round, and
 * the next line is found in constant time without a priority queue.
 *
 * <p>Owned by one event loop; its thread only.
 */
final class SendCursor {

    /** The senders this loop owns, ascending. */
    private final int[] senders;
    /** S, the number of senders in the whole run. */
    private final int senderCount;
    /** Lines in the whole timetable; the cursor is exhausted at the first line at or past it. */
    private final long totalLines;
    /** Index into {@link #senders} of the sender whose line is next. */
    private int position;
    /** The round of the next line, which is also its sequence number. */
    private long round;

    /**
     * @param senderCount S, senders in the run (at least 1)
     * @param loopCount   L, event loops (at least 1)
     * @param loopIndex   this loop, {@code 0 <= loopIndex < loopCount}
     * @param totalLines  lines in the timetable
     */
    SendCursor(int senderCount, int loopCount, int loopIndex, long totalLines) {
        if (senderCount < 1 || loopCount < 1 || loopIndex < 0 || loopIndex >= loopCount) {
            throw new IllegalArgumentException("bad cursor: senders " + senderCount + ", loops "
                    + loopCount + ", loop " + loopIndex);
        }
        int owned = senderCount > loopIndex ? (senderCount - loopIndex + loopCount - 1) / loopCount : 0;
        this.senders = new int[owned];
        for (int i = 0; i < owned; i++) {
            senders[i] = loopIndex + i * loopCount;
        }
        this.senderCount = senderCount;
        this.totalLines = totalLines;
    }

    /** The loop that owns sender {@code sender}. */
    static int loopOf(int sender, int loopCount) {
        return sender % loopCount;
    }

    /** True while this loop has lines left in the timetable. */
    boolean hasNext() {
        return senders.length > 0 && line() < totalLines;
    }

    /** The timetable index {@code k} of the next line. */
    long line() {
        return round * senderCount + senders[position];
    }

    /** The sender of the next line. */
    int sender() {
        return senders[position];
    }

    /** The sequence number of the next line. */
    long seq() {
        return round;
    }

    /** Moves past the next line. */
    void advance() {
        position++;
        if (position == senders.length) {
            position = 0;
            round++;
        }
    }
}
