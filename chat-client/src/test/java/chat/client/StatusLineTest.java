package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StatusLineTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void saysWhoWhereHowManyAndTheLink() {
        StatusLine bar = new StatusLine();
        bar.link(StatusLine.Link.CONNECTING, "127.0.0.1:2020");
        assertEquals(" (no name yet) | connecting to 127.0.0.1:2020... ", bar.render(0).toString());
        bar.link(StatusLine.Link.CONNECTED, "127.0.0.1:2020");
        bar.place("ann", "lobby", 5);
        assertEquals(" ann | #lobby | 5 here | connected to 127.0.0.1:2020 ", bar.render(0).toString());
        bar.link(StatusLine.Link.RECONNECTING, "127.0.0.1:2021");
        assertEquals(" ann | #lobby | 5 here | reconnecting to 127.0.0.1:2021... ", bar.render(0).toString());
    }

    @Test
    void theLagIsThePingsRoundTripAndGrowsWhileAnAnswerIsLate() {
        StatusLine bar = new StatusLine();
        bar.link(StatusLine.Link.CONNECTED, "h:1");
        bar.place("ann", "lobby", 1);
        bar.pinged(1_000 * MS);
        assertTrue(bar.pingOut());
        assertFalse(bar.ponged(999 * MS, 1_003 * MS), "not the ping that is out");
        assertTrue(bar.ponged(1_000 * MS, 1_003 * MS));
        assertTrue(bar.render(2_000 * MS).toString().endsWith("| lag 3 ms "), bar.render(0).toString());

        bar.pinged(10_000 * MS);
        long late = 10_000 * MS + ChatSession.PING_EVERY.toNanos() + 2_500 * MS;
        assertTrue(bar.render(late).toString().endsWith("| lag 12 s "), "an unanswered ping shows its wait: "
                + bar.render(late));
        bar.link(StatusLine.Link.RECONNECTING, "h:1");
        assertFalse(bar.render(late).toString().contains("lag"), "no lag without a link");
        assertFalse(bar.pingOut(), "the ping's answer cannot come on a new connection");
    }

    @Test
    void lagIsShownInMillisecondsThenSeconds() {
        assertEquals("0 ms", StatusLine.lagText(0));
        assertEquals("999 ms", StatusLine.lagText(999 * MS));
        assertEquals("1.2 s", StatusLine.lagText(1_250 * MS));
        assertEquals("14 s", StatusLine.lagText(14_900 * MS));
    }
}
