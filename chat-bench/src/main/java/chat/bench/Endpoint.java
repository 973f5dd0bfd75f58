package chat.bench;

import java.io.IOException;

/**
 * Something registered with an event loop's selector (the selection key's attachment): a pool
 * connection or a churn cycle. Every method runs on the owning loop's thread.
 */
sealed interface Endpoint permits ClientConnection, ChurnCycle {

    void onConnectable() throws IOException;

    void onReadable() throws IOException;

    void onWritable() throws IOException;

    /** An I/O error on this endpoint: close it and account for it. The loop goes on. */
    void fail(IOException error);
}
