package chat.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import chat.core.Event.RoomEvent;
import org.junit.jupiter.api.Test;

/** One event for many receivers: each form made once and shared. */
class BroadcastTest {

    @Test
    void thePlainFormIsTheFrameGivenAndTheTaggedOneIsMadeOnceThenShared() {
        RoomEvent said = RoomEvent.chat("lobby", "ann", "hi").withSeq(3, 1000);
        byte[] plain = Wire.frame(said);
        Broadcast line = new Broadcast(said, plain);
        assertSame(plain, line.frame(false));
        byte[] tagged = line.frame(true);
        assertSame(tagged, line.tagged(), "rendered once, then the same array");
        assertArrayEquals(TaggedFrame.of(said, plain, 0), tagged, "a room event's tags do not depend on when it is sent");
    }
}
