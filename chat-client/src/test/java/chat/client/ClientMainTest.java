package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line: options, exit statuses, and the choice between prompt and plain mode. */
class ClientMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String input, boolean onTerminal, String... args) {
        return runWith(Map.of(), input, onTerminal, args);
    }

    private int runWith(Map<String, String> environment, String input, boolean onTerminal, String... args) {
        return ClientMain.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                onTerminal, environment);
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** A loopback port nothing listens on: bound, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aRefusedConnectionPrintsOneClearLineAndExitsOne() throws IOException {
        int port = closedPort();
        assertEquals(1, run("", true, "--port", "" + port));
        assertEquals(List.of("Could not connect to 127.0.0.1:" + port + ": Connection refused."),
                errText().lines().toList());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--port=0", "--port=65536", "--port=two", "--colour", "extra"})
    void aBadCommandLineIsAUsageErrorWithStatusTwoInTwoLinesLikeTheServers(String arg) {
        assertEquals(2, run("", true, arg));
        List<String> lines = errText().lines().toList();
        assertEquals(2, lines.size(), errText());
        assertTrue(lines.get(0).startsWith("chat-client: "), errText());
        assertEquals("Try 'java -jar chat-client.jar --help' for the options.", lines.get(1));
    }

    @Test
    void helpNamesEveryOptionAndExitsZero() {
        assertEquals(0, run("", true, "--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String option : List.of("--host", "--port", "--server", "HOST:PORT", "[::1]:2020", "--history-file",
                "--history-dir", "--nick", "--no-bell", "--timestamps", "Default: HH:mm.", "CHAT_NICK", "--plain", "-h, --help", "-V, --version",
                "Default: 127.0.0.1.", "Default: 2020.", ".chat" + java.io.File.separator + "history")) {
            assertTrue(help.contains(option), option + " missing from:\n" + help);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-V", "--version"})
    void versionPrintsTheProjectVersion(String flag) {
        assertEquals(0, run("", true, flag));
        String version = out.toString(StandardCharsets.UTF_8).strip();
        // The build writes the pom's version in; a bare ${project.version} or "unknown" means it did not.
        assertTrue(version.matches("chat-client \\d+\\.\\d+\\.\\d+.*"), version);
    }

    @Test
    void aTimestampPatternThatIsNotOneIsAUsageErrorNamingTheFlag() {
        assertEquals(2, run("", true, "--timestamps", "HH:mm:bb"));
        assertTrue(errText().startsWith("chat-client: --timestamps must be off or a time pattern such as HH:mm"),
                errText());
    }

    @Test
    void aNickTheServerWouldRefuseIsAUsageErrorNamingItsSource() {
        assertEquals(2, run("", true, "--nick", "no spaces"));
        assertTrue(errText().startsWith("chat-client: --nick: "), errText());
        err.reset();
        assertEquals(2, runWith(Map.of("CHAT_NICK", "user7"), "", true));
        assertTrue(errText().startsWith("chat-client: CHAT_NICK: Names like user7"), errText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--nick=ann|''|ann",
        "''|ann|ann",
        "--nick=ann|bob|ann",
    })
    void withoutATerminalTheChosenNickIsAskedForFirst(String flag, String variable, String expected) throws IOException {
        try (FakeServer server = FakeServer.start()) {
            Map<String, String> environment = variable.isEmpty() ? Map.of() : Map.of("CHAT_NICK", variable);
            String[] args = flag.isEmpty()
                    ? new String[] {"--port", "" + server.port()}
                    : new String[] {flag, "--port", "" + server.port()};
            assertEquals(0, runWith(environment, "hi\n", false, args));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains(expected + ": hi\n"), out::toString);
            assertEquals(List.of("/nick " + expected, "hi"), server.connection(0).typed());
        }
    }

    @Test
    void withoutATerminalItCopiesLinesLikeTheFirstClient() throws IOException {
        try (FakeServer server = FakeServer.start()) {
            assertEquals(0, run("hi there\n", false, "--port", "" + server.port()));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("user1: hi there\n"), out::toString);
        }
    }

    @Test
    void plainForcesCopyingEvenOnATerminal() throws IOException {
        try (FakeServer server = FakeServer.start()) {
            assertEquals(0, run("hi\n", true, "--plain", "--host", "127.0.0.1", "--port", "" + server.port()));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("user1: hi\n"), out::toString);
        }
    }

    @Test
    void aDeadFirstServerAtStartIsPassedOverForTheNextWithOneLine() throws IOException {
        int dead = closedPort();
        try (FakeServer server = FakeServer.start()) {
            assertEquals(0, run("hi\n", false, "--server", "127.0.0.1:" + dead + "," + server.address()));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("user1: hi\n"), out::toString);
            assertEquals(List.of("Could not connect to 127.0.0.1:" + dead + ": Connection refused. Trying "
                    + server.address() + "..."), errText().lines().toList());
        }
    }

    @Test
    void theOptionMayBeRepeatedAndAnIpv6AddressIsWrittenBackInBrackets() throws IOException {
        int dead = closedPort();
        try (FakeServer server = FakeServer.start()) {
            assertEquals(0, run("hi\n", false, "--server", "[::1]:" + dead, "--server", server.address().toString()));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("user1: hi\n"), out::toString);
            // Refused, or no IPv6 on this machine at all: either way the next server is tried.
            List<String> problems = errText().lines().toList();
            assertEquals(1, problems.size(), errText());
            assertTrue(problems.get(0).startsWith("Could not connect to [::1]:" + dead + ": "), errText());
            assertTrue(problems.get(0).endsWith(". Trying " + server.address() + "..."), errText());
        }
    }

    @Test
    void whenNoServerAnswersEachIsNamedOnceAndTheExitIsOne() throws IOException {
        int first = closedPort();
        int second = closedPort();
        assertEquals(1, run("", true, "--server", "127.0.0.1:" + first + ",127.0.0.1:" + second));
        assertEquals(List.of(
                "Could not connect to 127.0.0.1:" + first + ": Connection refused. Trying 127.0.0.1:" + second + "...",
                "Could not connect to 127.0.0.1:" + second + ": Connection refused."), errText().lines().toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chat1", "chat1:", "chat1:two", "chat1:0", "chat1:65536", "chat1:+2020", ":2020", "::1:2020",
        "[::1]", "[::1]2020", "[::1:2020", "[chat1]:2020", "chat one:2020", "a:1,,b:2", ""})
    void aBadServerIsAUsageErrorWhoseFirstLineNamesTheOptionAndTheValue(String value) {
        assertEquals(2, run("", true, "--server=" + value));
        String first = errText().lines().findFirst().orElse("");
        assertTrue(first.contains("--server") && first.contains("HOST:PORT"), errText());
        assertTrue(!errText().contains("Exception") && !errText().contains("\tat "), errText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--host=127.0.0.1", "--port=2020"})
    void serverWithHostOrPortIsAUsageErrorSayingToPickOne(String alongside) {
        assertEquals(2, run("", true, "--server=127.0.0.1:2020", alongside));
        assertTrue(errText().startsWith("chat-client: --server replaces --host and --port: give one or the other"),
                errText());
    }
}
