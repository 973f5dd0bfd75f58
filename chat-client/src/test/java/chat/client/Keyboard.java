package chat.client;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The keys of a test terminal: bytes given to {@link #type} are read in order, a read waits for
 * the next key like a real keyboard, and after {@link #end} reads see the end of input.
 * Any thread may type; one thread (the terminal's) reads.
 */
final class Keyboard extends InputStream {

    private static final int END = -1;
    /** Keys typed and not yet read, as unsigned bytes; {@link #END} once ended, and it stays. */
    private final LinkedBlockingQueue<Integer> keys = new LinkedBlockingQueue<>();

    /** Types {@code text} (UTF-8); control keys as characters: "\t" Tab, "\u0003" Ctrl-C. */
    Keyboard type(String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            keys.add(b & 0xFF);
        }
        return this;
    }

    /** The keyboard goes away: the reader sees the end of input. */
    void end() {
        keys.add(END);
    }

    @Override
    public int read() throws InterruptedIOException {
        try {
            int key = keys.take();
            if (key == END) {
                keys.add(END); // the end of input is for good: every later read sees it too
            }
            return key;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for a key");
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws InterruptedIOException {
        if (length == 0) {
            return 0;
        }
        int first = read();
        if (first == END) {
            return END;
        }
        buffer[offset] = (byte) first;
        int n = 1;
        // Hand over what is already typed, without waiting for more.
        while (n < length) {
            Integer next = keys.peek();
            if (next == null || next == END) {
                break;
            }
            buffer[offset + n++] = (byte) (int) keys.poll();
        }
        return n;
    }

    @Override
    public int available() {
        int typed = keys.size();
        return keys.contains(END) ? typed - 1 : typed;
    }
}
