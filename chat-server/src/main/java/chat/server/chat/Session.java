package chat.server.chat;

/**
 * A user's resume session while its connection is open: the hash of its token (the token is
 * never kept) and the user. Issued by {@link Sessions} on {@code /token}; once the connection
 * drops, what it takes to resume goes to a {@code SessionStore} instead.
 *
 * <p>Immutable; reactor thread only.
 */
final class Session {

    /** SHA-256 of the token, hex: the key {@link Sessions} finds it by. */
    final String tokenHash;
    final User user;

    Session(String tokenHash, User user) {
        this.tokenHash = tokenHash;
        this.user = user;
    }
}
