package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line: usage, one-line startup errors, and a graceful exit on SIGTERM. */
class ServerMainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = ServerMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        assertEquals(0, run("--help"));
        String usage = out.toString();
        for (String option : List.of("--host", "--port", "--max-line-bytes", "--history", "--max-queued-bytes",
                "--flood-burst", "--flood-rate", "--max-connections", "--log-level", "--tls-port", "--tls-cert",
                "--tls-key", "--tls-keystore", "--tls-keystore-password-file")) {
            assertTrue(usage.contains(option), option + " in\n" + usage);
        }
        assertTrue(usage.contains("Default: 127.0.0.1") && usage.contains("Default: 2020"), usage);
        String oneLine = usage.replaceAll("\\s+", " ");
        assertTrue(oneLine.contains("k, KB or KiB (all three mean 1024 bytes)"), "the units a SIZE takes:\n" + usage);
    }

    @Test
    void portInUseIsOneLineNamingTheAddress() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertEquals(1, run("--port", "" + port));
            assertEquals("chat-server: cannot listen on 127.0.0.1:" + port + ": the port is already in use",
                    err.toString().strip());
        }
    }

    @Test
    void tlsFlagsThatDoNotGoTogetherAreOneLineNamingThem() {
        assertEquals(2, run("--port", "0", "--tls-cert", "fullchain.pem", "--tls-key", "privkey.pem"));
        assertEquals("chat-server: --tls-cert, --tls-key and --tls-keystore need --tls-port", err.toString().strip());
        err.getBuffer().setLength(0);
        assertEquals(2, run("--port", "0", "--tls-port", "0", "--tls-cert", "fullchain.pem"));
        assertEquals("chat-server: --tls-cert and --tls-key go together: give both or neither", err.toString().strip());
    }

    @Test
    void aTlsCertificateThatCannotBeReadIsOneLineNamingTheFile() {
        assertEquals(1, run("--port", "0", "--tls-port", "0", "--tls-cert", "/no/such/fullchain.pem",
                "--tls-key", "/no/such/privkey.pem"));
        assertEquals("chat-server: --tls-cert /no/such/fullchain.pem: cannot be read: no such file", err.toString().strip());
    }

    @Test
    void aTlsPortInUseIsOneLineNamingTheAddress() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertEquals(1, run("--port", "0", "--tls-port", "" + port));
            assertEquals("chat-server: cannot listen on 127.0.0.1:" + port + ": the port is already in use",
                    err.toString().strip());
        }
    }

    @Test
    void unknownHostIsOneLine() {
        assertEquals(1, run("--host", "no-such-host.invalid", "--port", "0"));
        assertEquals("chat-server: cannot listen on no-such-host.invalid:0: unknown host no-such-host.invalid",
                err.toString().strip());
    }

    /** Runs with {@code args}, which must be refused: exit 2, nothing on stdout, exactly {@code line} on stderr. */
    private void assertRefused(String line, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        int status = run(args);
        assertEquals(line + System.lineSeparator(), err.toString(), "one line, no stack trace, for " + List.of(args));
        assertEquals(2, status, List.of(args).toString());
        assertEquals("", out.toString());
    }

    /** What the options read as, without starting anything. */
    private static ServerMain parsed(String... args) {
        CommandLine commandLine = ServerMain.commandLine();
        commandLine.parseArgs(args);
        return commandLine.getCommand();
    }

    @Test
    void badOptionsAreExplainedWithoutAStackTrace() {
        assertRefused("chat-server: --port: 'seventy' is not a whole number", "--port", "seventy");
        assertRefused("chat-server: Unknown option: '--colour' (--help lists the options)", "--colour");
        assertRefused("chat-server: Missing required parameter for option '--port' (PORT)", "--port");
    }

    @Test
    void sizeUnitsAreBinaryWhateverTheirSpelling() {
        assertEquals(8192, parsed("--max-line-bytes", "8KB").maxLineBytes);
        assertEquals(8192, parsed("--max-line-bytes", "8k").maxLineBytes);
        assertEquals(2 * 1024 * 1024, parsed("--max-queued-bytes", "2MiB").maxQueuedBytes);
        assertEquals(3L << 30, parsed("--max-total-queued-bytes", "3GB").maxTotalQueuedBytes);
        ServerMain defaults = parsed();
        assertEquals(32 * 1024, defaults.historyBytes);
        assertEquals(256 * 1024, defaults.slowQueuedBytes);
    }

    @Test
    void aSizeWithAnUnknownUnitIsRefusedNamingTheFlag() {
        String units = "use a whole number with an optional unit k, KB, KiB, m, MB, MiB, g, GB or GiB";
        assertRefused("chat-server: --max-line-bytes: '2x' is not a size; " + units, "--max-line-bytes", "2x");
        assertRefused("chat-server: --history-bytes: '1.5k' is not a size; " + units, "--history-bytes", "1.5k");
        assertRefused("chat-server: --max-queued-bytes: '3g' is too large: at most 2147483647 bytes",
                "--max-queued-bytes", "3g");
    }

    @Test
    void numbersAreReadWholeOrRefusedNamingTheFlag() {
        assertRefused("chat-server: --port: '0x10' is not a whole number", "--port", "0x10");
        assertRefused("chat-server: --history: '5 lines' is not a whole number", "--history", "5 lines");
        assertRefused("chat-server: --max-connections: '99999999999' is too large", "--max-connections", "99999999999");
        String decimal = "is not a number; use digits and an optional decimal point, such as 10 or 2.5";
        assertRefused("chat-server: --flood-rate: '10d' " + decimal, "--flood-rate", "10d");
        assertRefused("chat-server: --slow-seconds: 'NaN' " + decimal, "--slow-seconds", "NaN");
        assertEquals(2.5, parsed("--slow-seconds", "2.5").slowSeconds);
        assertEquals(10, parsed("--history", "010").historyLines, "decimal, not octal");
    }

    @Test
    void valuesOutOfRangeAreRefusedNamingTheFlagNotAField() {
        assertRefused("chat-server: --max-line-bytes must be at least 1, got 0", "--max-line-bytes", "0");
        assertRefused("chat-server: --port must be 0-65535, got 70000", "--port", "70000");
        assertRefused("chat-server: --port must be 0-65535, got -1", "--port", "-1");
        assertRefused("chat-server: --history must be at least 0, got -1", "--history", "-1");
        assertRefused("chat-server: --flood-burst must be at least 1, got 0", "--flood-burst", "0");
        assertRefused("chat-server: --max-connections must be at least 1, got 0", "--max-connections", "0");
        assertRefused("chat-server: --max-connections-per-address must be at least 0, got -2",
                "--max-connections-per-address", "-2");
        assertRefused("chat-server: --max-queued-bytes must be at least 1024, got 1000", "--max-queued-bytes", "1000");
        assertRefused("chat-server: --slow-queued-bytes (2097152) must not be above --max-queued-bytes (1048576)",
                "--slow-queued-bytes", "2m");
        assertRefused("chat-server: --max-total-queued-bytes must be at least 1048576, got 1024",
                "--max-total-queued-bytes", "1k");
        assertRefused("chat-server: --slow-seconds must be more than 0, got 0", "--slow-seconds", "0");
        assertRefused("chat-server: --flood-rate must be 0 or more, got -1.5", "--flood-rate", "-1.5");
        assertRefused("chat-server: --exempt-addresses: 'localhost' is not an IP address",
                "--exempt-addresses", "127.0.0.1,localhost");
        assertRefused("chat-server: --node must be 1-64 letters, digits, _, - or ., got 'a b'", "--node", "a b");
    }

    @Test
    void anUnknownLogLevelIsRefusedWithTheValidOnes() {
        assertRefused("chat-server: --log-level: 'verbose' is not a log level; use error, warn, info or debug",
                "--log-level", "verbose");
        assertEquals("debug", parsed("--log-level", "DEBUG").logLevel);
    }

    @Test
    void sigtermTellsUsersAndExitsZero() throws Exception {
        Process server = new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-Dorg.slf4j.simpleLogger.logFile=System.err", "-cp", System.getProperty("java.class.path"),
                "chat.server.ServerMain", "--port", "0")
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader log = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            int port = listeningPort(log);
            try (TestClient ann = TestClient.join(port)) {
                server.destroy(); // SIGTERM
                List<String> rest = ann.readUntilClosed();
                assertTrue(rest.contains("*** The server is shutting down. Goodbye!"), rest.toString());
            }
            assertTrue(server.waitFor(10, TimeUnit.SECONDS), "the server exits");
            assertEquals(0, server.exitValue());
        } finally {
            server.destroyForcibly();
        }
    }

    /** Reads the child's log until it says where it listens. */
    static int listeningPort(BufferedReader log) throws IOException {
        Pattern listening = Pattern.compile(".*listening on 127\\.0\\.0\\.1:(\\d+).*");
        for (String line; (line = log.readLine()) != null; ) {
            Matcher m = listening.matcher(line);
            if (m.matches()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("the server exited before listening");
    }
}
