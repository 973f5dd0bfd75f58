package chat.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Telnet negotiation cannot be turned into memory: a client that sends hundreds of kilobytes of
 * {@code IAC DO x} and never reads gets each option answered once, and what the server queues for
 * it stays tiny (the hostile tester's 1,000 such clients took the server to 4.4 GB before).
 */
class TelnetFloodTest {

    private static final int CLIENTS = 50;
    private static final int FLOOD_BYTES = 332 * 1024;

    // Flood control off, so the server reads every byte at once: the worst case for memory.
    @RegisterExtension
    final RunningServer server = new RunningServer(ServerConfig.defaults().withFlood(20, 0));

    @Test
    void aFloodOfTelnetRequestsQueuesAFewBytesPerClientAndTheChatGoesOn() throws Exception {
        TestClient ann = TestClient.join(server.port());
        server.track(ann);
        byte[] flood = new byte[FLOOD_BYTES - FLOOD_BYTES % 3];
        for (int i = 0; i < flood.length; i += 3) {
            flood[i] = (byte) 0xFF;
            flood[i + 1] = (byte) 0xFD; // DO
            flood[i + 2] = (byte) (i / 3 % 40); // forty different options, asked over and over
        }
        for (int c = 0; c < CLIENTS; c++) {
            TestClient attacker = TestClient.connect(server.port());
            server.track(attacker);
            attacker.socket.setReceiveBufferSize(4096); // and never reads
            attacker.sendRaw(flood);
            attacker.send("/nick done" + c);
        }
        for (int c = 0; c < CLIENTS; c++) { // every byte of every flood was read and filtered
            ann.readUntil(line -> line.matches("\\*\\*\\* user\\d+ is now known as done\\d+"), "a rename");
        }
        long queued = server.queuedOutputBytes();
        // Each attacker is owed its welcome, the lobby's notices and one answer per option: a few
        // KiB. Before, each queued 110,000 separate 3-byte replies (2.3 MB of heap).
        assertTrue(queued < CLIENTS * 16 * 1024L, "queued output " + queued + " bytes for " + CLIENTS + " clients");
        ann.send("still chatting");
        ann.expect("user1: still chatting");
    }
}
