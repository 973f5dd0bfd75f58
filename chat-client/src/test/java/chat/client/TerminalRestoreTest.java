package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.testkit.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The terminal is left as it was found. Needs a real tty, so the probe below runs under
 * util-linux {@code script}, which gives it a pseudo-terminal; skipped where there is none.
 */
class TerminalRestoreTest {

    /** Opens the client's terminal, goes raw and back as each prompt does, and closes it. */
    public static void main(String[] args) throws IOException {
        Terminal terminal = ClientMain.systemTerminal();
        Attributes before = terminal.enterRawMode();
        terminal.setAttributes(before);
        terminal.close();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theLineSpeedSurvivesTheClientsTerminal() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is not installed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String probe = "stty speed; '" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + TerminalRestoreTest.class.getName() + "; stty speed";
        Process process = new ProcessBuilder("script", "-qec", probe, "/dev/null")
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        boolean ended = process.waitFor(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            process.destroyForcibly();
        }
        assertEquals(true, ended, "the probe did not end: " + output);
        List<String> speeds = output.lines().map(String::strip).filter(line -> line.matches("\\d+")).toList();
        assertEquals(2, speeds.size(), output);
        assertNotEquals("0", speeds.get(0), output);
        assertEquals(speeds.get(0), speeds.get(1), "speed before and after the client:\n" + output);
    }
}
