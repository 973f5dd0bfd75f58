package chat.bench;

import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * Options every mode shares: where the servers are and what they speak, how the generator runs
 * and how it reports.
 * Picocli fills the fields while parsing; they are read-only afterwards, and {@link #validate}
 * turns them into the {@link Addresses} every connection is aimed at (main thread).
 */
final class TargetOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Server host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "2020", description = "Server port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--addr", split = ",", paramLabel = "HOST:PORT",
            description = "Several servers instead of --host and --port, e.g. 127.0.0.1:2020,127.0.0.1:2021:"
                    + " of N addresses, connection i (and so sender i) goes to address i mod N, counting from 0.")
    List<String> addr;

    /** Where the connections go: --addr, or --host and --port; set by {@link #validate}. */
    private Addresses addresses;

    /** The kinds of server the generator speaks to. */
    enum Kind {
        CHAT(ChatWire.INSTANCE), REDIS(RedisWire.INSTANCE);

        final Wire wire;

        Kind(Wire wire) {
            this.wire = wire;
        }
    }

    @Option(names = "--target", paramLabel = "KIND", defaultValue = "chat", converter = KindConverter.class,
            description = "What the servers are: chat (a line-based chat server; rooms by /join) or redis"
                    + " (Redis pub/sub: receivers SUBSCRIBE to a channel per room, S more connections PUBLISH)"
                    + " (default: ${DEFAULT-VALUE}).")
    Kind kind;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "NIO event-loop threads carrying all connections (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--room", paramLabel = "ROOM",
            description = "If set, every connection first sends /join ROOM (chat) or subscribes to channel ROOM"
                    + " (redis; default: room). With --rooms R, the rooms are ROOM0 to ROOM(R-1) (default: room0...).")
    String room;

    @Option(names = "--json", description = "One JSON object per result, on one line, instead of a readable summary.")
    boolean json;

    @Option(names = "--server-pid", paramLabel = "PID", defaultValue = "-1",
            description = "The server's process id (Linux): its CPU use is reported, and in idle mode its memory.")
    long serverPid;

    void validate() {
        addresses = addr == null ? hostAndPort() : fromAddr();
        if (threads < 1 || threads > 64) {
            throw new ParameterException(mixee.commandLine(), "--threads must be 1-64, got " + threads);
        }
        if (room != null && (room.isBlank() || room.contains(" "))) {
            throw new ParameterException(mixee.commandLine(), "--room must be one word, got '" + room + "'");
        }
        if (serverPid != -1 && !ProcessProbe.exists(serverPid)) {
            throw new ParameterException(mixee.commandLine(), "--server-pid " + serverPid + " is not a running process");
        }
    }

    /** How the target is spoken to. */
    Wire wire() {
        return kind.wire;
    }

    /**
     * The pool of {@code rooms} rooms of {@code receiversPerRoom} receivers and {@code senders}
     * senders in all, named after {@code inRoom} (null: the target's default), spoken to as {@code --target} says.
     */
    PoolLayout layout(String inRoom, int rooms, int receiversPerRoom, int senders) {
        return PoolLayout.of(kind.wire, inRoom, rooms, receiversPerRoom, senders);
    }

    /**
     * Starts the loops and opens the pool {@code layout} describes, then lets it settle; fails
     * with a sentence unless every connection opened and is still open.
     *
     * @param spare connections the run will open besides these (churn), for the fd check
     */
    ClientPool connect(PoolLayout layout, int spare, Report report) {
        ClientPool pool = ClientPool.start(addresses, threads);
        try {
            int connections = layout.connections();
            ConnectReport opened = pool.open(layout, spare);
            if (!opened.complete()) {
                throw new BenchException("Only " + Report.count(opened.connected()) + " of "
                        + Report.count(connections) + " connections to " + pool.target() + " opened (first error: "
                        + opened.firstError() + ")." + ClientPool.hint(opened.firstError(), pool.addresses()));
            }
            String who = layout.wire().sendersReceive()
                    ? Report.count(connections) + " clients"
                    : Report.count(layout.receivers()) + " subscribers and " + Report.count(layout.senders()) + " publishers";
            String where = layout.describe();
            report.note("connected " + who + " to " + pool.target() + " in "
                    + Report.seconds(opened.seconds()) + (where.isEmpty() ? "" : ", " + where));
            String problem = pool.settle();
            if (problem != null) {
                report.note(problem);
            }
            long lost = connections - pool.sum(LoopProgress::open);
            if (lost > 0) {
                throw new BenchException(Report.count(lost) + " of " + Report.count(connections) + " connections to "
                        + pool.target() + " ended before the run (first: " + pool.firstLossReason() + ").");
            }
            return pool;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** The servers, once {@link #validate} has run. */
    Addresses addresses() {
        return addresses;
    }

    Report report() {
        return new Report(mixee.commandLine().getOut(), mixee.commandLine().getErr(), json, addresses.names());
    }

    /** {@code chat} or {@code redis}, in any case. */
    static final class KindConverter implements ITypeConverter<Kind> {
        @Override
        public Kind convert(String value) {
            for (Kind candidate : Kind.values()) {
                if (candidate.wire.name().equalsIgnoreCase(value.trim())) {
                    return candidate;
                }
            }
            throw new TypeConversionException("'" + value + "' is neither chat nor redis");
        }
    }

    private Addresses hostAndPort() {
        if (port < 1 || port > 65535) {
            throw new ParameterException(mixee.commandLine(), "--port must be 1-65535, got " + port);
        }
        return Addresses.of(host, port);
    }

    private Addresses fromAddr() {
        ParseResult parsed = mixee.commandLine().getParseResult();
        // Both at once would leave one of them silently unused.
        if (parsed.hasMatchedOption("--host") || parsed.hasMatchedOption("--port")) {
            throw new ParameterException(mixee.commandLine(), "--addr names every server: leave out --host and --port");
        }
        try {
            return Addresses.parse(addr);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), e.getMessage());
        }
    }
}
