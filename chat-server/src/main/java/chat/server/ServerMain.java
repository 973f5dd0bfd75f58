package chat.server;

import chat.core.LineFramer;
import chat.server.moderation.ModerationSettings;
import chat.server.moderation.Operators;
import chat.server.store.Fsync;
import chat.server.store.MemoryHistory;
import chat.server.tls.TlsSettings;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code java -jar chat-server.jar [options]}: parses the command line, starts the server and
 * waits for it. SIGINT and SIGTERM start a graceful shutdown (exit 0); a second one exits at once
 * ({@link ShutdownSignals}).
 *
 * <p>Every option is read strictly: a value that is not exactly a number, size or level of the
 * kind the option takes is refused with one line naming the flag, never cut short to the part
 * that parsed ({@code 8KB} once gave an 8-byte limit).
 *
 * <p>Main thread.
 */
@Command(name = "chat-server", mixinStandardHelpOptions = true, sortOptions = false,
        version = "chat-server 1.0",
        description = {"A TCP chat room. Chat with telnet, nc or chat-client.jar.", ""},
        footer = {"", "SIZE is a whole number of bytes with an optional unit: k, KB or KiB (all three mean 1024 bytes),"
                + " m, MB or MiB (1024 KiB), g, GB or GiB (1024 MiB), in any case. docs/operations.md explains every"
                + " limit."})
public final class ServerMain implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = ServerConfig.DEFAULT_HOST,
            description = "Address to listen on; 0.0.0.0 opens the server to the network. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ServerConfig.DEFAULT_PORT,
            converter = WholeNumber.class,
            description = "TCP port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--max-line-bytes", paramLabel = "SIZE", defaultValue = "" + LineFramer.DEFAULT_MAX_LINE_BYTES,
            converter = IntSize.class,
            description = "Longest line a user may send; a longer one is refused with an error. Default: ${DEFAULT-VALUE}.")
    int maxLineBytes;

    @Option(names = "--history", paramLabel = "LINES", defaultValue = "" + ServerConfig.DEFAULT_HISTORY_LINES,
            converter = WholeNumber.class,
            description = "Lines each room replays to newcomers; 0 turns history off. Default: ${DEFAULT-VALUE}.")
    int historyLines;

    @Option(names = "--history-bytes", paramLabel = "SIZE", defaultValue = "32k", converter = IntSize.class,
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

    @Option(names = "--history-rooms", paramLabel = "N", defaultValue = "" + MemoryHistory.DEFAULT_MAX_ROOMS, converter = WholeNumber.class,
            description = "Rooms whose history is kept; past it, the room used longest ago loses its history."
                    + " Default: ${DEFAULT-VALUE}.")
    int historyRooms;

    @Option(names = "--history-days", paramLabel = "DAYS", defaultValue = "" + MemoryHistory.DEFAULT_MAX_AGE_DAYS, converter = WholeNumber.class,
            description = "Days a room's history is kept after its last line. Default: ${DEFAULT-VALUE}.")
    int historyDays;

    @Option(names = "--resume-window", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long after a dropped connection /resume TOKEN gives a user back their name, room and"
                    + " the lines they missed (for the first minute the name is kept for them)."
                    + " A number with s, m or h. Default: ${DEFAULT-VALUE}.")
    java.time.Duration resumeWindow;

    @Option(names = "--max-queued-bytes", paramLabel = "SIZE", defaultValue = "1m", converter = IntSize.class,
            description = "Hard cap on a connection's unsent output; past it the connection is dropped at once as"
                    + " too slow to read. Default: ${DEFAULT-VALUE}.")
    int maxQueuedBytes;

    @Option(names = "--slow-queued-bytes", paramLabel = "SIZE", defaultValue = "256k", converter = IntSize.class,
            description = "Soft cap: a connection over it for --slow-seconds is dropped as too slow to read; over half"
                    + " of it, the people talking to it wait for it. Default: ${DEFAULT-VALUE}.")
    int slowQueuedBytes;

    @Option(names = "--slow-seconds", paramLabel = "SECONDS", defaultValue = "10", converter = Decimal.class,
            description = "How long a connection may stay over --slow-queued-bytes. Default: ${DEFAULT-VALUE}.")
    double slowSeconds;

    @Option(names = "--max-total-queued-bytes", paramLabel = "SIZE", defaultValue = "256m", converter = LongSize.class,
            description = "All connections' unsent output together; at it, everyone's input waits until it drains."
                    + " Default: ${DEFAULT-VALUE}.")
    long maxTotalQueuedBytes;

    @Option(names = "--flood-burst", paramLabel = "LINES", defaultValue = "" + ServerConfig.DEFAULT_FLOOD_BURST,
            converter = WholeNumber.class,
            description = "Lines a user may send at once before flood control slows them. Default: ${DEFAULT-VALUE}.")
    int floodBurst;

    @Option(names = "--flood-rate", paramLabel = "PER_SECOND", defaultValue = "10", converter = Decimal.class,
            description = "Lines per second a user may send on average; extra lines are delayed, never dropped."
                    + " 0 turns flood control off. Default: ${DEFAULT-VALUE}.")
    double floodRate;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_MAX_CONNECTIONS,
            converter = WholeNumber.class,
            description = "Connections held at once; one more is told the server is full and closed."
                    + " Default: ${DEFAULT-VALUE}.")
    int maxConnections;

    @Option(names = "--max-connections-per-address", paramLabel = "N",
            defaultValue = "" + ServerConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
            converter = WholeNumber.class,
            description = "Connections one address may hold at once; 0 turns the limit off. Default: ${DEFAULT-VALUE}.")
    int maxConnectionsPerAddress;

    @Option(names = "--exempt-addresses", paramLabel = "LIST", defaultValue = "127.0.0.1,::1", split = ",",
            description = "IP addresses the per-address limit does not apply to. Default: ${DEFAULT-VALUE}.")
    List<String> exemptAddresses;

    // Issue 15 §1: big rooms (docs/operations.md, "Big rooms").

    @Option(names = "--coalesce-joins-above", paramLabel = "N", defaultValue = "20", converter = WholeNumber.class,
            description = "In a room of more than N people, the joins, leaves and returns of one moment are told in"
                    + " one line (\"ann, bob and 37 others joined #lobby\"). Default: ${DEFAULT-VALUE}.")
    int coalesceJoinsAbove;

    @Option(names = "--quiet-joins-above", paramLabel = "N", defaultValue = "200", converter = WholeNumber.class,
            description = "In a room of more than N people, joins and leaves are told only for people who spoke there"
                    + " in the last 5 minutes (programs in tagged mode still hear of all). Default: ${DEFAULT-VALUE}.")
    int quietJoinsAbove;

    @Option(names = "--redis", paramLabel = "URI", defaultValue = "",
            description = "Join the chat kept in this Redis, with every other server given the same one:"
                    + " redis://[[user]:password@]host:port[/db]. Without it this server is the whole chat."
                    + " docs/cluster.md explains it.")
    String redis;

    @Option(names = "--node", paramLabel = "NAME",
            description = "This server's name in the chat and in its logs. Default: the host's name and a random suffix.")
    String node;

    // Issue 14 §3: moderation (docs/operations.md, "Moderation").

    @Option(names = "--operators", paramLabel = "FILE",
            description = "Who may become an operator with /oper: one NAME HASH a line (# starts a comment),"
                    + " each HASH printed by --hash-password. Without it there are no operators.")
    java.nio.file.Path operatorsFile;

    @Option(names = "--motd", paramLabel = "FILE",
            description = "A message of the day: each line of FILE is shown to every newcomer after the welcome.")
    java.nio.file.Path motdFile;

    @Option(names = "--hash-password",
            description = "Read one password line on standard input, print the HASH to put in the --operators file, exit.")
    boolean hashPassword;

    @Option(names = "--metrics", paramLabel = "[HOST:]PORT", converter = MetricsAddress.class,
            description = "Serve Prometheus metrics at http://HOST:PORT/metrics and the server's health at /health"
                    + " (ready, draining, broker down). A port alone listens on 127.0.0.1. Default: off."
                    + " docs/operations.md lists the metrics.")
    java.net.InetSocketAddress metrics;

    // ---- TLS (docs/operations.md, "TLS") ----

    @Option(names = "--tls-port", paramLabel = "PORT", converter = WholeNumber.class,
            description = "Also listen for TLS on this port (6697 is IRC's), same host, same chat. With neither"
                    + " --tls-cert nor --tls-keystore the server makes a self-signed certificate (kept in --data-dir)"
                    + " and logs its SHA-256 fingerprint.")
    Integer tlsPort;

    @Option(names = "--tls-cert", paramLabel = "FILE", defaultValue = "",
            description = "The TLS certificate chain, PEM (Let's Encrypt's fullchain.pem); with --tls-key.")
    String tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", defaultValue = "",
            description = "The certificate's private key, PEM, unencrypted, RSA or EC (Let's Encrypt's privkey.pem).")
    String tlsKey;

    @Option(names = "--tls-keystore", paramLabel = "FILE", defaultValue = "",
            description = "A PKCS#12 keystore holding the key and chain, instead of --tls-cert and --tls-key.")
    String tlsKeystore;

    @Option(names = "--tls-keystore-password-file", paramLabel = "FILE", defaultValue = "",
            description = "A file whose first line is the keystore's password. Default: an empty password.")
    String tlsKeystorePasswordFile;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info", converter = LogLevel.class,
            description = "error, warn, info or debug. Default: ${DEFAULT-VALUE}.")
    String logLevel;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The parser, with one-line errors instead of a stack trace or a wall of usage. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new ServerMain());
        commandLine.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("chat-server: " + oneLine(e));
            return 2;
        });
        return commandLine;
    }

    /**
     * What was wrong, as one line naming the flag: a converter's refusal gets the flag in front
     * ({@code --port: 'x' is not a whole number}); picocli's own messages already name it.
     */
    private static String oneLine(ParameterException e) {
        if (e.getCause() instanceof TypeConversionException refused && e.getArgSpec() instanceof OptionSpec option) {
            return option.longestName() + ": " + refused.getMessage();
        }
        if (e instanceof CommandLine.UnmatchedArgumentException) {
            return e.getMessage() + " (--help lists the options)";
        }
        return e.getMessage();
    }

    @Override
    public Integer call() throws InterruptedException {
        if (hashPassword) {
            return PasswordPrompt.printHash(spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        // Before any logger exists: SLF4J's simple backend reads its level once.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", logLevel);
        ModerationSettings moderation = moderationSettings();
        ServerConfig config;
        TlsSettings tls;
        try {
            tls = new TlsSettings(tlsPort == null ? TlsSettings.OFF_PORT : tlsPort, tlsCert, tlsKey, tlsKeystore,
                    tlsKeystorePasswordFile);
            config = new ServerConfig(host, port, maxLineBytes, historyLines, historyBytes, maxQueuedBytes,
                    slowQueuedBytes, slowSeconds, maxTotalQueuedBytes, floodBurst, floodRate, maxConnections,
                    maxConnectionsPerAddress, exemptAddresses, redis, node == null ? ServerConfig.defaultNode() : node,
                    new ServerConfig.Storage(dataDir, fsync, historyRooms, historyDays), resumeWindow.toMillis(),
                    new ServerConfig.Crowd(coalesceJoinsAbove, quietJoinsAbove));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ChatServer server;
        try {
            server = ChatServer.start(config, moderation, metrics, tls);
        } catch (ChatServer.StartupException e) {
            spec.commandLine().getErr().println("chat-server: " + e.getMessage());
            return 1;
        }
        ShutdownSignals.stop(server);
        while (!server.awaitTermination(Long.MAX_VALUE)) {
            // awaitTermination only returns early if the thread is interrupted, which nobody does
        }
        return server.failed() ? 1 : 0;
    }

    /**
     * The operators file and the message of the day, read now: a file that is missing or wrong
     * is refused with one line naming it (and the line, for the operators file), exit 2.
     */
    private ModerationSettings moderationSettings() {
        Operators operators = Operators.NONE;
        List<String> motd = List.of();
        try {
            if (operatorsFile != null) {
                operators = Operators.load(operatorsFile);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (motdFile != null) {
            try {
                motd = java.nio.file.Files.readAllLines(motdFile, java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--motd " + motdFile + ": no such file");
            } catch (java.io.IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--motd " + motdFile
                        + ": cannot be read as UTF-8 text (" + e.getClass().getSimpleName() + ")");
            }
            if (motd.size() > MAX_MOTD_LINES) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--motd " + motdFile + ": " + motd.size()
                        + " lines; at most " + MAX_MOTD_LINES);
            }
        }
        return new ModerationSettings(operators, motd);
    }

    /** The longest message of the day: every newcomer gets all of it. */
    static final int MAX_MOTD_LINES = 100;

    /**
     * {@code --metrics}: {@code PORT} (on 127.0.0.1: metrics tell a lot about a server, so they
     * are not opened to the network unasked), {@code HOST:PORT} or {@code [IPv6]:PORT}. The host
     * is left unresolved here; the server resolves it at start.
     */
    static final class MetricsAddress implements CommandLine.ITypeConverter<java.net.InetSocketAddress> {
        @Override
        public java.net.InetSocketAddress convert(String value) {
            String v = value.strip();
            int colon = v.lastIndexOf(':');
            String host = colon < 0 ? ServerConfig.DEFAULT_HOST : v.substring(0, colon);
            String port = v.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (host.isEmpty() || host.contains(":") && !v.startsWith("[") || !port.matches("[0-9]{1,5}")
                    || Integer.parseInt(port) > 65535) {
                throw new TypeConversionException("'" + value + "' is not PORT, HOST:PORT or [IPv6]:PORT"
                        + " (a port is 0-65535)");
            }
            return java.net.InetSocketAddress.createUnresolved(host, Integer.parseInt(port));
        }
    }

    /** A size that must fit an int: a line, a room's history, one connection's queue. */
    static final class IntSize implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long bytes = LongSize.bytes(value);
            if (bytes > Integer.MAX_VALUE) {
                throw new TypeConversionException("'" + value + "' is too large: at most " + Integer.MAX_VALUE + " bytes");
            }
            return (int) bytes;
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

    /** Any size ({@code --max-total-queued-bytes} may pass 2 GiB). */
    static final class LongSize implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return bytes(value);
        }

        static long bytes(String value) {
            try {
                return ByteSize.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /**
     * A count or a port: decimal digits, with a sign, nothing else. picocli's own reading takes
     * {@code 010} as 8 and {@code 0x10} as 16. The range is {@link ServerConfig}'s to check, so a
     * negative number is refused there with the limit it breaks.
     */
    static final class WholeNumber implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            String v = value.strip();
            if (!v.matches("[+-]?[0-9]+")) {
                throw new TypeConversionException("'" + value + "' is not a whole number");
            }
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException tooManyDigits) {
                throw new TypeConversionException("'" + value + "' is too large");
            }
        }
    }

    /**
     * A rate or a duration: decimal digits with an optional fraction. {@link Double#valueOf}
     * alone would take {@code 10d}, {@code 1e9}, {@code NaN} and hexadecimal.
     */
    static final class Decimal implements CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            String v = value.strip();
            if (!v.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)")) {
                throw new TypeConversionException("'" + value + "' is not a number; use digits and an optional"
                        + " decimal point, such as 10 or 2.5");
            }
            return Double.parseDouble(v);
        }
    }

    /** One of the levels SLF4J's simple logger knows, as {@code --help} lists them. */
    static final class LogLevel implements CommandLine.ITypeConverter<String> {
        static final List<String> LEVELS = List.of("error", "warn", "info", "debug");

        @Override
        public String convert(String value) {
            String level = value.strip().toLowerCase(Locale.ROOT);
            if (!LEVELS.contains(level)) {
                throw new TypeConversionException("'" + value + "' is not a log level; use error, warn, info or debug");
            }
            return level;
        }
    }
}
