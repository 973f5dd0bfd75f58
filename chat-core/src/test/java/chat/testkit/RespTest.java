package chat.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tests' RESP: commands out as arrays of bulk strings, the five reply types back as Java values. */
class RespTest {

    @Test
    void aCommandIsAnArrayOfBulkStringsCountedInBytes() {
        assertEquals("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\né\r\n", text(Resp.encode("SET", "k", "é")));
        assertEquals("*2\r\n$4\r\nECHO\r\n$0\r\n\r\n", text(Resp.encode("ECHO", "")));
    }

    @Test
    void aCommandNeedsAName() {
        assertThrows(IllegalArgumentException.class, Resp::encode);
    }

    @Test
    void simpleAndBulkStringsAreStrings() throws IOException {
        assertEquals("PONG", read("+PONG\r\n"));
        assertEquals("two\r\nlines", read("$10\r\ntwo\r\nlines\r\n"));
        assertEquals("", read("$0\r\n\r\n"));
        assertEquals("é", read("$2\r\né\r\n"));
    }

    @Test
    void integersAreLongs() throws IOException {
        assertEquals(42L, read(":42\r\n"));
        assertEquals(-1L, read(":-1\r\n"));
    }

    @Test
    void nilsAreNull() throws IOException {
        assertNull(read("$-1\r\n"));
        assertNull(read("*-1\r\n"));
    }

    @Test
    void errorsAreValuesEvenInsideArrays() throws IOException {
        assertEquals(new Resp.Error("ERR unknown command 'NOPE'"), read("-ERR unknown command 'NOPE'\r\n"));
        assertEquals(List.of("OK", new Resp.Error("WRONGTYPE no"), 3L), read("*3\r\n+OK\r\n-WRONGTYPE no\r\n:3\r\n"));
    }

    @Test
    void arraysNestAndHoldNils() throws IOException {
        assertEquals(List.of("message", "room", List.of(1L, 2L)),
                read("*3\r\n$7\r\nmessage\r\n$4\r\nroom\r\n*2\r\n:1\r\n:2\r\n"));
        assertEquals(Arrays.asList("a", null), read("*2\r\n$1\r\na\r\n$-1\r\n"));
        assertEquals(List.of(), read("*0\r\n"));
    }

    @Test
    void readsOneReplyAndLeavesTheNext() throws IOException {
        InputStream in = stream("+OK\r\n:7\r\n");
        assertEquals("OK", Resp.read(in));
        assertEquals(7L, Resp.read(in));
    }

    @Test
    void aReplyCutShortIsAnEndOfStream() {
        assertThrows(EOFException.class, () -> read(""));
        assertThrows(EOFException.class, () -> read("+PON"));
        assertThrows(EOFException.class, () -> read("$5\r\nab"));
        assertThrows(EOFException.class, () -> read("*2\r\n:1\r\n"));
    }

    @Test
    void whatIsNotRespIsRefusedByName() {
        IOException html = assertThrows(IOException.class, () -> read("<html>\r\n"));
        assertEquals("not a RESP reply: starts with '<' then 'html>'", html.getMessage());
        IOException count = assertThrows(IOException.class, () -> read(":many\r\n"));
        assertTrue(count.getMessage().startsWith("not a RESP number"), count.getMessage());
        assertThrows(IOException.class, () -> read("$2\r\nabc\r\n"));
    }

    @Test
    void encodedCommandsReadBackAsTheirArguments() throws IOException {
        // A command is itself a valid reply (an array of bulk strings): the two halves agree.
        assertEquals(List.of("PUBLISH", "room:lobby", "hi there"), Resp.read(stream(Resp.encode("PUBLISH", "room:lobby", "hi there"))));
        assertArrayEquals(Resp.encode("PING"), "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static Object read(String wire) throws IOException {
        return Resp.read(stream(wire.getBytes(StandardCharsets.UTF_8)));
    }

    private static InputStream stream(String wire) {
        return stream(wire.getBytes(StandardCharsets.UTF_8));
    }

    private static InputStream stream(byte[] wire) {
        return new ByteArrayInputStream(wire);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
