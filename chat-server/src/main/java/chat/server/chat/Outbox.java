package chat.server.chat;

/**
 * Where a user's output goes: the seam between the chat (users, rooms, commands) and the
 * transport (a {@code chat.server.net.Connection}). Tests put a recording outbox here instead of a socket.
 *
 * <p>Reactor thread only.
 */
public interface Outbox {

    /** Queues encoded output; never blocks. */
    void deliver(byte[] frame);

    /** Sends what is queued, then closes. Nothing more will be delivered. */
    void closeAfterOutput(String why);
}
