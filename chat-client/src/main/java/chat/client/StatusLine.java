package chat.client;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * What the bar at the bottom of the terminal says: who I am, where, with how many, whether the
 * link is up and how slow it is.
 *
 * <pre>
 *   ann | #lobby | 5 here | connected to 127.0.0.1:2020 | lag 3 ms
 *   ann | #lobby | 5 here | reconnecting to 127.0.0.1:2021...
 * </pre>
 *
 * <p>Lag is the round trip of the client's last {@code /ping} ({@link ChatSession} sends one
 * every {@link ChatSession#PING_EVERY}); while one is unanswered for longer than that, the bar
 * shows how long it has waited, growing, as irssi does: a link that has gone quiet shows up as
 * a lag that climbs before the connection is given up.
 *
 * <p>Threads: the link thread and the session's ticker both change it; every method is
 * synchronized, and {@link #render} returns an immutable line.
 */
final class StatusLine {

    /** Where the link is. */
    enum Link { CONNECTING, CONNECTED, RECONNECTING }

    static final AttributedStyle BAR = AttributedStyle.INVERSE;
    private static final String BETWEEN = " | ";

    private String nick;
    private String room;
    private int here;
    private Link link = Link.CONNECTING;
    private String server = "";
    /** The last round trip measured, in nanoseconds; -1 before the first. */
    private long lagNanos = -1;
    /** {@link System#nanoTime} when the unanswered ping was sent; 0 while none is out. */
    private long pingSentNanos;

    synchronized void place(String nick, String room, int here) {
        this.nick = nick;
        this.room = room;
        this.here = here;
    }

    synchronized void link(Link link, String server) {
        this.link = link;
        this.server = server;
        if (link != Link.CONNECTED) {
            pingSentNanos = 0; // an answer can no longer come on the connection it was sent on
        }
    }

    /** A ping went out at {@code sentNanos}. */
    synchronized void pinged(long sentNanos) {
        pingSentNanos = sentNanos;
    }

    /** True while a ping is unanswered. */
    synchronized boolean pingOut() {
        return pingSentNanos != 0;
    }

    /**
     * The answer to the ping sent at {@code sentNanos} came at {@code nowNanos}; false if that is
     * not the ping that is out (someone typed {@code /ping lag-5}).
     */
    synchronized boolean ponged(long sentNanos, long nowNanos) {
        if (pingSentNanos == 0 || sentNanos != pingSentNanos) {
            return false;
        }
        lagNanos = nowNanos - sentNanos;
        pingSentNanos = 0;
        return true;
    }

    /** The bar as it stands at {@code nowNanos}. */
    synchronized AttributedString render(long nowNanos) {
        AttributedStringBuilder out = new AttributedStringBuilder(80).style(BAR);
        out.append(' ').append(nick == null ? "(no name yet)" : nick);
        if (room != null) {
            out.append(BETWEEN).append('#').append(room).append(BETWEEN).append(Integer.toString(here)).append(" here");
        }
        out.append(BETWEEN);
        switch (link) {
            case CONNECTING -> out.append("connecting to ").append(server).append("...");
            case CONNECTED -> out.append("connected to ").append(server);
            case RECONNECTING -> out.style(BAR.bold()).append("reconnecting to ").append(server).append("...").style(BAR);
        }
        long lag = shownLag(nowNanos);
        if (link == Link.CONNECTED && lag >= 0) {
            out.append(BETWEEN).append("lag ").append(lagText(lag));
        }
        return out.append(' ').toAttributedString();
    }

    /** The lag to show: the last one measured, or the wait for the unanswered ping if that is longer. */
    private long shownLag(long nowNanos) {
        long waiting = pingSentNanos == 0 ? -1 : nowNanos - pingSentNanos;
        return Math.max(lagNanos, waiting > ChatSession.PING_EVERY.toNanos() ? waiting : -1);
    }

    /** {@code 3 ms}, {@code 250 ms}, {@code 1.2 s}, {@code 14 s}. */
    static String lagText(long nanos) {
        long millis = nanos / 1_000_000;
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 10_000) {
            return (millis / 1_000) + "." + (millis % 1_000) / 100 + " s";
        }
        return (millis / 1_000) + " s";
    }
}
