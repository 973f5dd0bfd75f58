package chat.server.net;

import java.util.Locale;

/**
 * Why a connection ended, as the metrics count it ({@code chat_departures_total{reason=...}}): a
 * short closed set read from the reason the connection logged when it closed, so the log and the
 * count cannot disagree. A new way to end a connection gets its reason text here, and its test in
 * DepartureTest.
 *
 * <p>Any thread (immutable).
 */
public enum Departure {
    /** {@code /quit}. */
    QUIT("quit"),
    /** The peer closed its end (EOF) after being in the chat. */
    EOF("connection closed"),
    /** Closed before it said anything (a port scan, a health check). */
    NEVER_ENTERED("closed before saying anything"),
    /** It spoke another protocol (HTTP, TLS...) and was told what this is. */
    FOREIGN_PROTOCOL("not a chat client"),
    /** A slow-reader cap dropped it. */
    SLOW_READER("too slow to read"),
    /** The server was stopping. */
    SHUTDOWN("server shutting down", "server stopped"),
    /** Its session was resumed from another connection ({@code /resume}). */
    RESUMED("resumed from another connection", "resumed on another server"),
    /** An operator's {@code /kick}. */
    KICKED("kicked by"),
    /** An operator's {@code /ban} of its name or address. */
    BANNED("banned by"),
    /** Anything else: a reset, a broken pipe, another I/O error, or a bug here. */
    ERROR;

    private static final Departure[] ALL = values();

    /** How the reasons this stands for begin (a reason may go on: "quit: bye", "...; timed out while closing"). */
    private final String[] prefixes;
    /** The label value: the name in lower case. */
    private final String label;

    Departure(String... prefixes) {
        this.prefixes = prefixes;
        this.label = name().toLowerCase(Locale.ROOT);
    }

    /** The departure {@code why} (a reason a connection closed with) stands for. */
    public static Departure of(String why) {
        if (why != null) {
            for (Departure departure : ALL) {
                for (String prefix : departure.prefixes) {
                    if (why.startsWith(prefix)) {
                        return departure;
                    }
                }
            }
        }
        return ERROR;
    }

    /** The value of the {@code reason} label. */
    public String label() {
        return label;
    }
}
