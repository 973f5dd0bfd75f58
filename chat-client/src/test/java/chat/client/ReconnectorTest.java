package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import chat.testkit.Await;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * The link thread's life: read, report a loss once, dial round after round of the servers with
 * backoff between rounds, stop when the user leaves.
 */
class ReconnectorTest {

    private static final long VERIFY_MILLIS = Await.DEADLINE.toMillis();

    private final ServerRotation.Dialer dialer = mock(ServerRotation.Dialer.class);
    private final Reconnector.Listener listener = mock(Reconnector.Listener.class);
    private FakeServer server;
    private Reconnector reconnector;

    @AfterEach
    void tearDown() throws IOException {
        if (reconnector != null) {
            reconnector.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Starts on {@code first}, the one server there is; every reconnect goes to {@link #dialer}. */
    private void startOn(FakeServer first, Backoff backoff) throws IOException {
        reconnector = new Reconnector(new ServerRotation(List.of(first.address()), dialer), backoff, listener);
        reconnector.start(ServerLink.connect(first.address()));
    }

    /** Starts on the first of {@code servers}, dialed through the rotation as ClientMain does. */
    private void startOn(ServerRotation servers, Backoff backoff) throws IOException {
        reconnector = new Reconnector(servers, backoff, listener);
        reconnector.start(servers.dial());
    }

    @Test
    void failedDialsAreRetriedUntilTheServerIsBack() throws IOException {
        server = FakeServer.start();
        FakeServer lost = FakeServer.start();
        when(dialer.dial(any()))
                .thenThrow(new ConnectException("Connection refused"))
                .thenThrow(new ConnectException("Connection refused"))
                .thenAnswer(call -> ServerLink.connect(server.address()));
        startOn(lost, new Backoff(Duration.ofMillis(1), Duration.ofMillis(4)));
        verify(listener, timeout(VERIFY_MILLIS)).onLine("*** Welcome, user1! You are in #lobby (1 user here). Type /help for commands.");

        lost.close();

        verify(listener, timeout(VERIFY_MILLIS)).onConnected(true, server.address());
        verify(dialer, times(3)).dial(lost.address());
        InOrder order = inOrder(listener);
        order.verify(listener).onConnected(false, lost.address());
        order.verify(listener).onLost("the server closed the connection", lost.address());
        order.verify(listener).onConnected(true, server.address());
        verify(listener, times(1)).onLost(anyString(), any());
    }

    @Test
    void leavingCutsABackoffWaitShortAndDialsNoMore() throws IOException {
        server = FakeServer.start();
        startOn(server, new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(1)));
        verify(listener, timeout(VERIFY_MILLIS)).onConnected(false, server.address());

        server.close();
        verify(listener, timeout(VERIFY_MILLIS)).onLost(anyString(), any());

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> reconnector.leave("/quit", Duration.ofSeconds(1)));
        verify(dialer, never()).dial(any());
    }

    @Test
    void leavingTellsTheServerAndWaitsForItsGoodbyeWithoutReportingALoss() throws Exception {
        server = FakeServer.start();
        startOn(server, new Backoff(Duration.ofMillis(1), Duration.ofMillis(4)));
        verify(listener, timeout(VERIFY_MILLIS)).onConnected(false, server.address());

        reconnector.leave("/quit bye", Duration.ofSeconds(5));

        verify(listener).onLine("*** Goodbye, user1!");
        verify(listener, never()).onLost(anyString(), any());
        verify(dialer, never()).dial(any());
        server.awaitReceived(0, "/quit bye");
    }

    @Test
    void aLostServerHandsOverToTheNextInTheListAndTheLastBackToTheFirst() throws IOException {
        server = FakeServer.start();
        try (FakeServer second = FakeServer.start()) {
            startOn(ServerRotation.overTcp(List.of(server.address(), second.address())), PromptHarness.TINY_BACKOFF);
            verify(listener, timeout(VERIFY_MILLIS)).onConnected(false, server.address());

            // Only the connection goes: the first server still listens, and is still passed over.
            server.connection(0).close();
            verify(listener, timeout(VERIFY_MILLIS)).onLost("the server closed the connection", second.address());
            verify(listener, timeout(VERIFY_MILLIS)).onConnected(true, second.address());
            second.connection(0);

            second.connection(0).close();
            verify(listener, timeout(VERIFY_MILLIS)).onLost("the server closed the connection", server.address());
            verify(listener, timeout(VERIFY_MILLIS)).onConnected(true, server.address());
            server.connection(1);
        }
    }

    @Test
    void serversThatAreAllDownAreDialedOnceARoundWithTheBackoffBeforeEachRound() throws IOException {
        server = FakeServer.start();
        // Names only: the dialer below decides what answers, and after the first dial nothing does.
        ServerAddress a = new ServerAddress("a.example", 2020);
        ServerAddress b = new ServerAddress("b.example", 2020);
        ServerAddress c = new ServerAddress("c.example", 2020);
        List<ServerAddress> dialed = new CopyOnWriteArrayList<>();
        List<Long> dialedAtNanos = new CopyOnWriteArrayList<>();
        ServerRotation servers = new ServerRotation(List.of(a, b, c), to -> {
            dialedAtNanos.add(System.nanoTime());
            dialed.add(to);
            if (dialed.size() == 1) {
                return ServerLink.connect(server.address());
            }
            throw new ConnectException("Connection refused");
        });
        Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofMillis(100));
        startOn(servers, backoff);
        verify(listener, timeout(VERIFY_MILLIS)).onConnected(false, server.address());

        server.close();

        Await.until(() -> dialed.size() >= 8, () -> "two rounds after the loss; dialed " + dialed);
        assertEquals(List.of(a, b, c, a, b, c, a, b), dialed.subList(0, 8));
        verify(listener, times(1)).onLost("the server closed the connection", b);
        // The wait before the second round (its first dial is the fifth) is the backoff's second.
        long betweenRounds = dialedAtNanos.get(4) - dialedAtNanos.get(3);
        assertTrue(betweenRounds >= backoff.delay(1).toNanos(), () -> betweenRounds / 1_000_000 + " ms between rounds");
    }
}
