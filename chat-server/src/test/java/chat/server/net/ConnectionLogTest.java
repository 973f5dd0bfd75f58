package chat.server.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.server.chat.User;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A connection storm costs a summary line a second, not a line per connection. */
class ConnectionLogTest {

    private static final long MS = 1_000_000L;

    private final ConnectionLog log = new ConnectionLog(LoggerFactory.getLogger(ConnectionLogTest.class), 0);

    private static User user(long id) {
        return new User(id, "user" + id, new InetSocketAddress("127.0.0.1", 40000), null);
    }

    @Test
    void firstHundredConnectsASecondAreLoggedOneByOneAndTheRestCounted() {
        for (int i = 0; i < 150; i++) {
            log.connected(user(i), 10 * MS);
        }
        assertEquals(ConnectionLog.LINES_PER_SECOND, log.connectsLogged());
        assertEquals(50, log.connectsUnlogged());
    }

    @Test
    void theNextSecondStartsAfresh() {
        for (int i = 0; i < 150; i++) {
            log.connected(user(i), 10 * MS);
        }
        log.summarize(1_000 * MS);
        assertEquals(0, log.connectsUnlogged());
        log.connected(user(200), 1_001 * MS);
        assertEquals(1, log.connectsLogged());
    }
}
