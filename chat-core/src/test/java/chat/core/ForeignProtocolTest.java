package chat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForeignProtocolTest {

    @Test
    void httpRequestIsRecognised() {
        assertTrue(detect("GET / HTTP/1.1\r\nHost: x\r\n\r\n").orElseThrow().contains("not a web server"));
        assertTrue(detect("POST /api HTTP/1.0\r\n").isPresent());
    }

    @Test
    void tlsHandshakeIsRecognised() {
        byte[] hello = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xFC, 0x03, 0x03};
        assertTrue(detect(hello).orElseThrow().contains("not TLS"));
    }

    @Test
    void sshBannerIsRecognised() {
        assertTrue(detect("SSH-2.0-OpenSSH_9.2\r\n").orElseThrow().contains("not an SSH server"));
    }

    @Test
    void binaryJunkIsRecognised() {
        byte[] junk = new byte[64];
        new java.util.Random(7).nextBytes(junk);
        junk[0] = 0x42;
        assertTrue(detect(junk).isPresent());
        assertTrue(detect(new byte[] {'h', 'i', 0, 'x'}).isPresent(), "a NUL not after CR");
    }

    @Test
    void peopleTypingAreNeverRefused() {
        for (String typed : new String[] {
            "hello\n", "GET me a coffee\n", "get / http/1.1\n", "你好\n", "\u001b[A\u001b[B\n", "a\tb\r\n",
            "ssh is great\n", "/nick ann\n", "h"}) {
            assertEquals(Optional.empty(), detect(typed), typed);
        }
        assertEquals(Optional.empty(), detect(new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'}), "Latin-1 café");
        assertEquals(Optional.empty(), detect(new byte[] {'o', 'k', '\r', 0}), "telnet's CR NUL");
        assertEquals(Optional.empty(), detect(new byte[] {(byte) 0xFF, (byte) 0xFD, 0x03}), "telnet negotiation");
        byte[] mangledByTelnet = {'/', 'n', 'i', 'c', 'k', ' ', (byte) 0xE5, (byte) 0xB0, (byte) 0xFF, (byte) 0xF5,
            (byte) 0xFF, (byte) 0xFD, 0x06, (byte) 0xE6, (byte) 0x98, (byte) 0x8E, '\r', '\n'};
        assertEquals(Optional.empty(), detect(mangledByTelnet), "telnet's IAC AO IAC DO TIMING-MARK mid-character");
        byte[] gbk = "你好，今天天气很好，我们去公园散步吧\r\n".getBytes(java.nio.charset.Charset.forName("GBK"));
        assertEquals(Optional.empty(), detect(gbk), "Chinese typed in a GBK terminal");
    }

    @Test
    void detectionLeavesTheBufferAsItWas() {
        ByteBuffer buffer = ByteBuffer.wrap("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        ForeignProtocol.detect(buffer);
        assertEquals(0, buffer.position());
        assertEquals(16, buffer.remaining());
    }

    private static Optional<String> detect(String s) {
        return detect(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> detect(byte[] bytes) {
        return ForeignProtocol.detect(ByteBuffer.wrap(bytes));
    }
}
