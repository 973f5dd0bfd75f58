package chat.client;

import chat.core.TextSanitizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The client when standard input is not a terminal, like the original's first client: lines
 * from {@code in} go to the server, lines from the server go to {@code out}, sanitised and
 * without colour. At the end of {@code in} it half-closes the connection, keeps printing until
 * the server has answered and closed (or {@code drainWait} passes), and ends with status 0.
 *
 * <p>Threads: {@link #run} copies server → {@code out} on the caller's thread; a daemon thread
 * ("chat-stdin") copies {@code in} → server, since a blocked read of {@code in} cannot be cut
 * short and must not keep the client alive after the server has closed.
 */
public final class PipedClient {

    /** How long to wait, after the end of input, for the server to close: a few seconds. */
    public static final Duration DEFAULT_DRAIN_WAIT = Duration.ofSeconds(5);

    private final ServerLink link;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Duration drainWait;
    /** Counted down when the server's side has ended: the stdin thread stops waiting then. */
    private final CountDownLatch serverDone = new CountDownLatch(1);

    public PipedClient(ServerLink link, InputStream in, PrintStream out, PrintStream err, Duration drainWait) {
        this.link = link;
        this.in = in;
        this.out = out;
        this.err = err;
        this.drainWait = drainWait;
    }

    /** Runs until the server closes, or it stops waiting for that; returns 0, or 1 if the connection broke. */
    public int run() {
        Thread pump = new Thread(this::copyInput, "chat-stdin");
        pump.setDaemon(true);
        pump.start();
        ServerLink.Ending ending = link.readLines(new ServerLink.LineHandler() {
            @Override
            public void onLine(String line) {
                out.println(TextSanitizer.sanitize(line));
                out.flush();
            }

            @Override
            public void onLineTooLong(int maxLineBytes) {
                err.println("A line from the server was longer than " + maxLineBytes + " bytes and was dropped.");
            }
        });
        serverDone.countDown();
        out.flush();
        if (!ending.orderly()) {
            err.println("Connection lost: " + TextSanitizer.sanitize(ending.reason()) + ".");
            return 1;
        }
        return 0;
    }

    /** The stdin thread: every line to the server, then half-close and wait for the server. */
    private void copyInput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (!link.send(line)) {
                    return; // the server went away; run() reports it
                }
            }
        } catch (IOException e) {
            err.println("Reading standard input failed: " + e.getMessage() + ".");
        }
        // No more input: the server answers what it has, then closes; that ends run().
        link.shutdownOutput();
        try {
            if (!serverDone.await(drainWait.toMillis(), TimeUnit.MILLISECONDS)) {
                link.close(); // the server never closed: stop waiting, an orderly end all the same
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            link.close();
        }
    }
}
