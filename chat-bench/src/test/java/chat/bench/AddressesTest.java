package chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --addr: HOST:PORT items in order, connection i to the i-th mod their number, bad items and mixes refused. */
class AddressesTest {

    @Test
    void connectionsGoRoundRobinInTheOrderGiven() {
        Addresses three = Addresses.parse(List.of("127.0.0.1:2020", "localhost:2021", "[::1]:2022"));

        assertEquals(List.of("127.0.0.1:2020", "localhost:2021", "[::1]:2022"), three.names());
        assertEquals(2020, three.forIndex(0).getPort());
        assertEquals(2021, three.forIndex(1).getPort());
        assertEquals(2022, three.forIndex(2).getPort());
        assertEquals(2020, three.forIndex(3).getPort());
        assertEquals(2021, three.forIndex(10_000_000_000L).getPort(), "churn cycle numbers go past an int");
        assertEquals("127.0.0.1:2020, localhost:2021, [::1]:2022", three.toString());
    }

    @Test
    void hostAndPortAreOneAddress() {
        Addresses one = Addresses.of("127.0.0.1", 2020);

        assertEquals(List.of("127.0.0.1:2020"), one.names());
        assertEquals("127.0.0.1:2020", one.toString());
        assertEquals(one.forIndex(0), one.forIndex(7));
    }

    @Test
    void badItemsAreRefusedByName() {
        assertRefused("--addr wants HOST:PORT items (IPv6 as [::1]:2020), got '2020'", "2020");
        assertRefused("--addr wants HOST:PORT items (IPv6 as [::1]:2020), got ':2020'", ":2020");
        assertRefused("--addr wants HOST:PORT items (IPv6 as [::1]:2020), got '::1:2020'", "::1:2020");
        assertRefused("--addr wants HOST:PORT items (IPv6 as [::1]:2020), got '[::1]'", "[::1]");
        assertRefused("--addr ports must be 1-65535, got 'host:0'", "host:0");
        assertRefused("--addr ports must be 1-65535, got 'host:http'", "host:http");
        assertRefused("--addr ports must be 1-65535, got 'host:'", "host:");
    }

    @Test
    void anUnknownHostIsASentenceWhenResolved() {
        Addresses unknown = Addresses.parse(List.of("127.0.0.1:2020", "no-such-host.invalid:2021"));

        BenchException error = assertThrows(BenchException.class, unknown::resolved);
        assertEquals("Cannot resolve the host name no-such-host.invalid.", error.getMessage());
    }

    @Test
    void addrAndHostOrPortTogetherAreRefused() {
        assertOptionsRefused("--addr names every server: leave out --host and --port",
                "--addr", "127.0.0.1:2020,127.0.0.1:2021", "--port", "2020");
        assertOptionsRefused("--addr names every server: leave out --host and --port",
                "--host", "127.0.0.1", "--addr", "127.0.0.1:2020");
        assertOptionsRefused("--addr ports must be 1-65535, got '127.0.0.1:99999'", "--addr", "127.0.0.1:2020,127.0.0.1:99999");
    }

    private static void assertRefused(String message, String item) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Addresses.parse(List.of(item)));
        assertEquals(message, error.getMessage());
    }

    private static void assertOptionsRefused(String message, String... options) {
        StringWriter err = new StringWriter();
        var line = BenchMain.commandLine();
        line.setErr(new PrintWriter(err));
        String[] args = new String[options.length + 1];
        args[0] = "fanout";
        System.arraycopy(options, 0, args, 1, options.length);

        int status = line.execute(args);

        assertEquals(2, status, err.toString());
        assertTrue(err.toString().startsWith(message + System.lineSeparator()), err.toString());
    }
}
