package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Control characters, telnet, and other protocols: none of it reaches another user's terminal. */
class HostileInputTest {

    @RegisterExtension
    final RunningServer server = new RunningServer(ServerConfig.defaults().withFlood(20, 0));

    @Test
    void controlCharactersInMessagesAreShownNotObeyed() throws IOException {
        try (TestClient eve = TestClient.join(server.port()); TestClient bob = TestClient.join(server.port())) {
            eve.send("\u001b[2J\u001b[31mred\u0007 back\bspace del\u007f lone\rcr\ttab");
            bob.expect("user1: ^[[2J^[[31mred^G back^Hspace del^? lone^Mcr tab");
            eve.send("c1\u0085\u009b and bidi \u202eevil\u2066 gone");
            bob.expect("user1: c1 and bidi evil gone");
            eve.sendRaw("nul\u0000 dropped\n".getBytes(StandardCharsets.UTF_8));
            bob.expect("user1: nul dropped");
        }
    }

    @Test
    void controlCharactersAreNeutralisedInEveryPlaceUserTextAppears() throws IOException {
        try (TestClient eve = TestClient.join(server.port()); TestClient bob = TestClient.join(server.port())) {
            eve.send("/nick \u001b[2Jx");
            eve.expect("! \"^[[2Jx\" is not a valid nickname: use letters, digits, _ and - only.");
            eve.send("/join \u001b]0;pwned\u0007");
            eve.expect("! \"^[]0;pwned^G\" is not a valid room name: use letters, digits, _ and - only.");
            eve.send("/me \u001b[5mblinks");
            bob.expect("* user1 ^[[5mblinks");
            eve.send("/msg user2 \u001b[8mhidden");
            bob.expect("[pm from user1] ^[[8mhidden");
            eve.send("/quit \u001b[31mbye\u202e");
            bob.expect("*** user1 left #lobby (quit: ^[[31mbye)");
        }
    }

    @Test
    void noLineTheServerSendsContainsAControlCharacter() throws IOException {
        try (TestClient eve = TestClient.join(server.port()); TestClient bob = TestClient.join(server.port())) {
            Random random = new Random(42);
            for (int i = 0; i < 200; i++) {
                StringBuilder line = new StringBuilder("x");
                for (int j = 0; j < 20; j++) {
                    line.append((char) random.nextInt(0x20));
                    line.append((char) (0x7F + random.nextInt(0x21)));
                }
                eve.send(line.toString().replace('\n', ' '));
            }
            eve.send("done");
            for (String line : bob.readUntil("user1: done")) {
                assertTrue(line.chars().noneMatch(c -> c < 0x20 || (c >= 0x7F && c <= 0x9F)),
                        "a control character reached bob: " + line.chars().mapToObj(Integer::toHexString).toList());
            }
        }
    }

    @Test
    void telnetOptionsAreRefusedAndTheirBytesNeverRelayed() throws IOException {
        try (TestClient telnet = TestClient.connect(server.port()); TestClient bob = TestClient.join(server.port())) {
            telnet.sendRaw(bytes(0xFF, 0xFD, 0x01)); // IAC DO ECHO, as the very first bytes
            telnet.readRawUntil(bytes(0xFF, 0xFC, 0x01)); // IAC WONT ECHO
            telnet.sendRaw(bytes(0xFF)); // IAC WILL NAWS, split across two reads
            telnet.sendRaw(concat(bytes(0xFB, 0x1F), "hello\r\n".getBytes(StandardCharsets.US_ASCII)));
            telnet.readRawUntil(bytes(0xFF, 0xFE, 0x1F)); // IAC DONT NAWS
            bob.expect("user1: hello");
        }
    }

    @Test
    void telnetCtrlCDiscardsTheTypedLineAndTheTimingMarkIsAnswered() throws IOException {
        try (TestClient telnet = TestClient.connect(server.port()); TestClient bob = TestClient.join(server.port())) {
            telnet.sendRaw(concat("secret half li".getBytes(StandardCharsets.US_ASCII),
                    bytes(0xFF, 0xF4, 0xFF, 0xFD, 0x06))); // IAC IP, IAC DO TIMING-MARK
            telnet.readRawUntil(bytes(0xFF, 0xFC, 0x06)); // IAC WONT TIMING-MARK: telnet stops waiting
            telnet.sendRaw("fresh line\r\n".getBytes(StandardCharsets.US_ASCII));
            List<String> seen = bob.readUntil("user1: fresh line");
            assertFalse(seen.stream().anyMatch(l -> l.contains("secret")), seen.toString());
        }
    }

    @Test
    void telnetCrNulEndsALine() throws IOException {
        try (TestClient telnet = TestClient.connect(server.port()); TestClient bob = TestClient.join(server.port())) {
            telnet.sendRaw("one\r\0two\r\0".getBytes(StandardCharsets.US_ASCII));
            bob.expect("user1: one");
            bob.expectNext("user1: two");
        }
    }

    @Test
    void utf8MangledByASevenBitTelnetArrivesIntact() throws IOException {
        try (TestClient telnet = TestClient.connect(server.port()); TestClient bob = TestClient.join(server.port())) {
            // What netkit telnet sends for "小明": 0x8F went out as IAC AO, IAC DO TIMING-MARK.
            telnet.sendRaw(bytes(0xE5, 0xB0, 0xFF, 0xF5, 0xFF, 0xFD, 0x06, 0xE6, 0x98, 0x8E, '\r', '\n'));
            bob.expect("user1: 小明");
            telnet.readRawUntil(bytes(0xFF, 0xFD, 0x00)); // and it was asked for BINARY from then on
        }
    }

    @Test
    void httpRequestGetsOneLineAndACloseAndTheRoomNeverHearsOfIt() throws IOException {
        try (TestClient bob = TestClient.join(server.port())) {
            try (TestClient browser = TestClient.connect(server.port())) {
                browser.sendRaw("GET / HTTP/1.1\r\nHost: localhost:2020\r\nUser-Agent: curl/8.0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertEquals(List.of("! This is a chat server, not a web server: connect with telnet or nc."),
                        browser.readUntilClosed());
            }
            bob.send("marker");
            List<String> seen = bob.readUntil("user1: marker");
            assertTrue(seen.isEmpty(), "bob heard: " + seen);
        }
    }

    @Test
    void tlsHandshakeGetsOneLineAndACloseWithoutSpinning() throws Exception {
        try (TestClient tls = TestClient.connect(server.port())) {
            byte[] clientHello = new byte[300];
            new Random(1).nextBytes(clientHello);
            System.arraycopy(bytes(0x16, 0x03, 0x01, 0x01, 0x27, 0x01), 0, clientHello, 0, 6);
            tls.sendRaw(clientHello);
            String line = new String(tls.readRawUntil("\r\n".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.UTF_8);
            assertEquals("! This chat server speaks plain text, not TLS: connect with telnet or nc, without TLS.\r\n", line);
            // The client neither reads nor closes: the server waits for it without burning CPU.
            Duration cpu = ReactorThread.cpuDuring(Duration.ofMillis(500));
            assertTrue(cpu.toMillis() < 100, "the reactor used " + cpu.toMillis() + " ms of CPU in 500 ms");
            assertEquals(-1, tls.socket.getInputStream().read(), "then the server closes");
        }
    }

    @Test
    void binaryJunkGetsOneLineAndAClose() throws IOException {
        try (TestClient junk = TestClient.connect(server.port())) {
            byte[] bytes = new byte[200];
            new Random(3).nextBytes(bytes);
            bytes[0] = 0x00;
            junk.sendRaw(bytes);
            assertEquals(List.of("! This is a text chat server and that looked like binary data:"
                    + " connect with telnet or nc and type lines."), junk.readUntilClosed());
        }
    }

    @Test
    void junkAfterARealStartIsJustText() throws IOException {
        try (TestClient ann = TestClient.join(server.port()); TestClient bob = TestClient.join(server.port())) {
            ann.sendRaw(concat("ok\n".getBytes(StandardCharsets.US_ASCII), bytes(0x00, 0x01, 0x02, 0x03, 0x04, '\n')));
            bob.expect("user1: ok");
            bob.expectNext("user1: ^A^B^C^D");
        }
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
