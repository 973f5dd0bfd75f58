package chat.client;

import chat.core.LineFramer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.Widget;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.InfoCmp;
import org.jline.utils.Status;

/**
 * The interactive client: a JLine {@link LineReader} with a yellow {@code >>> } prompt, Tab
 * completion and history, over a {@link ChatSession}. What the server sends is printed above
 * the prompt ({@link LineReader#printAbove}), so a half-typed line is redrawn below it, intact;
 * a line wider than the terminal is wrapped first, its continuation rows indented
 * ({@link LineWrapper}), so no part of it can pose as a line of its own.
 *
 * <p>Keys: Enter sends, unless a line is longer than the server takes ({@link #MAX_LINE_BYTES}):
 * then one line above the prompt says so and the text stays in place to be shortened. Ctrl-C
 * drops the line being typed (at an empty prompt, the first time, it says how to leave);
 * Ctrl-D on an empty line, {@code quit} and {@code exit} leave. The terminal belongs to the
 * caller, who restores it by closing it.
 *
 * <p>History ({@link ChatHistory}) leaves out password lines. Private messages and lines naming
 * me ring the bell, unless the bell is off.
 *
 * <p>Threads: {@link #run} on the keyboard thread (the caller's). Every line shown goes through
 * a {@link QueuedScreen}, whose own thread prints it with {@code printAbove} (which JLine makes
 * safe while a line is being read), so the link thread never waits for the reader. {@link #close}
 * is safe from any thread (a shutdown hook).
 */
public final class TerminalClient implements AutoCloseable {

    public static final String PROMPT = ">>> ";
    /** Typed lines kept in the history file; older ones are dropped. */
    static final int HISTORY_LINES = 1_000;
    /**
     * Longest line the client sends, in UTF-8 bytes: the server's default limit
     * ({@code --max-line-bytes}). The server would refuse a longer one, and by then the text
     * would be gone from the prompt.
     */
    static final int MAX_LINE_BYTES = LineFramer.DEFAULT_MAX_LINE_BYTES;
    /** Said once, the first time Ctrl-C is pressed at an empty prompt. */
    static final String HOW_TO_LEAVE = "*** (type /quit or press Ctrl-D to leave)";
    /** The widget that draws the status line under the reader's lock. */
    private static final String STATUS_WIDGET = "chat-status";

    private final Terminal terminal;
    private final Path historyFile;
    private final ServerRotation servers;
    private final Backoff backoff;
    /** The nickname to ask for on connecting and after each reconnect; null for the server's default. */
    private final String nick;
    /** Whether private messages and lines naming me ring the bell. */
    private final boolean bell;
    /** The time column in front of each line. */
    private final Timestamps timestamps;
    /** The status line last drawn (tests read it: the terminal gets only what changed); null before the first. */
    private final AtomicReference<AttributedString> shown = new AtomicReference<>();
    /** The session {@link #run} drives; null until run() starts, set before the first key is read. */
    private volatile ChatSession session;

    /** A client with the server's default nickname and the bell on. */
    public TerminalClient(Terminal terminal, Path historyFile, ServerRotation servers, Backoff backoff) {
        this(terminal, historyFile, servers, backoff, null, true);
    }

    /**
     * @param historyFile where typed lines are kept across runs; null keeps them for this run only
     * @param servers     where to reconnect after a loss; the first connection was opened through it
     * @param nick        the nickname to ask for after each welcome; null for the server's default
     * @param bell        whether private messages and lines naming me ring the terminal's bell
     */
    public TerminalClient(Terminal terminal, Path historyFile, ServerRotation servers, Backoff backoff, String nick,
            boolean bell) {
        this(terminal, historyFile, servers, backoff, nick, bell, Timestamps.OFF);
    }

    /** @param timestamps the time column in front of each line ({@code --timestamps}) */
    public TerminalClient(Terminal terminal, Path historyFile, ServerRotation servers, Backoff backoff, String nick,
            boolean bell, Timestamps timestamps) {
        this.timestamps = timestamps;
        this.terminal = terminal;
        this.historyFile = historyFile;
        this.servers = servers;
        this.backoff = backoff;
        this.nick = nick;
        this.bell = bell;
    }

    /** Runs the prompt on {@code first}, a connection already open, until the user leaves. */
    public void run(ServerLink first) throws InterruptedException {
        RoomState state = new RoomState();
        Path keptIn = historyFile != null && isWritable(historyFile) ? historyFile : null;
        if (keptIn != null) {
            createParent(keptIn);
        }
        LineReader reader = newReader(terminal, new ChatCompleter(state, this::requestRooms),
                new ChatHistory(this::secretAsked), keptIn);
        QueuedScreen screen = new QueuedScreen(screenOf(reader));
        refuseOverlongLines(reader, screen);
        ChatSession current = new ChatSession(screen, state, servers, backoff, nick, bell, timestamps);
        session = current;
        String prompt = new AttributedString(PROMPT, LineStyler.PROMPT).toAnsi(terminal);
        if (historyFile != null && reader.getVariable(LineReader.HISTORY_FILE) == null) {
            screen.show(LineStyler.status("*** Typed lines will not be kept: cannot write "
                    + historyFile + "."));
        }
        current.start(first);
        boolean toldHowToLeave = false;
        try {
            while (true) {
                String typed;
                try {
                    typed = reader.readLine(prompt);
                } catch (UserInterruptException interrupted) {
                    // Ctrl-C: the half-typed line is dropped and a fresh prompt drawn. At an empty
                    // prompt the user may be trying to leave, as Ctrl-C does elsewhere: say how, once.
                    if (interrupted.getPartialLine().isEmpty() && !toldHowToLeave) {
                        screen.show(LineStyler.status(HOW_TO_LEAVE));
                        toldHowToLeave = true;
                    }
                    continue;
                } catch (EndOfFileException endOfInput) {
                    current.leave("/quit"); // Ctrl-D on an empty line, or the keyboard went away
                    return;
                }
                if (current.submit(typed) == ChatSession.Outcome.LEAVE) {
                    return;
                }
            }
        } finally {
            current.close();
            screen.close(); // the goodbye and anything else still queued reach the terminal first
            closeStatus();
            saveHistory(reader);
        }
    }

    /** The status line last drawn, as text; "" before the first. */
    String statusLine() {
        AttributedString bar = shown.get();
        return bar == null ? "" : bar.toString();
    }

    /**
     * Takes the status line away and gives the terminal its whole height back (the scroll
     * region the status line set), so the shell after us is not confined above an empty row.
     */
    private void closeStatus() {
        Status status = Status.getExistingStatus(terminal).orElse(null);
        if (status == null || !canDrawStatus(terminal)) {
            return; // nothing was drawn (a dumb terminal), and Status.close would fail
        }
        status.update(List.of());
        status.close();
    }

    /** True if {@code terminal} can keep a line at the bottom: what JLine's {@link Status} needs. */
    static boolean canDrawStatus(Terminal terminal) {
        return terminal.getStringCapability(InfoCmp.Capability.change_scroll_region) != null
                && terminal.getStringCapability(InfoCmp.Capability.save_cursor) != null
                && terminal.getStringCapability(InfoCmp.Capability.restore_cursor) != null
                && terminal.getStringCapability(InfoCmp.Capability.cursor_address) != null;
    }

    /** Drops the connection at once (a shutdown hook); {@link #run} then ends at its next key. */
    @Override
    public void close() {
        ChatSession current = session;
        if (current != null) {
            current.close();
        }
    }

    /**
     * Shows lines above {@code reader}'s prompt, wrapped by {@link LineWrapper} at the width the
     * terminal has now (it can be resized between two lines). One printAbove per line, so the
     * half-typed line is redrawn once, below all of its rows.
     */
    private Screen screenOf(LineReader reader) {
        Status status = canDrawStatus(terminal) ? Status.getStatus(terminal) : null;
        if (status != null) {
            // The reader redraws the status line too (after each printAbove, on a resize), from its
            // own thread: drawing it under the reader's lock, as a widget, keeps the two apart.
            reader.getWidgets().put(STATUS_WIDGET, () -> {
                status.update(List.of(shown.get()));
                return true;
            });
        }
        return new Screen() {
            @Override
            public void status(AttributedString bar) {
                if (status == null) {
                    return;
                }
                shown.set(bar);
                try {
                    reader.callWidget(STATUS_WIDGET);
                } catch (IllegalStateException notReading) {
                    status.update(List.of(bar)); // no prompt yet, or none any more: nobody else draws
                }
            }

            @Override
            public void show(AttributedString line) {
                reader.printAbove(LineWrapper.wrap(line, terminal.getWidth()));
            }

            @Override
            public void ring() {
                if (!terminal.puts(InfoCmp.Capability.bell)) {
                    terminal.writer().write('\u0007'); // no terminfo entry: BEL is the bell everywhere
                }
                terminal.flush();
            }
        };
    }

    /**
     * Enter on a line longer than {@link #MAX_LINE_BYTES} (any line of a pasted block) does not
     * send it, and one status line above the prompt says so. The text is kept: in the buffer,
     * where it was, if it fits on the screen with that line; otherwise (4096 bytes fill a
     * 24-row terminal twice over) the buffer would hide the line saying why, so the text goes
     * to the history instead, one Up away, and the prompt is cleared.
     */
    private void refuseOverlongLines(LineReader reader, Screen screen) {
        Widget accept = reader.getWidgets().get(LineReader.ACCEPT_LINE);
        reader.getWidgets().put(LineReader.ACCEPT_LINE, () -> {
            String typed = reader.getBuffer().toString();
            int longest = 0;
            for (String line : typed.split("\\R")) {
                longest = Math.max(longest, line.getBytes(StandardCharsets.UTF_8).length);
            }
            if (longest <= MAX_LINE_BYTES) {
                return accept.apply();
            }
            boolean keptAtPrompt = fitsOnScreen(typed);
            if (!keptAtPrompt) {
                reader.getHistory().add(typed); // ChatHistory still leaves a secret out
                reader.getBuffer().clear();
            }
            screen.show(LineStyler.status(tooLong(longest, keptAtPrompt)));
            return true;
        });
    }

    /** True if the prompt with {@code typed} after it takes fewer rows than the terminal has, leaving one to say why. */
    private boolean fitsOnScreen(String typed) {
        int width = terminal.getWidth() > 0 ? terminal.getWidth() : LineWrapper.UNKNOWN_WIDTH_COLUMNS;
        int height = terminal.getHeight() > 0 ? terminal.getHeight() : 24;
        int rows = 0;
        String[] lines = typed.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            int columns = new AttributedString(lines[i]).columnLength() + (i == 0 ? PROMPT.length() : 0);
            rows += Math.max(1, (columns + width - 1) / width);
        }
        return rows < height - 1;
    }

    /**
     * The line said when Enter is refused for a line of {@code bytes} UTF-8 bytes, kept at the
     * prompt or (too tall for the screen) moved to the history.
     */
    static String tooLong(int bytes, boolean keptAtPrompt) {
        // Under 80 columns, so that on most terminals it is one row, unwrapped.
        return "*** Not sent: " + bytes + " bytes, over the server's " + MAX_LINE_BYTES + ". "
                + (keptAtPrompt ? "Shorten it and press Enter." : "Up brings it back to shorten.");
    }

    private boolean requestRooms() {
        ChatSession current = session;
        return current != null && current.requestRooms();
    }

    private boolean secretAsked() {
        ChatSession current = session;
        return current != null && current.secretAsked();
    }

    /** {@link #newReader(Terminal, Completer, History, Path)} with a history that keeps every line. */
    static LineReader newReader(Terminal terminal, Completer completer, Path historyFile) {
        return newReader(terminal, completer, new DefaultHistory(), historyFile);
    }

    /**
     * The prompt's reader on {@code terminal}: chat-friendly parsing, no {@code !} expansion,
     * case-insensitive completion that only extends what was typed ({@link PrefixMatcher}),
     * {@code history} kept in {@code historyFile} (null: this run only).
     */
    static LineReader newReader(Terminal terminal, Completer completer, History history, Path historyFile) {
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("chat")
                .parser(parser())
                .completer(completer)
                .completionMatcher(new PrefixMatcher())
                .history(history)
                .variable(LineReader.HISTORY_FILE_SIZE, HISTORY_LINES)
                .variable(LineReader.HISTORY_SIZE, HISTORY_LINES)
                // "!" is punctuation in chat, not a history reference: send "hi!!" as typed.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                // Names are case-insensitive on the server, so /NI and B complete too.
                .option(LineReader.Option.CASE_INSENSITIVE, true)
                // The server echoes every line sent; keeping the typed copy too would show it twice.
                .option(LineReader.Option.ERASE_LINE_ON_FINISH, true);
        if (historyFile != null) {
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        }
        return builder.build();
    }

    /** Splits a line into words at spaces only, for completion; the line itself is sent as typed. */
    static DefaultParser parser() {
        DefaultParser parser = new DefaultParser();
        // Chat is not shell syntax: an apostrophe or backslash is just a character and Enter
        // always ends the line. With quotes on, "don't" would wait for a closing quote.
        parser.setQuoteChars(new char[0]);
        parser.setEscapeChars(new char[0]);
        return parser;
    }

    /**
     * True if {@code file} can be written, or created: its nearest existing directory is
     * writable (the default place, {@code ~/.chat/history/}, does not exist on a first run).
     */
    private static boolean isWritable(Path file) {
        if (Files.exists(file)) {
            return Files.isWritable(file);
        }
        for (Path dir = file.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir)) {
                return Files.isDirectory(dir) && Files.isWritable(dir);
            }
        }
        return false;
    }

    /** Creates the directories above {@code file}; if that fails, the file cannot be written and is reported so. */
    private static void createParent(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException notCreated) {
            // isWritable said it could be; if it still cannot, the reader finds no file and says so below.
        }
    }

    private void saveHistory(LineReader reader) {
        if (reader.getVariable(LineReader.HISTORY_FILE) == null) {
            return;
        }
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            terminal.writer().println("Typed lines could not be saved to " + historyFile + ": " + e.getMessage());
            terminal.flush();
        }
    }
}
