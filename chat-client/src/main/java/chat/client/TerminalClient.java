package chat.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;

/**
 * The interactive client: a JLine {@link LineReader} with a yellow {@code >>> } prompt, Tab
 * completion and history, over a {@link ChatSession}. What the server sends is printed above
 * the prompt ({@link LineReader#printAbove}), so a half-typed line is redrawn below it, intact;
 * a line wider than the terminal is wrapped first, its continuation rows indented
 * ({@link LineWrapper}), so no part of it can pose as a line of its own.
 *
 * <p>Keys: Enter sends; Ctrl-C drops the line being typed; Ctrl-D on an empty line, {@code quit}
 * and {@code exit} leave. The terminal belongs to the caller, who restores it by closing it.
 *
 * <p>Threads: {@link #run} on the keyboard thread (the caller's); the link thread prints through
 * {@code printAbove}, which JLine makes safe while a line is being read. {@link #close} is safe
 * from any thread (a shutdown hook).
 */
public final class TerminalClient implements AutoCloseable {

    public static final String PROMPT = ">>> ";
    /** Typed lines kept in the history file; older ones are dropped. */
    static final int HISTORY_LINES = 1_000;

    private final Terminal terminal;
    private final Path historyFile;
    private final ServerRotation servers;
    private final Backoff backoff;
    /** The session {@link #run} drives; null until run() starts, set before the first key is read. */
    private volatile ChatSession session;

    /**
     * @param historyFile where typed lines are kept across runs; null keeps them for this run only
     * @param servers     where to reconnect after a loss; the first connection was opened through it
     */
    public TerminalClient(Terminal terminal, Path historyFile, ServerRotation servers, Backoff backoff) {
        this.terminal = terminal;
        this.historyFile = historyFile;
        this.servers = servers;
        this.backoff = backoff;
    }

    /** Runs the prompt on {@code first}, a connection already open, until the user leaves. */
    public void run(ServerLink first) throws InterruptedException {
        RoomState state = new RoomState();
        LineReader reader = newReader(terminal, new ChatCompleter(state, this::requestRooms),
                historyFile != null && isWritable(historyFile) ? historyFile : null);
        Screen screen = screenOf(reader);
        ChatSession current = new ChatSession(screen, state, servers, backoff);
        session = current;
        String prompt = new AttributedString(PROMPT, LineStyler.PROMPT).toAnsi(terminal);
        if (historyFile != null && reader.getVariable(LineReader.HISTORY_FILE) == null) {
            screen.show(LineStyler.status("*** Typed lines will not be kept: cannot write "
                    + historyFile + "."));
        }
        current.start(first);
        try {
            while (true) {
                String typed;
                try {
                    typed = reader.readLine(prompt);
                } catch (UserInterruptException interrupted) {
                    continue; // Ctrl-C: the half-typed line is dropped and a fresh prompt drawn
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
            saveHistory(reader);
        }
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
        return line -> reader.printAbove(LineWrapper.wrap(line, terminal.getWidth()));
    }

    private void requestRooms() {
        ChatSession current = session;
        if (current != null) {
            current.requestRooms();
        }
    }

    /**
     * The prompt's reader on {@code terminal}: chat-friendly parsing, no {@code !} expansion,
     * case-insensitive completion, history kept in {@code historyFile} (null: this run only).
     */
    static LineReader newReader(Terminal terminal, Completer completer, Path historyFile) {
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("chat")
                .parser(parser())
                .completer(completer)
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

    private static boolean isWritable(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return Files.exists(file) ? Files.isWritable(file) : parent != null && Files.isWritable(parent);
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
