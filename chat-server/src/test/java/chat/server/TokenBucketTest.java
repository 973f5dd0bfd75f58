package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsABurstThenTheRate() {
        TokenBucket bucket = new TokenBucket(3, 2, 0);
        for (int i = 0; i < 3; i++) {
            assertTrue(bucket.hasToken(0));
            bucket.take();
        }
        assertFalse(bucket.hasToken(0));
        assertEquals(SECOND / 2, bucket.nanosUntilToken(0));
        assertTrue(bucket.hasToken(SECOND / 2));
    }

    @Test
    void neverSavesMoreThanTheBurst() {
        TokenBucket bucket = new TokenBucket(2, 10, 0);
        int taken = 0;
        while (bucket.hasToken(100 * SECOND)) {
            bucket.take();
            taken++;
        }
        assertEquals(2, taken);
    }
}
