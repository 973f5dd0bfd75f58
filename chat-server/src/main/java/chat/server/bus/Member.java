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

    // What /whois, /away and /ignore need of a member (issue 13 §2). A member that lives on
    // another server knows only what its directory fetched with it.

    /** When the member connected, epoch milliseconds; 0 if unknown. */
    default long connectedAtMillis() {
        return 0;
    }

    /** When the member last said a line (or connected, if it never did), epoch milliseconds; 0 if unknown. */
    default long spokeAtMillis() {
        return 0;
    }

    /** The member's away message and since when; null while it is not away (or not known to be). */
    default Directory.Away away() {
        return null;
    }

    /** True if this member does not want to hear {@code nick} (/ignore): checked only where it is delivered. */
    default boolean ignores(String nick) {
        return false;
    }

    // Tagged mode (issue 12 §3): a member that asked for tags gets every line with them.

    /**
     * True if this member wants every line tagged ({@code /tags on}): a room then hands it the
     * tagged form of each event ({@link chat.core.TaggedFrame}), rendered once for all such members.
     */
    default boolean isTagged() {
        return false;
    }

    /**
     * Queues {@code event}, a line for this member alone, in the form it asked for: plain, or
     * tagged with the time of sending. A member elsewhere may carry the event itself there.
     */
    default void deliver(chat.core.Event event) {
        deliver(chat.core.Wire.frame(event));
    }
}
