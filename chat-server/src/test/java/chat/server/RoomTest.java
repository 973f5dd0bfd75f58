package chat.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/** A room's fan-out, with members mocked at our own seam. */
class RoomTest {

    private final Room room = new Room("lobby", 2, ServerConfig.DEFAULT_HISTORY_BYTES, ZoneOffset.UTC);

    private static Member member(String nick) {
        Member member = mock(Member.class);
        when(member.nick()).thenReturn(nick);
        return member;
    }

    private static byte[] frame(String line) {
        return chat.core.Protocol.frame(line);
    }

    @Test
    void aLineIsEncodedOnceAndTheSameBytesGoToEveryMember() {
        Member ann = member("ann");
        Member bob = member("bob");
        room.enter(ann);
        room.enter(bob);
        room.say(frame("ann: hi"));
        ArgumentCaptor<byte[]> toAnn = ArgumentCaptor.forClass(byte[].class);
        ArgumentCaptor<byte[]> toBob = ArgumentCaptor.forClass(byte[].class);
        verify(ann, org.mockito.Mockito.atLeastOnce()).deliver(toAnn.capture());
        verify(bob, org.mockito.Mockito.atLeastOnce()).deliver(toBob.capture());
        byte[] last = toAnn.getValue();
        assertArrayEquals("ann: hi\r\n".getBytes(StandardCharsets.UTF_8), last);
        assertEquals(last, toBob.getValue(), "one array shared, not a copy per member");
    }

    @Test
    void newcomerGetsHistoryButNotItsOwnArrival() {
        Member ann = member("ann");
        room.enter(ann);
        room.say(frame("ann: one"));
        room.say(frame("ann: two"));
        room.say(frame("ann: three"));
        Member bob = member("bob");
        room.enter(bob);
        ArgumentCaptor<byte[]> toBob = ArgumentCaptor.forClass(byte[].class);
        verify(bob, org.mockito.Mockito.times(2)).deliver(toBob.capture());
        assertEquals(List.of("ann: two\r\n", "ann: three\r\n"), toBob.getAllValues().stream()
                .map(b -> new String(b, StandardCharsets.UTF_8).substring("[00:00] ".length())).toList());
        verify(ann).deliver("*** bob joined #lobby\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void leavingTellsTheOthersAndStopsDelivery() {
        Member ann = member("ann");
        Member bob = member("bob");
        room.enter(ann);
        room.enter(bob);
        room.leave(bob, "quit: bye");
        room.announce("*** after");
        InOrder order = inOrder(ann);
        order.verify(ann).deliver("*** bob left #lobby (quit: bye)\r\n".getBytes(StandardCharsets.UTF_8));
        order.verify(ann).deliver("*** after\r\n".getBytes(StandardCharsets.UTF_8));
        verify(bob, never()).deliver("*** after\r\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("ann"), room.nicks());
    }

    @Test
    void eachHistoryLineIsRenderedOnceAndSharedByEveryNewcomer() {
        Member ann = member("ann");
        room.enter(ann);
        room.say(frame("ann: hello"));
        Member bob = member("bob");
        Member cat = member("cat");
        room.enter(bob);
        room.enter(cat);
        ArgumentCaptor<byte[]> toBob = ArgumentCaptor.forClass(byte[].class);
        ArgumentCaptor<byte[]> toCat = ArgumentCaptor.forClass(byte[].class);
        verify(bob, org.mockito.Mockito.atLeastOnce()).deliver(toBob.capture());
        verify(cat, org.mockito.Mockito.atLeastOnce()).deliver(toCat.capture());
        assertEquals(toBob.getAllValues().get(0), toCat.getAllValues().get(0), "the same array, not a copy");
    }

    @Test
    void noHistoryMeansNothingIsReplayed() {
        Room quiet = new Room("quiet", 0, ServerConfig.DEFAULT_HISTORY_BYTES, ZoneOffset.UTC);
        Member ann = member("ann");
        quiet.enter(ann);
        quiet.say(frame("ann: unheard later"));
        Member bob = member("bob");
        quiet.enter(bob);
        verify(bob, never()).deliver(any());
    }

    @Test
    void historyKeepsAtMostItsBytesSoLongLinesEvictTheOldestSooner() {
        Room small = new Room("small", 50, 3120, ZoneOffset.UTC); // three ~510-byte lines, each counted twice
        Member ann = member("ann");
        small.enter(ann);
        for (int i = 0; i < 10; i++) {
            small.say(frame("ann: " + i + " " + "x".repeat(500)));
        }
        Member bob = member("bob");
        small.enter(bob);
        ArgumentCaptor<byte[]> replayed = ArgumentCaptor.forClass(byte[].class);
        verify(bob, atLeastOnce()).deliver(replayed.capture());
        List<String> lines = replayed.getAllValues().stream()
                .map(b -> new String(b, StandardCharsets.UTF_8)).toList();
        assertEquals(3, lines.size(), "three lines of ~510 bytes fit in 3,120 bytes (each counted twice)");
        assertTrue(lines.get(0).contains("ann: 7 "), "the newest are kept, oldest first: " + lines.get(0));
        assertTrue(lines.get(2).contains("ann: 9 "));
    }
}
