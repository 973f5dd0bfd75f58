package chat.core;

/**
 * The kind of a line the server sent, told by how it begins, with the prefixes {@link Wire}
 * defines (checked in the order docs/protocol.md gives). Cheaper than {@link Wire#parse} and
 * total: any line has a kind, even one no form matches, so a client can style every line.
 * Stateless.
 */
public enum LineKind {
    CHAT, ACTION, NOTICE, ERROR, PRIVATE, HISTORY;

    /** The kind of {@code line}, a line as received without its line end. */
    public static LineKind of(String line) {
        if (line.startsWith(Wire.NOTICE_PREFIX)) {
            return NOTICE;
        }
        if (line.startsWith(Wire.ACTION_PREFIX)) {
            return ACTION;
        }
        if (line.startsWith(Wire.ERROR_PREFIX)) {
            return ERROR;
        }
        if (line.startsWith(Wire.PRIVATE_FROM_PREFIX) || line.startsWith(Wire.PRIVATE_TO_PREFIX)) {
            return PRIVATE;
        }
        if (Wire.isStamped(line)) {
            return HISTORY;
        }
        return CHAT;
    }
}
