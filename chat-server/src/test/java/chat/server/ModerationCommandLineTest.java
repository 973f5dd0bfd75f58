package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.server.moderation.Operators;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --hash-password}, {@code --operators} and {@code --motd} on the command line (issue 14 §3). */
class ModerationCommandLineTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = ServerMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void hashPasswordReadsOneLineFromAPipeAndPrintsAHashTheOperatorsFileAccepts() throws Exception {
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "chat.server.ServerMain", "--hash-password").start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write("  two  words \n".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "it exits");
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        String hash = printed.strip();
        assertTrue(hash.matches("pbkdf2-sha256\\$600000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), hash);
        assertTrue(!printed.contains("two"), "the password is not echoed");
        Path file = dir.resolve("ops");
        Files.writeString(file, "root " + hash + "\n");
        assertEquals(1, Operators.load(file).size());
    }

    @Test
    void aMalformedOperatorsFileIsRefusedWithOneLineNamingTheFileAndLine() throws IOException {
        Path file = dir.resolve("ops");
        Files.writeString(file, "# operators\n\nroot hunter2\n");
        assertEquals(2, run("--port", "0", "--operators", file.toString()));
        assertEquals("chat-server: --operators " + file + " line 3: the hash must be pbkdf2-sha256$ITERATIONS$SALT$HASH,"
                + " as --hash-password prints it" + System.lineSeparator(), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void aMissingOperatorsOrMotdFileIsRefusedWithOneLine() {
        Path missing = dir.resolve("nope");
        assertEquals(2, run("--port", "0", "--motd", missing.toString()));
        assertEquals("chat-server: --motd " + missing + ": no such file" + System.lineSeparator(), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("--port", "0", "--operators", missing.toString()));
        assertEquals("chat-server: --operators " + missing + ": no such file" + System.lineSeparator(), err.toString());
    }
}
