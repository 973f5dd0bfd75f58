package chat.server.net;

import java.util.Locale;

/**
 * What the network side has done since start, counted as it happens: plain {@code long}
 * increments on the loop (a delivery costs one, no allocation, no atomic), read by other threads
 * only as a {@link Frozen} copy the loop takes ({@code chat.server.metrics.LoopSnapshot}).
 *
 * <p>Reactor thread only; a {@link Frozen} is immutable. Every field only grows.
 */
public final class Traffic {

    /** Why a connection was refused at the door, before anyone heard of it. */
    public enum Refusal {
        /** {@code --max-connections} connections were open. */
        SERVER_FULL,
        /** Its address held {@code --max-connections-per-address} already. */
        PER_ADDRESS,
        /** Its address is banned ({@code /ban ADDRESS|CIDR}). */
        BANNED;

        /** The value of the {@code reason} label. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a TLS handshake ended. */
    public enum TlsOutcome {
        /** It finished: the connection goes on into the chat. */
        COMPLETED,
        /** TLS refused it (no common version or cipher, a bad record...). */
        FAILED,
        /** The client typed plain text on the TLS port and was told so in one line. */
        PLAIN_TEXT,
        /** The client closed its connection before the handshake finished. */
        CLOSED,
        /** It was not finished within the handshake deadline. */
        TIMED_OUT;

        /** The value of the {@code result} label. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Connections accepted (refused ones are not). */
    long arrivals;
    /** Connections closed, by {@link Departure}. */
    final long[] departures = new long[Departure.values().length];
    /** Connections refused, by {@link Refusal}. */
    final long[] refusals = new long[Refusal.values().length];
    /** Times accepting failed (out of file descriptors) and the acceptor paused. */
    long acceptFailures;
    /** Lines users sent that were handled (said or a command). */
    long linesReceived;
    /** Lines refused as longer than {@code --max-line-bytes}. */
    long linesTooLong;
    /** Frames queued to connections: one per line per recipient. */
    long deliveries;
    /** Bytes the sockets took. */
    long bytesSent;
    /** Connections dropped at once at the hard cap ({@code --max-queued-bytes}). */
    long slowHardDrops;
    /** Connections dropped for staying over the soft cap for {@code --slow-seconds}. */
    long slowSoftDrops;
    /** Times a connection's input was held because flood control had no allowance left. */
    long floodDelays;
    /** TLS handshakes that ended, by {@link TlsOutcome}. */
    final long[] tlsHandshakes = new long[TlsOutcome.values().length];
    /** TLS handshake steps that waited for a later pass (one step per pass: {@link Handshakes}). */
    long tlsStepsDeferred;
    /** TLS handshakes refused because every handshake thread was busy and their queue full. */
    long tlsHandshakesRefused;

    void departed(String why) {
        departures[Departure.of(why).ordinal()]++;
    }

    void refused(Refusal why) {
        refusals[why.ordinal()]++;
    }

    void handshakeEnded(TlsOutcome how) {
        tlsHandshakes[how.ordinal()]++;
    }

    /** The counts now, for another thread. */
    public Frozen freeze() {
        return new Frozen(arrivals, departures.clone(), refusals.clone(), acceptFailures, linesReceived,
                linesTooLong, deliveries, bytesSent, slowHardDrops, slowSoftDrops, floodDelays,
                tlsHandshakes.clone(), tlsStepsDeferred, tlsHandshakesRefused);
    }

    /**
     * The counts at one moment, as {@link Traffic}'s fields say; {@code departures} is indexed
     * by {@link Departure}, {@code refusals} by {@link Refusal}, {@code tlsHandshakes} by
     * {@link TlsOutcome}; never modified.
     */
    public record Frozen(long arrivals, long[] departures, long[] refusals, long acceptFailures, long linesReceived,
            long linesTooLong, long deliveries, long bytesSent, long slowHardDrops, long slowSoftDrops,
            long floodDelays, long[] tlsHandshakes, long tlsStepsDeferred, long tlsHandshakesRefused) {

        public static final Frozen EMPTY = new Traffic().freeze();

        public long departures(Departure why) {
            return departures[why.ordinal()];
        }

        public long refusals(Refusal why) {
            return refusals[why.ordinal()];
        }

        public long tlsHandshakes(TlsOutcome how) {
            return tlsHandshakes[how.ordinal()];
        }
    }
}
