package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void defaultStartsAtHalfASecondAndDoublesUpToTenSeconds() {
        long[] millis = IntStream.range(0, 8).mapToLong(n -> Backoff.DEFAULT.delay(n).toMillis()).toArray();
        assertEquals("[500, 1000, 2000, 4000, 8000, 10000, 10000, 10000]", java.util.Arrays.toString(millis));
    }

    @Test
    void manyFailedAttemptsStayAtTheMaximumWithoutOverflow() {
        Backoff backoff = new Backoff(Duration.ofMillis(1), Duration.ofMinutes(1));
        assertEquals(Duration.ofMinutes(1), backoff.delay(Integer.MAX_VALUE));
    }

    @Test
    void nonPositiveFirstOrMaximumBelowFirstIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> Backoff.DEFAULT.delay(-1));
    }
}
