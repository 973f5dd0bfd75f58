package chat.bench;

import java.util.Arrays;

/**
 * One receiving connection's view of every sender's sequence numbers during a run: the highest
 * number seen so far from each. A chat server keeps each sender's lines in order for every
 * reader, so a number below the highest is a reordering and the same number again a duplicate.
 * Loss is not found here but by counting (expected minus received), because a gap may still be
 * filled by a late line.
 *
 * <p>Owned by one connection; its event loop's thread only.
 */
final class SequenceTracker {

    /** How a line's sequence number compares with what its receiver saw before. */
    enum Arrival { IN_ORDER, REORDERED, DUPLICATE }

    /** Highest sequence number seen per sender index; -1 before the first. Length = senders. */
    private long[] highest = new long[0];

    /** Forgets everything: a new run with this many senders begins. */
    void reset(int senders) {
        if (highest.length != senders) {
            highest = new long[senders];
        }
        Arrays.fill(highest, -1L);
    }

    /** Notes a line; {@code sender} must be below the count given to {@link #reset}. */
    Arrival record(int sender, long seq) {
        long before = highest[sender];
        if (seq > before) {
            highest[sender] = seq;
            return Arrival.IN_ORDER;
        }
        return seq == before ? Arrival.DUPLICATE : Arrival.REORDERED;
    }
}
