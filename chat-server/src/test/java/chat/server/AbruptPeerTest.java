package chat.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testkit.Await;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Peers that vanish in the middle of things are cleaned up: no spin, no leaked descriptor. */
class AbruptPeerTest {

    // A large cap: the victims here must have output pending, not be dropped as too slow.
    @RegisterExtension
    final RunningServer server = new RunningServer(ServerConfig.defaults().withFlood(20, 0).withMaxQueuedBytes(32 << 20));

    @Test
    void resetWhileTheServerIsWritingIsCleanedUp() throws Exception {
        try (TestClient ann = TestClient.join(server.port()); TestClient bob = TestClient.join(server.port())) {
            long before = ChatRoomTest.openFileDescriptors();
            Socket victim = silentMember(bob);
            shout(ann, bob, 6 << 20); // more than the kernel will buffer: output is pending for the victim
            victim.setSoLinger(true, 0);
            victim.close(); // RST
            bob.expectStartingWith("*** user3 left #lobby (");
            assertIdleAndNoLeak(before);
        }
    }

    @Test
    void eofWithOutputPendingIsCleanedUpWithoutSpinning() throws Exception {
        try (TestClient ann = TestClient.join(server.port()); TestClient bob = TestClient.join(server.port())) {
            long before = ChatRoomTest.openFileDescriptors();
            Socket victim = silentMember(bob);
            shout(ann, bob, 6 << 20);
            victim.shutdownOutput(); // EOF, still not reading: the server cannot drain it
            bob.expect("*** user3 left #lobby (connection closed)");
            Duration cpu = ReactorThread.cpuDuring(Duration.ofMillis(500));
            assertTrue(cpu.toMillis() < 100, "the reactor used " + cpu.toMillis() + " ms of CPU in 500 ms");
            victim.close();
            assertIdleAndNoLeak(before);
        }
    }

    /** A member who never reads, with a small receive buffer. */
    private Socket silentMember(TestClient witness) throws IOException {
        Socket victim = new Socket();
        victim.setReceiveBufferSize(4096);
        victim.connect(new InetSocketAddress("127.0.0.1", server.port()));
        victim.getOutputStream().write("\n".getBytes(StandardCharsets.US_ASCII)); // arrive now
        witness.expect("*** user3 joined #lobby");
        return victim;
    }

    /** Ann says {@code bytes} worth of lines; Ann and Bob read them all, so only the victim lags. */
    private static void shout(TestClient ann, TestClient bob, int bytes) throws Exception {
        String line = "y".repeat(1000);
        // Threads of their own, not the common pool (one thread on two cores).
        var readers = java.util.concurrent.Executors.newFixedThreadPool(2);
        var annReads = java.util.concurrent.CompletableFuture.runAsync(() -> drain(ann), readers);
        var bobReads = java.util.concurrent.CompletableFuture.runAsync(() -> drain(bob), readers);
        StringBuilder batch = new StringBuilder();
        for (int sent = 0; sent < bytes; sent += line.length()) {
            batch.append(line).append('\n');
            if (batch.length() > 64_000) {
                ann.sendRaw(batch.toString().getBytes(StandardCharsets.US_ASCII));
                batch.setLength(0);
            }
        }
        ann.send("over");
        annReads.get();
        bobReads.get();
        readers.shutdown();
    }

    private static void drain(TestClient client) {
        try {
            client.expect("user1: over");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertIdleAndNoLeak(long before) {
        Await.until("descriptors back to " + before, Duration.ofSeconds(10),
                () -> ChatRoomTest.openFileDescriptors() <= before,
                () -> "(now " + ChatRoomTest.openFileDescriptors() + ")");
    }
}
