package chat.server;

/**
 * Someone a room delivers to: the seam between rooms and connections. Today every member is a
 * {@link Connection} of this process; a broker bridge would add members that live elsewhere.
 *
 * <p>Reactor thread only.
 */
interface Member {

    /** The member's current nickname. */
    String nick();

    /**
     * Queues one encoded line (or several) for this member. Never blocks and never fails: a
     * member that cannot keep up is dealt with by its own connection, later in the pass.
     */
    void deliver(byte[] frame);
}
