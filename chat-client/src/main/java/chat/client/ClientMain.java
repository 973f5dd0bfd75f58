package chat.client;

import chat.core.Names;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar chat-client.jar [--host H] [--port P]} or {@code --server H:P[,H:P...]}:
 * connects, then runs the prompt ({@link TerminalClient}) on a terminal, or copies lines
 * ({@link PipedClient}) when standard input or output is not one.
 *
 * <p>The nickname comes from {@code --nick}, else {@code $CHAT_NICK}; typed lines are kept in
 * a file per server and nickname ({@link HistoryFile}) unless {@code --history-file} names one.
 *
 * <p>Servers: {@code --host}/{@code --port} name one; {@code --server} names one or more, which
 * share one chat. At start each is dialed once, in order, until one answers; the prompt then
 * moves on to the next in the list whenever its server is lost ({@link ServerRotation}). The
 * pipe stays on the server it started with, as it does with one.
 *
 * <p>Exit status: 0 when the user leaves (or piped input is done), 1 when the server cannot be
 * reached (refused, unknown host, timed out: every server, if several) or a piped session's
 * connection breaks, 2 for a usage error. Problems are one sentence on standard error, never a
 * stack trace.
 *
 * <p>Threads: runs on the main thread; a shutdown hook restores the terminal however the JVM
 * ends (Ctrl-C outside the prompt, SIGTERM).
 */
@Command(name = "chat-client", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = Version.class,
        description = {"The terminal chat client: a >>> prompt with completion, history and colours.", ""},
        footer = {"", "Environment: CHAT_NICK=NAME works as --nick NAME. docs/client.md explains every key and option."})
public final class ClientMain implements Callable<Integer> {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 2020;
    /** Exit status when the server cannot be reached. */
    public static final int EXIT_UNREACHABLE = 1;
    /** Exit status for a bad command line, as picocli and the server use. */
    public static final int EXIT_USAGE = 2;
    /** The environment variable that gives the nickname when {@code --nick} does not. */
    public static final String NICK_VARIABLE = "CHAT_NICK";

    /** JLine reports trouble (a history file it cannot read) through this logger, onto the prompt. */
    private static final Logger JLINE_LOG = Logger.getLogger("org.jline");

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", defaultValue = DEFAULT_HOST, paramLabel = "HOST",
            description = "Server address. Default: ${DEFAULT-VALUE}.")
    private String host;

    @Option(names = "--port", defaultValue = "" + DEFAULT_PORT, paramLabel = "PORT",
            description = "Server port. Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(names = "--server", split = ",", paramLabel = "HOST:PORT", converter = AddressConverter.class,
            description = "Servers of one chat, instead of --host and --port: comma-separated or the option"
                    + " repeated, an IPv6 address in brackets ([::1]:2020). Tried in order at start; when one is"
                    + " lost, the client moves to the next.")
    private List<ServerAddress> servers;

    @Option(names = "--nick", paramLabel = "NAME",
            description = "The nickname to ask for on connecting and after each reconnect. Default: $CHAT_NICK,"
                    + " else the server's userN.")
    private String nick;

    @Option(names = "--no-bell", description = "Do not ring the terminal's bell for private messages and lines"
            + " that name you.")
    private boolean noBell;

    @Option(names = "--timestamps", paramLabel = "PATTERN|off", defaultValue = Timestamps.DEFAULT_PATTERN,
            description = "The time in front of each line, when it was said (from the server's tags), in this"
                    + " machine's time zone: a pattern such as HH:mm:ss, or off. Default: ${DEFAULT-VALUE}.")
    private String timestamps;

    @Option(names = "--history-file", paramLabel = "FILE",
            description = "Where typed lines are kept across runs. Default: HOST_PORT[_NICK] in --history-dir.")
    private Path historyFile;

    @Option(names = "--history-dir", paramLabel = "DIR", defaultValue = "${sys:user.home}/.chat/history",
            description = "The directory of the per-server history files. Default: ${DEFAULT-VALUE}.")
    private Path historyDir;

    @Option(names = "--tls", description = "Connect with TLS (to the server's --tls-port). The certificate is"
            + " verified against the system's trust store; one it does not vouch for (a self-signed one) is trusted"
            + " on first use, as ssh does, and a changed one refused.")
    private boolean tls;

    @Option(names = "--tls-ca", paramLabel = "FILE",
            description = "With --tls: trust only the certificates in this PEM file (a CA, or the server's own"
                    + " certificate); nothing is pinned.")
    private Path tlsCa;

    @Option(names = "--known-servers", paramLabel = "FILE", defaultValue = "${sys:user.home}/.chat/known_servers",
            description = "With --tls: where first-use fingerprints are kept, one HOST:PORT FINGERPRINT line per"
                    + " server. Default: ${DEFAULT-VALUE}.")
    private Path knownServers;

    @Option(names = "--plain", description = "No prompt: copy standard input to the server and its lines to"
            + " standard output (the default when standard input is not a terminal).")
    private boolean plain;

    private final InputStream stdin;
    private final PrintStream stdout;
    private final PrintStream stderr;
    /** True when a terminal is attached to both standard input and output. */
    private final boolean onTerminal;
    /** The environment ({@link #NICK_VARIABLE}); a parameter so tests need not change the real one. */
    private final Map<String, String> environment;

    ClientMain(InputStream stdin, PrintStream stdout, PrintStream stderr, boolean onTerminal,
            Map<String, String> environment) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.onTerminal = onTerminal;
        this.environment = environment;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, System.in, out, err, System.console() != null, System.getenv()));
    }

    /** Parses {@code args} and runs in the process's environment; returns the exit status. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean onTerminal) {
        return run(args, in, out, err, onTerminal, System.getenv());
    }

    /**
     * Parses {@code args} and runs; returns the exit status. A bad command line is two lines on
     * standard error, as the server's: what is wrong, then where the options are.
     */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean onTerminal,
            Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new ClientMain(in, out, err, onTerminal, environment))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        commandLine.setParameterExceptionHandler((e, given) -> {
            e.getCommandLine().getErr().println("chat-client: " + e.getMessage());
            e.getCommandLine().getErr().println("Try 'java -jar chat-client.jar --help' for the options.");
            return EXIT_USAGE;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<ServerAddress> targets = serversToUse();
        String chosenNick = nickToUse();
        Timestamps stamps = timestampsToUse();
        ServerRotation rotation = rotationOver(targets);
        ServerLink first = connectFirst(rotation);
        if (first == null) {
            return EXIT_UNREACHABLE;
        }
        if (plain || !onTerminal) {
            // The pipe keeps no state: ask for the name before the first piped line, once.
            if (chosenNick != null) {
                first.send("/nick " + chosenNick);
            }
            return new PipedClient(first, stdin, stdout, stderr, PipedClient.DEFAULT_DRAIN_WAIT).run();
        }
        Path history = historyFile != null ? historyFile : HistoryFile.in(historyDir, targets.get(0), chosenNick);
        runOnTerminal(first, rotation, history, chosenNick, stamps);
        return 0;
    }

    /** Plain TCP, or TLS with {@code --tls} (trusting --tls-ca, or the system and first use). */
    private ServerRotation rotationOver(List<ServerAddress> targets) {
        if (!tls) {
            if (tlsCa != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--tls-ca needs --tls");
            }
            return ServerRotation.overTcp(targets);
        }
        TlsDialer dialer;
        try {
            dialer = tlsCa != null ? TlsDialer.withAuthority(tlsCa)
                    : TlsDialer.withSystemTrust(new KnownServers(knownServers), stderr::println);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return new ServerRotation(targets, server -> ServerLink.connect(server, dialer));
    }

    /**
     * {@code --nick}, else {@link #NICK_VARIABLE}, else null; a name the server would refuse
     * is a usage error naming where it came from.
     */
    private String nickToUse() {
        String source = "--nick";
        String chosen = nick;
        if (chosen == null) {
            source = NICK_VARIABLE;
            chosen = environment.get(NICK_VARIABLE);
            if (chosen == null || chosen.isBlank()) {
                return null;
            }
        }
        String name = Names.normalize(chosen.strip());
        Optional<String> problem = Names.nickProblem(name);
        if (problem.isPresent()) {
            throw new CommandLine.ParameterException(spec.commandLine(), source + ": " + problem.get());
        }
        return name;
    }

    /** {@code --timestamps}: a usage error, naming the flag, for a pattern that is not one. */
    private Timestamps timestampsToUse() {
        try {
            return Timestamps.parse(timestamps, java.time.ZoneId.systemDefault());
        } catch (IllegalArgumentException bad) {
            throw new CommandLine.ParameterException(spec.commandLine(), bad.getMessage());
        }
    }

    /** The servers named on the command line, in order: {@code --server}'s, or the one of --host/--port. */
    private List<ServerAddress> serversToUse() {
        CommandLine commandLine = spec.commandLine();
        if (servers != null) {
            ParseResult given = commandLine.getParseResult();
            // Either way of naming servers is complete on its own; mixed, it is unclear which wins.
            if (given.hasMatchedOption("--host") || given.hasMatchedOption("--port")) {
                throw new CommandLine.ParameterException(commandLine,
                        "--server replaces --host and --port: give one or the other");
            }
            return servers;
        }
        if (port < 1 || port > 65535) {
            throw new CommandLine.ParameterException(commandLine, "--port must be 1-65535, got " + port);
        }
        return List.of(new ServerAddress(host, port));
    }

    /**
     * Dials each server once, in order, until one answers; a line on standard error for each
     * that does not, saying which comes next. Null when none answered.
     */
    private ServerLink connectFirst(ServerRotation rotation) {
        for (int tried = 1; tried <= rotation.size(); tried++) {
            ServerAddress target = rotation.next();
            String failure;
            try {
                return rotation.dial();
            } catch (UnknownHostException e) {
                failure = "Unknown host " + target.host() + ".";
            } catch (ChangedCertificateException e) {
                failure = e.getMessage(); // loud on its own, in several lines
            } catch (IOException e) {
                failure = "Could not connect to " + target + ": " + e.getMessage() + ".";
            }
            stderr.println(tried < rotation.size() ? failure + " Trying " + rotation.next() + "..." : failure);
        }
        return null;
    }

    private void runOnTerminal(ServerLink first, ServerRotation rotation, Path history, String chosenNick,
            Timestamps stamps) throws IOException, InterruptedException {
        Terminal terminal = systemTerminal();
        // From here JLine's warnings would land on the prompt line; what matters is said in sentences.
        JLINE_LOG.setLevel(Level.OFF);
        TerminalClient client = new TerminalClient(terminal, history, rotation, Backoff.DEFAULT, chosenNick, !noBell,
                stamps);
        Thread restore = new Thread(() -> {
            client.close();
            // Killed mid-line: end the prompt's line so the shell's next output starts clean.
            terminal.writer().println();
            terminal.flush();
            closeTerminal(terminal);
        }, "chat-restore-terminal");
        Runtime.getRuntime().addShutdownHook(restore);
        try {
            client.run(first);
        } finally {
            closeTerminal(terminal);
            try {
                Runtime.getRuntime().removeShutdownHook(restore);
            } catch (IllegalStateException ignored) {
                // The JVM is already shutting down: the hook runs anyway, and closing twice is harmless.
            }
        }
    }

    /**
     * The terminal the client runs on. Two choices matter:
     *
     * <ul>
     *   <li>UTF-8, always: under a POSIX locale Java 17 would pick ASCII and show 你好 as ??.
     *   <li>The "exec" provider (stty) first: JLine 3.26's JNI provider writes a termios with the
     *       speed bits cleared, so on exit the line is left at speed 0 (jline/jline3#2170), which
     *       hangs up a serial console. Reproduced by {@code TerminalRestoreTest}. Where stty cannot
     *       be used, JLine falls back to the next provider.
     * </ul>
     */
    static Terminal systemTerminal() throws IOException {
        return TerminalBuilder.builder()
                .name("chat")
                .system(true)
                .providers("exec,ffm,jni")
                .encoding(StandardCharsets.UTF_8)
                .build();
    }

    /** Restores the terminal's modes (echo, line editing) as they were before the client ran. */
    private void closeTerminal(Terminal terminal) {
        try {
            terminal.close();
        } catch (IOException e) {
            stderr.println("Could not restore the terminal: " + e.getMessage() + ". Try the command reset.");
        }
    }

    /** Reads one {@code --server} entry; a bad one is a usage error naming the option, not a stack trace. */
    static final class AddressConverter implements CommandLine.ITypeConverter<ServerAddress> {
        @Override
        public ServerAddress convert(String value) {
            try {
                return ServerAddress.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
