package chat.server.bus;

/**
 * Someone the chat delivers to: a room's member, a private message's recipient. Today every
 * member is a user connected to this process; a directory spanning processes would hand out
 * members that live elsewhere, delivering through the broker.
 *
 * <p>Reactor thread only.
 */
public interface Member {

    /** The member's current nickname. */
    String nick();

    /** The member's id, unique among the members of its server process. */
    long id();

    /**
     * Queues one encoded line (or several) for this member. Never blocks and never fails: a
     * member that cannot keep up is dealt with by its own connection, later in the pass.
     */
    void deliver(byte[] frame);
}
