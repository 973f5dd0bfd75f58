package chat.client;

import org.jline.utils.AttributedString;

/**
 * Where the interactive client shows a line: above the prompt, leaving what the user is typing
 * where it was ({@code LineReader::printAbove}). Implementations must be safe from any thread:
 * the link thread shows what the server sends while the keyboard thread reads keys.
 */
@FunctionalInterface
public interface Screen {

    /** Shows one finished line (styled, already safe to print). */
    void show(AttributedString line);

    /** Rings the terminal's bell (a private message, a line naming me); a screen without one ignores it. */
    default void ring() {
    }

    /** Replaces the status line at the bottom ({@link StatusLine}); a screen without one ignores it. */
    default void status(AttributedString bar) {
    }
}
