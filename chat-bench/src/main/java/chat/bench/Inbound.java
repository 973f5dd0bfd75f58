package chat.bench;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Cuts what one connection receives into frames: lines for a chat server, RESP values for
 * Redis. Keeps what an unfinished frame has so far between reads. One per connection; its
 * event loop's thread only.
 */
sealed interface Inbound permits ChatInbound, RespReader {

    /** Where the frames go; the bytes handed over are valid only during the call. */
    interface Receiver {

        /** One whole frame arrived: a line, a reply, a pushed message. */
        void onFrame();

        /** A frame carried {@code bytes[from, to)}, which may be a measured line (a chat line, a pushed message's payload). */
        void onText(byte[] bytes, int from, int to);
    }

    /**
     * Frames {@code in} from its position to its limit; on return the position is at the limit.
     *
     * @throws IOException if the server said something that ends the connection (a Redis
     *     error reply, bytes that are not RESP); its message is a phrase for a report
     */
    void feed(ByteBuffer in, Receiver receiver) throws IOException;
}
