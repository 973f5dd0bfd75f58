package chat.core;

/** The kind of a line the server sent, told by how it begins (see {@link Protocol}). */
public enum LineKind {
    CHAT, ACTION, NOTICE, ERROR, PRIVATE, HISTORY;

    /** The kind of {@code line}, a line as received without its line end. */
    public static LineKind of(String line) {
        if (line.startsWith(Protocol.NOTICE)) {
            return NOTICE;
        }
        if (line.startsWith(Protocol.ACTION)) {
            return ACTION;
        }
        if (line.startsWith(Protocol.ERROR)) {
            return ERROR;
        }
        if (line.startsWith(Protocol.PRIVATE_FROM) || line.startsWith(Protocol.PRIVATE_TO)) {
            return PRIVATE;
        }
        if (line.length() >= 8 && line.charAt(0) == '[' && line.charAt(3) == ':' && line.charAt(6) == ']') {
            return HISTORY;
        }
        return CHAT;
    }
}
