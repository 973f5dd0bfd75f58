package chat.server;

import chat.core.LineFramer;
import chat.server.store.Fsync;
import chat.server.store.MemoryHistory;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code java -jar chat-server.jar [options]}: parses the command line, starts the server and
 * waits for it. SIGINT and SIGTERM start a graceful shutdown (exit 0); a second one exits at once.
 *
 * <p>Main thread; the signal handler runs on a JVM signal thread and only calls
 * {@link ChatServer#stop()}, which hands the work to the reactor.
 */
@Command(name = "chat-server", mixinStandardHelpOptions = true, sortOptions = false,
        version = "chat-server 1.0",
        description = {"A TCP chat room. Chat with telnet, nc or chat-client.jar.", ""},
        footer = {"", "Sizes accept a k or m suffix (KiB, MiB). docs/operations.md explains every limit."})
public final class ServerMain implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = ServerConfig.DEFAULT_HOST,
            description = "Address to listen on; 0.0.0.0 opens the server to the network. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ServerConfig.DEFAULT_PORT,
            description = "TCP port. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--max-line-bytes", paramLabel = "SIZE", defaultValue = "" + LineFramer.DEFAULT_MAX_LINE_BYTES,
            converter = ByteSize.class,
            description = "Longest line a user may send; a longer one is refused with an error. Default: ${DEFAULT-VALUE}.")
    int maxLineBytes;

    @Option(names = "--history", paramLabel = "LINES", defaultValue = "" + ServerConfig.DEFAULT_HISTORY_LINES,
            description = "Lines each room replays to newcomers; 0 turns history off. Default: ${DEFAULT-VALUE}.")
    int historyLines;

    @Option(names = "--history-bytes", paramLabel = "SIZE", defaultValue = "32k", converter = ByteSize.class,
            description = "Most each room's history may hold (long lines keep fewer); with --max-connections this"
                    + " bounds all history's memory. Default: ${DEFAULT-VALUE}.")
    int historyBytes;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "",
            description = "Keep every room's history in DIR, so it survives restarts (one server per directory)."
                    + " Without it history is kept in memory only.")
    String dataDir;

    @Option(names = "--fsync", paramLabel = "WHEN", defaultValue = "everysec", converter = FsyncConverter.class,
            description = "How often history on disk is forced to the disk: always (after each batch of lines),"
                    + " everysec (a crash loses about the last second) or no (when the OS decides)."
                    + " Default: ${DEFAULT-VALUE}.")
    Fsync fsync;

    @Option(names = "--history-rooms", paramLabel = "N", defaultValue = "" + MemoryHistory.DEFAULT_MAX_ROOMS,
            description = "Rooms whose history is kept; past it, the room used longest ago loses its history."
                    + " Default: ${DEFAULT-VALUE}.")
    int historyRooms;

    @Option(names = "--history-days", paramLabel = "DAYS", defaultValue = "" + MemoryHistory.DEFAULT_MAX_AGE_DAYS,
            description = "Days a room's history is kept after its last line. Default: ${DEFAULT-VALUE}.")
    int historyDays;

    @Option(names = "--resume-window", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long after a dropped connection /resume TOKEN gives a user back their name, room and"
                    + " the lines they missed (for the first minute the name is kept for them)."
                    + " A number with s, m or h. Default: ${DEFAULT-VALUE}.")
    java.time.Duration resumeWindow;

    @Option(names = "--max-queued-bytes", paramLabel = "SIZE", defaultValue = "1m", converter = ByteSize.class,
            description = "Hard cap on a connection's unsent output; past it the connection is dropped at once as"
                    + " too slow to read. Default: ${DEFAULT-VALUE}.")
    int maxQueuedBytes;

    @Option(names = "--slow-queued-bytes", paramLabel = "SIZE", defaultValue = "256k", converter = ByteSize.class,
            description = "Soft cap: a connection over it for --slow-seconds is dropped as too slow to read; over half"
                    + " of it, the people talking to it wait for it. Default: ${DEFAULT-VALUE}.")
    int slowQueuedBytes;

    @Option(names = "--slow-seconds", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long a connection may stay over --slow-queued-bytes. Default: ${DEFAULT-VALUE}.")
    double slowSeconds;

    @Option(names = "--max-total-queued-bytes", paramLabel = "SIZE", defaultValue = "256m", converter = ByteSize.class,
            description = "All connections' unsent output together; at it, everyone's input waits until it drains."
                    + " Default: ${DEFAULT-VALUE}.")
    int maxTotalQueuedBytes;

    @Option(names = "--flood-burst", paramLabel = "LINES", defaultValue = "" + ServerConfig.DEFAULT_FLOOD_BURST,
            description = "Lines a user may send at once before flood control slows them. Default: ${DEFAULT-VALUE}.")
    int floodBurst;

    @Option(names = "--flood-rate", paramLabel = "PER_SECOND", defaultValue = "10",
            description = "Lines per second a user may send on average; extra lines are delayed, never dropped."
                    + " 0 turns flood control off. Default: ${DEFAULT-VALUE}.")
    double floodRate;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_MAX_CONNECTIONS,
            description = "Connections held at once; one more is told the server is full and closed."
                    + " Default: ${DEFAULT-VALUE}.")
    int maxConnections;

    @Option(names = "--max-connections-per-address", paramLabel = "N",
            defaultValue = "" + ServerConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
            description = "Connections one address may hold at once; 0 turns the limit off. Default: ${DEFAULT-VALUE}.")
    int maxConnectionsPerAddress;

    @Option(names = "--exempt-addresses", paramLabel = "LIST", defaultValue = "127.0.0.1,::1", split = ",",
            description = "IP addresses the per-address limit does not apply to. Default: ${DEFAULT-VALUE}.")
    List<String> exemptAddresses;

    @Option(names = "--redis", paramLabel = "URI", defaultValue = "",
            description = "Join the chat kept in this Redis, with every other server given the same one:"
                    + " redis://[[user]:password@]host:port[/db]. Without it this server is the whole chat."
                    + " docs/cluster.md explains it.")
    String redis;

    @Option(names = "--node", paramLabel = "NAME",
            description = "This server's name in the chat and in its logs. Default: the host's name and a random suffix.")
    String node;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
            description = "error, warn, info or debug. Default: ${DEFAULT-VALUE}.")
    String logLevel;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The parser, with one-line errors instead of a stack trace or a wall of usage. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new ServerMain());
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("chat-server: " + e.getMessage());
            cmd.getErr().println("Try 'java -jar chat-server.jar --help' for the options.");
            return 2;
        });
        return commandLine;
    }

    @Override
    public Integer call() throws InterruptedException {
        // Before any logger exists: SLF4J's simple backend reads its level once.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", logLevel);
        ServerConfig config;
        try {
            config = new ServerConfig(host, port, maxLineBytes, historyLines, historyBytes, maxQueuedBytes,
                    slowQueuedBytes, slowSeconds, maxTotalQueuedBytes, floodBurst, floodRate, maxConnections,
                    maxConnectionsPerAddress, exemptAddresses, redis, node == null ? ServerConfig.defaultNode() : node,
                    new ServerConfig.Storage(dataDir, fsync, historyRooms, historyDays), resumeWindow.toMillis());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ChatServer server;
        try {
            server = ChatServer.start(config);
        } catch (ChatServer.StartupException e) {
            spec.commandLine().getErr().println("chat-server: " + e.getMessage());
            return 1;
        }
        stopOnSignals(server);
        while (!server.awaitTermination(Long.MAX_VALUE)) {
            // awaitTermination only returns early if the thread is interrupted, which nobody does
        }
        return server.failed() ? 1 : 0;
    }

    private static void stopOnSignals(ChatServer server) {
        AtomicBoolean stopping = new AtomicBoolean();
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> {
                if (stopping.getAndSet(true)) {
                    Runtime.getRuntime().halt(1); // asked twice: the user wants out now
                }
                server.stop();
            });
        }
    }

    /** Reads durations such as {@code 90s}, {@code 10m} or {@code 1h}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<java.time.Duration> {
        @Override
        public java.time.Duration convert(String value) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,9})(s|m|h)").matcher(value.trim());
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (try 90s, 10m or 1h)");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> java.time.Duration.ofSeconds(n);
                case "m" -> java.time.Duration.ofMinutes(n);
                default -> java.time.Duration.ofHours(n);
            };
        }
    }

    /** Reads {@code --fsync}'s always, everysec or no. */
    static final class FsyncConverter implements CommandLine.ITypeConverter<Fsync> {
        @Override
        public Fsync convert(String value) {
            try {
                return Fsync.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Reads sizes such as {@code 4096}, {@code 256k} or {@code 1m}. */
    static final class ByteSize implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            String v = value.trim().toLowerCase(java.util.Locale.ROOT);
            long unit = 1;
            if (v.endsWith("k") || v.endsWith("kib")) {
                unit = 1024;
            } else if (v.endsWith("m") || v.endsWith("mib")) {
                unit = 1024 * 1024;
            }
            String digits = v.replaceAll("[a-z]+$", "");
            try {
                long bytes = Long.parseLong(digits) * unit;
                if (bytes > Integer.MAX_VALUE || bytes < 0) {
                    throw new CommandLine.TypeConversionException("'" + value + "' is too large");
                }
                return (int) bytes;
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a size (try 4096, 256k or 1m)");
            }
        }
    }
}
