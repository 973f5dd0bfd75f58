package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading and writing HOST:PORT, an IPv6 literal in brackets. */
class ServerAddressTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1:2020|127.0.0.1|2020|127.0.0.1:2020",
        "  chat.example.org:2021 |chat.example.org|2021|chat.example.org:2021",
        "localhost:65535|localhost|65535|localhost:65535",
        "[::1]:2020|::1|2020|[::1]:2020",
        "[fe80::1%eth0]:1|fe80::1%eth0|1|[fe80::1%eth0]:1",
    })
    void aGoodAddressIsReadAndWrittenBackTheSameWay(String text, String host, int port, String written) {
        ServerAddress address = ServerAddress.parse(text);
        assertEquals(new ServerAddress(host, port), address);
        assertEquals(written, address.toString());
        assertEquals(address, ServerAddress.parse(address.toString()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "chat1|'chat1' has no :PORT",
        "chat1:|the port in 'chat1:' must be a number 1-65535",
        "chat1:two|the port in 'chat1:two' must be a number 1-65535",
        "chat1:0|the port in 'chat1:0' must be a number 1-65535",
        "chat1:+2020|the port in 'chat1:+2020' must be a number 1-65535",
        "chat1:123456|the port in 'chat1:123456' must be a number 1-65535",
        ":2020|':2020' has no usable host",
        "[]:2020|the brackets in '[]:2020' are only for IPv6 addresses, as in [::1]:2020",
        "a]:2020|'a]:2020' has no usable host",
        "chat 1:2020|'chat 1:2020' is not a host and port",
        "::1:2020|the IPv6 address in '::1:2020' needs brackets, as in [::1]:2020",
        "http://chat1:2020|'http://chat1:2020' is not a host and port",
        "[::1|'[::1' has no closing ]",
        "[::1]|'[::1]' has no :PORT after the ]",
        "[chat1]:2020|the brackets in '[chat1]:2020' are only for IPv6 addresses, as in [::1]:2020",
        "'  '|an address is empty",
    })
    void aBadAddressIsRefusedWithASentenceSayingWhy(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse(text)).getMessage());
    }

    @Test
    void aPortOutsideTheRangeCannotBeMadeAtAll() {
        assertThrows(IllegalArgumentException.class, () -> new ServerAddress("chat1", 0));
        assertThrows(IllegalArgumentException.class, () -> new ServerAddress("chat1", 65536));
    }
}
