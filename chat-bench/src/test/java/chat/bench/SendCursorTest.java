package chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendCursorTest {

    @Test
    void timetableHoldsEveryLineDueInsideTheWindow() {
        assertEquals(3000, RateSchedule.of(0, 1000, Duration.ofSeconds(3)).total());
        assertEquals(1, RateSchedule.of(0, 0.5, Duration.ofSeconds(1)).total());
        assertEquals(16, RateSchedule.of(0, 3, Duration.ofMillis(5100)).total());
    }

    @Test
    void aggregateLinesAreEvenlySpacedNotBursts() {
        RateSchedule lines = RateSchedule.of(1_000_000, 4000, Duration.ofSeconds(1));

        for (long k = 1; k < lines.total(); k++) {
            long gap = lines.dueNanos(k) - lines.dueNanos(k - 1);
            assertTrue(gap >= 249_999 && gap <= 250_001, "gap before line " + k + " was " + gap);
        }
        assertEquals(1_000_000, lines.dueNanos(0));
    }

    @Test
    void sendersAreStaggeredAcrossOneInterval() {
        // 4 senders at 1000 lines/s in all: each sends every 4 ms, sender s first at s ms.
        RateSchedule lines = RateSchedule.of(0, 1000, Duration.ofSeconds(1));
        SendCursor cursor = new SendCursor(4, 1, 0, lines.total());
        long[] firstDue = new long[4];
        long[] lastDue = new long[4];
        for (int i = 0; i < 8; i++) {
            int sender = cursor.sender();
            long due = lines.dueNanos(cursor.line());
            if (cursor.seq() == 0) {
                firstDue[sender] = due;
            } else {
                assertEquals(4_000_000, due - lastDue[sender], "sender " + sender + "'s interval");
            }
            lastDue[sender] = due;
            cursor.advance();
        }
        assertEquals(List.of(0L, 1_000_000L, 2_000_000L, 3_000_000L),
                List.of(firstDue[0], firstDue[1], firstDue[2], firstDue[3]));
    }

    @Test
    void loopsTogetherSendEveryLineOnceEachLoopInTimeOrder() {
        int senders = 7;
        int loops = 3;
        long total = 100;
        List<Long> all = new ArrayList<>();
        for (int loop = 0; loop < loops; loop++) {
            SendCursor cursor = new SendCursor(senders, loops, loop, total);
            long previous = -1;
            while (cursor.hasNext()) {
                long k = cursor.line();
                assertTrue(k > previous, "loop " + loop + " went back from " + previous + " to " + k);
                assertEquals(k % senders, cursor.sender());
                assertEquals(k / senders, cursor.seq());
                assertEquals(loop, SendCursor.loopOf(cursor.sender(), loops));
                all.add(k);
                previous = k;
                cursor.advance();
            }
        }
        Collections.sort(all);
        List<Long> expected = new ArrayList<>();
        for (long k = 0; k < total; k++) {
            expected.add(k);
        }
        assertEquals(expected, all);
    }

    @Test
    void aLoopWithoutSendersHasNothingToSend() {
        assertFalse(new SendCursor(1, 2, 1, 100).hasNext());
    }
}
