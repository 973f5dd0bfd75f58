package chat.server.net;

import chat.server.chat.Chat;
import chat.server.loop.Timers;
import java.nio.ByteBuffer;

/**
 * What a {@link Connection} may ask of the rest of the server, narrow on purpose: the loop's
 * time and timers, the chat it hands lines to, admission, the server's output memory, the shared
 * read buffer, and the three hooks of the pass (flush me, doom me, I closed). Not the reactor.
 *
 * <p>Reactor thread only.
 */
interface ConnectionContext {
    long now();

    Timers timers();

    Chat chat();

    Admission admission();

    QueuedMemory memory();

    /** The output caps every connection shares. */
    Output.Limits outputLimits();

    /** What the network side has done, counted for the metrics. */
    Traffic traffic();

    /** The loop's shared read buffer (heap: the framer decodes straight from its array). */
    ByteBuffer readBuffer();

    void flushSoon(Connection connection);

    /** Read {@code connection} again before this pass ends: TLS holds input no event will announce. */
    void readSoon(Connection connection);

    /** What a TLS client on the plain port is told, naming the TLS port; null when there is none. */
    String answerToTls();

    /** What a plain-text client on the TLS port is told. */
    String answerToPlainText();

    void doom(Connection connection, String why);

    void closed(Connection connection, String why);
}
