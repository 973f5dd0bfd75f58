package chat.client;

import chat.testkit.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;

/**
 * A {@link TerminalClient} running on its own thread against a JLine dumb terminal whose keys
 * come from a {@link Keyboard} and whose screen is a byte buffer, as JLine's own reader tests
 * do. The terminal is set up like a real one: Ctrl-C interrupts, Ctrl-D ends input.
 */
final class PromptHarness implements AutoCloseable {

    /** Reconnects come quickly, so tests of a lost connection take milliseconds. */
    static final Backoff TINY_BACKOFF = new Backoff(Duration.ofMillis(5), Duration.ofMillis(20));
    /** The terminal's fixed width, for tests of wrapping. */
    static final int WIDTH_COLUMNS = 120;

    final Keyboard keys = new Keyboard();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final Terminal terminal;
    private final TerminalClient client;
    private final Thread thread;
    /** What ended run() with an exception, if anything did. */
    private volatile Throwable failure;

    /**
     * Connects through {@code servers} and starts the prompt; after a loss it dials through them again.
     *
     * @param type JLine terminal type: "ansi" (as JLine's ReaderTestSupport) completes on Tab
     *     and shows colours; on "dumb" JLine inserts a Tab instead of completing
     */
    PromptHarness(ServerRotation servers, Path historyFile, String type) throws IOException {
        this(servers, historyFile, type, null, true);
    }

    /**
     * As {@link #PromptHarness(ServerRotation, Path, String)}, asking for {@code nick} (null: none)
     * on connecting, with the bell on or off.
     */
    PromptHarness(ServerRotation servers, Path historyFile, String type, String nick, boolean bell) throws IOException {
        this(servers, historyFile, type, nick, bell, Timestamps.OFF);
    }

    /** As above, with the time column {@code timestamps} in front of each line. */
    PromptHarness(ServerRotation servers, Path historyFile, String type, String nick, boolean bell,
            Timestamps timestamps) throws IOException {
        terminal = new DumbTerminal("test", type, keys, screen, StandardCharsets.UTF_8);
        terminal.setSize(new Size(WIDTH_COLUMNS, 40));
        Attributes attributes = terminal.getAttributes();
        attributes.setLocalFlag(Attributes.LocalFlag.ISIG, true);
        attributes.setControlChar(Attributes.ControlChar.VINTR, 3);
        attributes.setControlChar(Attributes.ControlChar.VEOF, 4);
        // Every signal key needs a value, as on a real tty: JLine reads an unset one as -1, which
        // is also the end of input, and would then raise that signal instead of ending.
        attributes.setControlChar(Attributes.ControlChar.VQUIT, 28);
        attributes.setControlChar(Attributes.ControlChar.VSUSP, 26);
        attributes.setControlChar(Attributes.ControlChar.VSTATUS, 20);
        terminal.setAttributes(attributes);
        client = new TerminalClient(terminal, historyFile, servers, TINY_BACKOFF, nick, bell, timestamps);
        ServerLink first = servers.dial();
        thread = new Thread(() -> {
            try {
                client.run(first);
            } catch (Throwable t) {
                failure = t;
            }
        }, "prompt-harness");
        thread.setDaemon(true);
        thread.start();
    }

    PromptHarness(int port, Path historyFile) throws IOException {
        this(new DialTarget(port).rotation(), historyFile, "ansi");
    }

    /** Changes the terminal's size, as a user resizing the window would. */
    void resize(int columns, int rows) {
        terminal.setSize(new Size(columns, rows));
    }

    PromptHarness type(String text) {
        keys.type(text);
        return this;
    }

    /** Everything written to the terminal so far, escape sequences included. */
    String rawScreen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    /** The text written to the terminal so far, without colours and cursor movements. */
    String screen() {
        return rawScreen().replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "");
    }

    /** How many times the terminal's bell (BEL) was rung; the server's own BELs reach the screen as ^G. */
    long bells() {
        return rawScreen().chars().filter(c -> c == 0x07).count();
    }

    /** The status line the client last drew, as text. */
    String statusLine() {
        return client.statusLine();
    }

    void awaitScreen(String text) {
        Await.until(() -> screen().contains(text), () -> "\"" + text + "\" on the screen; it shows:\n" + screen());
    }

    /** Waits for run() to return, and fails if it threw. */
    void awaitEnd() {
        Await.until(() -> !thread.isAlive(), "the prompt to end");
        if (failure != null) {
            throw new AssertionError("run() failed", failure);
        }
    }

    boolean isRunning() {
        return thread.isAlive();
    }

    @Override
    public void close() {
        client.close();
        keys.end();
        try {
            thread.join(Await.DEADLINE.toMillis());
            terminal.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
