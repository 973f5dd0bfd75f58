package chat.server.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Every reason the server closes a connection with is counted under the departure it is. */
class DepartureTest {

    @Test
    void eachReasonTheServerGivesMapsToItsDeparture() {
        assertEquals(Departure.QUIT, Departure.of("quit"));
        assertEquals(Departure.QUIT, Departure.of("quit: bye; timed out while closing"));
        assertEquals(Departure.EOF, Departure.of("connection closed"));
        assertEquals(Departure.NEVER_ENTERED, Departure.of("closed before saying anything"));
        assertEquals(Departure.FOREIGN_PROTOCOL, Departure.of("not a chat client"));
        assertEquals(Departure.SLOW_READER, Departure.of("too slow to read"));
        assertEquals(Departure.SHUTDOWN, Departure.of("server shutting down"));
        assertEquals(Departure.SHUTDOWN, Departure.of("server shutting down; output not taken in time"));
        assertEquals(Departure.SHUTDOWN, Departure.of("server stopped"));
        assertEquals(Departure.RESUMED, Departure.of("resumed from another connection"));
        assertEquals(Departure.RESUMED, Departure.of("resumed on another server"));
        assertEquals(Departure.KICKED, Departure.of("kicked by op: spam"));
        assertEquals(Departure.BANNED, Departure.of("banned by op"));
        assertEquals(Departure.ERROR, Departure.of("connection reset"));
        assertEquals(Departure.ERROR, Departure.of("connection lost"));
        assertEquals(Departure.ERROR, Departure.of("server error"));
        assertEquals(Departure.ERROR, Departure.of(null));
    }

    @Test
    void labelsArePrometheusStyle() {
        assertEquals("foreign_protocol", Departure.FOREIGN_PROTOCOL.label());
        assertEquals("slow_reader", Departure.SLOW_READER.label());
    }
}
