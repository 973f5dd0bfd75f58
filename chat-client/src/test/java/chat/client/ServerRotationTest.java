package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whose turn it is: each dial moves on to the next server, answered or not, wrapping round. */
class ServerRotationTest {

    private final ServerAddress a = new ServerAddress("a.example", 2020);
    private final ServerAddress b = new ServerAddress("b.example", 2020);
    private final ServerAddress c = new ServerAddress("c.example", 2020);
    private final List<ServerAddress> dialed = new ArrayList<>();

    /** Every dial is refused, and recorded. */
    private final ServerRotation.Dialer refusing = to -> {
        dialed.add(to);
        throw new ConnectException("Connection refused");
    };

    @Test
    void dialsGoToEachServerInTheGivenOrderThenWrapRound() {
        ServerRotation servers = new ServerRotation(List.of(a, b, c), refusing);
        assertEquals(a, servers.next());
        for (int i = 0; i < 4; i++) {
            assertThrows(ConnectException.class, servers::dial);
        }
        assertEquals(List.of(a, b, c, a), dialed);
        assertEquals(b, servers.next());
    }

    @Test
    void withOneServerEveryDialGoesToIt() {
        ServerRotation servers = new ServerRotation(List.of(a), refusing);
        assertThrows(ConnectException.class, servers::dial);
        assertThrows(ConnectException.class, servers::dial);
        assertEquals(List.of(a, a), dialed);
        assertEquals(a, servers.next());
        assertEquals(1, servers.size());
    }

    @Test
    void anEmptyListIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ServerRotation(List.of(), refusing));
    }
}
