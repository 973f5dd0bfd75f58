package chat.bench;

import static chat.bench.SequenceTracker.Arrival.DUPLICATE;
import static chat.bench.SequenceTracker.Arrival.IN_ORDER;
import static chat.bench.SequenceTracker.Arrival.REORDERED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SequenceTrackerTest {

    private final SequenceTracker tracker = new SequenceTracker();

    @Test
    void risingNumbersAreInOrderEvenWithGaps() {
        tracker.reset(1);

        assertEquals(IN_ORDER, tracker.record(0, 0));
        assertEquals(IN_ORDER, tracker.record(0, 1));
        assertEquals(IN_ORDER, tracker.record(0, 5), "a gap is loss or a late line, not disorder yet");
    }

    @Test
    void aNumberBelowTheHighestIsReorderedAndTheSameOneIsADuplicate() {
        tracker.reset(1);
        tracker.record(0, 0);
        tracker.record(0, 2);

        assertEquals(REORDERED, tracker.record(0, 1));
        assertEquals(DUPLICATE, tracker.record(0, 2));
        assertEquals(IN_ORDER, tracker.record(0, 3));
    }

    @Test
    void eachSenderIsTrackedOnItsOwn() {
        tracker.reset(2);
        tracker.record(0, 10);

        assertEquals(IN_ORDER, tracker.record(1, 0));
        assertEquals(REORDERED, tracker.record(0, 9));
    }

    @Test
    void resetForgetsTheLastRun() {
        tracker.reset(2);
        tracker.record(1, 100);
        tracker.reset(2);

        assertEquals(IN_ORDER, tracker.record(1, 0));
    }
}
