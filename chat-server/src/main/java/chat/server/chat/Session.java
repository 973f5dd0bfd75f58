package chat.server.chat;

/**
 * What {@code /resume} gives back: a user's name and room, and where in that room's order it
 * was when its connection dropped. Issued by {@link Sessions} on {@code /token}; its token is
 * kept only as a hash.
 *
 * <p>Reactor thread only. A session is <em>attached</em> while its user's connection is open
 * ({@code user} not gone) and <em>dropped</em> after an abrupt end, until it is resumed or its
 * window ends; then it is gone from {@link Sessions}.
 */
final class Session {

    /** SHA-256 of the token, hex: the key {@link Sessions} finds it by. */
    final String tokenHash;
    /** The user it belongs to: the live one, or, once dropped, the one that left. */
    User user;
    /** Set when dropped: the name, the room, and the number of its last event the user was sent. */
    String nick;
    String roomName;
    long lastSeq;
    /** When it dropped (epoch ms); 0 while attached. */
    long droppedAtMillis;
    /** Cancels the name's reservation (while it holds) and the session's end. */
    Runnable cancelReserve = () -> { };
    Runnable cancelExpiry = () -> { };

    Session(String tokenHash, User user) {
        this.tokenHash = tokenHash;
        this.user = user;
    }

    boolean isDropped() {
        return droppedAtMillis != 0;
    }
}
