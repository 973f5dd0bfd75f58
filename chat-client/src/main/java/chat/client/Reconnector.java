package chat.client;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the interactive client connected. Its link thread reads the current {@link ServerLink}
 * until the connection ends, reports the loss once, then dials again in rounds until it gets
 * through or the user leaves. A round is one dial to each server of the {@link ServerRotation},
 * starting with the one after the server that was lost; before each round it waits as
 * {@link Backoff} says, so a list of servers that are all down is tried at the same unhurried
 * pace as a single one, not in a loop.
 *
 * <p>Threads: the link thread (started by {@link #start}) makes every {@link Listener} call, in
 * order, and is the only user of the rotation once started. {@link #send}, {@link #isConnected},
 * {@link #leave} and {@link #close} are safe from any thread; the user may type and quit while
 * a reconnect is under way.
 *
 * <p>Lifecycle: connected → lost → (waiting → dialing each server)* → connected → ...; leaving
 * ends it from any state, and a connection that comes up after the user left is closed at once.
 */
public final class Reconnector implements AutoCloseable {

    /** What the link thread reports, besides each line. */
    public interface Listener extends ServerLink.LineHandler {
        /**
         * A connection to {@code server} is up and about to be read; {@code again} is false for
         * the first one.
         */
        void onConnected(boolean again, ServerAddress server);

        /**
         * The connection ended without the user leaving; dialing starts after this returns, first
         * to {@code next}.
         */
        void onLost(String reason, ServerAddress next);
    }

    /** How long {@link #close} waits for the link thread to notice its socket was closed. */
    private static final long JOIN_MILLIS = 1_000;

    private final ServerRotation servers;
    private final Backoff backoff;
    private final Listener listener;
    private final Thread thread;
    /** Counted down once, when the user leaves: stops dialing and cuts a backoff wait short. */
    private final CountDownLatch leaving = new CountDownLatch(1);
    /**
     * The backoff round the next redial starts at; link thread only. Back to 0 once a connection
     * brings a line; a connection that is accepted and closed without a word (a proxy whose
     * server is down) does not reset it, so such a place is not dialled in a tight loop.
     */
    private int round;
    /** The connection in use; null from a loss until the next successful dial, and after leaving. */
    private volatile ServerLink link;

    /** @param servers where to dial after a loss; from {@link #start} on, the link thread's alone */
    public Reconnector(ServerRotation servers, Backoff backoff, Listener listener) {
        this.servers = servers;
        this.backoff = backoff;
        this.listener = listener;
        this.thread = new Thread(this::run, "chat-link");
        // The user's exit must never wait on a thread stuck in a read or a backoff.
        this.thread.setDaemon(true);
    }

    /**
     * Starts the link thread on {@code first}, a connection the caller already opened (through
     * the rotation, so that a loss moves on to the server after it).
     */
    public void start(ServerLink first) {
        link = first;
        thread.start();
    }

    /** Sends {@code line} on the current connection; false if there is none or it failed. */
    public boolean send(String line) {
        ServerLink current = link;
        return current != null && current.send(line);
    }

    /** True while a connection is up (it may still turn out to be dead on the next read). */
    public boolean isConnected() {
        return link != null;
    }

    /**
     * Leaves: no more reconnecting. If connected, sends {@code quitLine} and waits up to
     * {@code wait} for the server to say goodbye and close, so its last lines are shown; then
     * closes. Call from the thread that reads the keyboard, not from a {@link Listener}.
     */
    public void leave(String quitLine, Duration wait) throws InterruptedException {
        leaving.countDown();
        ServerLink current = link;
        if (current != null && current.send(quitLine) && thread.isAlive()) {
            thread.join(Math.max(1, wait.toMillis()));
        }
        close();
    }

    /** Stops at once: closes the connection, stops dialing, waits briefly for the link thread. */
    @Override
    public void close() {
        leaving.countDown();
        ServerLink current = link;
        if (current != null) {
            current.close();
        }
        if (thread.isAlive() && thread != Thread.currentThread()) {
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean isLeaving() {
        return leaving.getCount() == 0;
    }

    /** The link thread: read until lost, dial until back, until the user leaves. */
    private void run() {
        ServerLink current = link;
        boolean again = false;
        while (current != null) {
            listener.onConnected(again, current.server());
            boolean[] heard = {false};
            ServerLink.Ending ending = current.readLines(new ServerLink.LineHandler() {
                @Override
                public void onLine(String line) {
                    heard[0] = true;
                    listener.onLine(line);
                }

                @Override
                public void onLineTooLong(int maxLineBytes) {
                    heard[0] = true;
                    listener.onLineTooLong(maxLineBytes);
                }
            });
            link = null;
            if (heard[0]) {
                round = 0;
            }
            if (isLeaving()) {
                return;
            }
            listener.onLost(ending.reason(), servers.next());
            current = redial();
            again = true;
        }
    }

    /** Dials round after round, each after its backoff wait; the new connection, or null once the user leaves. */
    private ServerLink redial() {
        try {
            for (; ; round++) {
                if (leaving.await(backoff.delay(round).toNanos(), TimeUnit.NANOSECONDS)) {
                    return null;
                }
                ServerLink fresh = dialRound();
                if (fresh != null || isLeaving()) {
                    round++; // kept unless this connection turns out to speak (see run)
                    return fresh;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * One dial to each server in turn, without waiting between them: a refusal says nothing about
     * the next server. The first that answers, or null if none did or the user left meanwhile.
     */
    private ServerLink dialRound() {
        for (int i = 0; i < servers.size() && !isLeaving(); i++) {
            ServerLink fresh;
            try {
                fresh = servers.dial();
            } catch (IOException stillDown) {
                // Refused, unreachable or not resolving: this one is not back yet; try the next.
                continue;
            }
            link = fresh;
            // leave() may have run between the dial and the line above and seen no link.
            if (isLeaving()) {
                fresh.close();
                link = null;
                return null;
            }
            return fresh;
        }
        return null;
    }
}
