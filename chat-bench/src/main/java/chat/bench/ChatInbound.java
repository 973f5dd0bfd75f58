package chat.bench;

import chat.core.LineFramer;
import java.nio.ByteBuffer;

/**
 * A chat connection's input: lines, cut by the product's own {@link LineFramer} on its byte
 * path (nothing is decoded). Every line is a frame and a text that may be measured. One per
 * connection; its event loop's thread only.
 */
final class ChatInbound implements Inbound, LineFramer.Sink {

    /** A line longer than this is not ours: it is skipped up to its end, unmeasured. */
    static final int MAX_LINE_BYTES = 16 * 1024;

    private final LineFramer framer = new LineFramer(MAX_LINE_BYTES);
    /** The receiver of the read being framed; set for the length of one {@link #feed}. */
    private Receiver receiver;

    @Override
    public void feed(ByteBuffer in, Receiver to) {
        receiver = to;
        try {
            framer.feed(in, this);
        } finally {
            receiver = null;
        }
    }

    @Override
    public boolean onLine(byte[] bytes, int offset, int length) {
        receiver.onFrame();
        receiver.onText(bytes, offset, offset + length);
        return true;
    }

    @Override
    public boolean onLine(String line) {
        return true; // never called: the byte form above takes every line
    }

    @Override
    public void onLineTooLong(int maxLineBytes) {
        // Not a measured line (those are short): nothing to record.
    }
}
