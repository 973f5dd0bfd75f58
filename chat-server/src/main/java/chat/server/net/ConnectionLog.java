package chat.server.net;

import chat.server.chat.User;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * The log of connections coming and going: one line per connect and per disconnect, up to
 * {@link #LINES_PER_SECOND} of each per second; past that, the rest of the second is counted and
 * told in one summary line. A connection storm (or an attack) then costs a line a second
 * instead of two per connection: log lines cost CPU and memory on the reactor, and disk.
 *
 * <p>Reactor thread only.
 */
final class ConnectionLog {

    /** Lines of each kind logged one by one per second. */
    static final int LINES_PER_SECOND = 100;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final Logger log;
    /** Start of the current one-second window. */
    private long windowStart;
    /** Connects logged in this window. */
    private int connectsLogged;
    /** Disconnects logged in this window. */
    private int disconnectsLogged;
    /** Connects not logged one by one since the last summary. */
    private int connectsUnlogged;
    /** Disconnects not logged one by one since the last summary. */
    private int disconnectsUnlogged;
    /** Connections refused (at a limit) in this window; logged one by one up to the cap. */
    private int refusedLogged;
    /** Refusals not logged one by one since the last summary. */
    private int refusedUnlogged;

    ConnectionLog(Logger log, long now) {
        this.log = log;
        this.windowStart = now;
    }

    void connected(User user, long now) {
        roll(now);
        if (connectsLogged < LINES_PER_SECOND) {
            connectsLogged++;
            log.info("connect {} from {}", user, user.address());
        } else {
            connectsUnlogged++;
        }
    }

    void disconnected(User user, String why, long now) {
        roll(now);
        if (disconnectsLogged < LINES_PER_SECOND) {
            disconnectsLogged++;
            long seconds = (System.currentTimeMillis() - user.connectedAtMillis()) / 1000;
            log.info("disconnect {} from {} after {}s: {}", user, user.address(), seconds, why);
        } else {
            disconnectsUnlogged++;
        }
    }

    int connectsUnlogged() {
        return connectsUnlogged;
    }

    int connectsLogged() {
        return connectsLogged;
    }

    /** {@code why}: which limit refused it, such as {@code server full} or {@code per-address limit}. */
    void refused(java.net.SocketAddress from, String why, long now) {
        roll(now);
        if (refusedLogged < LINES_PER_SECOND) {
            refusedLogged++;
            log.info("refused {}: {}", from, why);
        } else {
            refusedUnlogged++;
        }
    }

    /** Once a second (a reactor timer): the summary of what was not logged one by one, if anything. */
    void summarize(long now) {
        roll(now);
    }

    private void roll(long now) {
        if (now - windowStart < SECOND) {
            return;
        }
        if (connectsUnlogged > 0 || disconnectsUnlogged > 0) {
            log.info("{} more connects and {} more disconnects in the last {} ms (not logged one by one)",
                    connectsUnlogged, disconnectsUnlogged, TimeUnit.NANOSECONDS.toMillis(now - windowStart));
        }
        if (refusedUnlogged > 0) {
            log.info("{} more connections refused at the limit in the last {} ms (not logged one by one)",
                    refusedUnlogged, TimeUnit.NANOSECONDS.toMillis(now - windowStart));
        }
        windowStart = now;
        connectsLogged = 0;
        disconnectsLogged = 0;
        connectsUnlogged = 0;
        disconnectsUnlogged = 0;
        refusedLogged = 0;
        refusedUnlogged = 0;
    }
}
