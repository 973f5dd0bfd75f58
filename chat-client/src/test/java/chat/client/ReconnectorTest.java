package chat.client;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** The link thread's life: read, report a loss once, dial with backoff, stop when the user leaves. */
class ReconnectorTest {

    private static final long VERIFY_MILLIS = Await.DEADLINE.toMillis();

    private final Reconnector.Dialer dialer = mock(Reconnector.Dialer.class);
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

    private void startOn(FakeServer first, Backoff backoff) throws IOException {
        reconnector = new Reconnector(dialer, backoff, listener);
        reconnector.start(ServerLink.connect("127.0.0.1", first.port()));
    }

    @Test
    void failedDialsAreRetriedUntilTheServerIsBack() throws IOException {
        server = FakeServer.start();
        FakeServer lost = FakeServer.start();
        when(dialer.dial())
                .thenThrow(new ConnectException("Connection refused"))
                .thenThrow(new ConnectException("Connection refused"))
                .thenAnswer(call -> ServerLink.connect("127.0.0.1", server.port()));
        startOn(lost, new Backoff(Duration.ofMillis(1), Duration.ofMillis(4)));
        verify(listener, timeout(VERIFY_MILLIS)).onLine("*** Welcome, user1! You are in #lobby (1 user here). Type /help for commands.");

        lost.close();

        verify(listener, timeout(VERIFY_MILLIS)).onConnected(true);
        verify(dialer, times(3)).dial();
        InOrder order = inOrder(listener);
        order.verify(listener).onConnected(false);
        order.verify(listener).onLost("the server closed the connection");
        order.verify(listener).onConnected(true);
        verify(listener, times(1)).onLost(anyString());
    }

    @Test
    void leavingCutsABackoffWaitShortAndDialsNoMore() throws IOException {
        server = FakeServer.start();
        startOn(server, new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(1)));
        verify(listener, timeout(VERIFY_MILLIS)).onConnected(false);

        server.close();
        verify(listener, timeout(VERIFY_MILLIS)).onLost(anyString());

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> reconnector.leave("/quit", Duration.ofSeconds(1)));
        verify(dialer, never()).dial();
    }

    @Test
    void leavingTellsTheServerAndWaitsForItsGoodbyeWithoutReportingALoss() throws Exception {
        server = FakeServer.start();
        startOn(server, new Backoff(Duration.ofMillis(1), Duration.ofMillis(4)));
        verify(listener, timeout(VERIFY_MILLIS)).onConnected(false);

        reconnector.leave("/quit bye", Duration.ofSeconds(5));

        verify(listener).onLine("*** Goodbye, user1!");
        verify(listener, never()).onLost(anyString());
        verify(dialer, never()).dial();
        server.awaitReceived(0, "/quit bye");
    }
}
