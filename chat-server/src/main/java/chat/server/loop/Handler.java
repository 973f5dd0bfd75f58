package chat.server.loop;

import java.io.IOException;

/**
 * What the reactor calls when a registered channel is ready, as the file events of Redis's
 * {@code ae.c}. The reactor knows nothing else of what is behind a channel.
 *
 * <p>Reactor thread only.
 */
public interface Handler {

    /** The channel is readable (or, for a listening socket, has a connection to accept). */
    void onReadable() throws IOException;

    /** The channel takes writes again after refusing some. */
    default void onWritable() throws IOException {
    }

    /**
     * {@link #onReadable} or {@link #onWritable} threw: an {@link IOException} is the peer's doing
     * (reset, broken pipe), anything else a bug here (the reactor has logged it). Either way the
     * handler ends this channel alone; the loop goes on serving the rest.
     */
    void onFailure(Exception e);
}
