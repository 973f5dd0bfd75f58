package chat.server.net;

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

    @Test
    void aChargeIsADebtRepaidBeforeTheNextLineButNeverMoreThanOneBurst() {
        TokenBucket bucket = new TokenBucket(2, 1, 0);
        bucket.charge(1000); // a flood of telnet commands: the debt stops at one burst
        assertFalse(bucket.hasToken(0));
        assertFalse(bucket.hasToken(2_500_000_000L), "2 of the 3 tokens owed came back in 2.5 s");
        assertTrue(bucket.hasToken(3_000_000_000L));
    }
}
