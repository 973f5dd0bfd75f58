package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.server.store.Fsync;
import chat.testkit.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --data-dir}: a room's history survives a restart, a kill -9, and the room emptying. */
class HistoryOnDiskTest {

    @TempDir
    Path dir;

    private ServerConfig onDisk() {
        return ServerConfig.defaults().withPort(0).withFlood(50, 0)
                .withStorage(ServerConfig.Storage.IN_MEMORY.inDirectory(dir.toString()));
    }

    private static TestClient joinAs(int port, String nick) throws IOException {
        TestClient client = TestClient.join(port);
        client.send("/nick " + nick);
        client.expect("*** " + client.nick() + " is now known as " + nick);
        return client;
    }

    /** The lines a newcomer is replayed, without their times, until the join notice that follows them. */
    private static List<String> replayedTo(TestClient newcomer) throws IOException {
        List<String> lines = new ArrayList<>();
        newcomer.send("/who"); // its answer ends the replay
        for (String line; !(line = newcomer.readLine()).startsWith("*** "); ) {
            assertTrue(line.matches("\\[\\d\\d:\\d\\d\\] .*"), line);
            lines.add(line.substring(8));
        }
        return lines;
    }

    @Test
    void aRestartGivesNewcomersTheSameHistoryAsBefore() throws IOException {
        try (ChatServer server = ChatServer.start(onDisk()); TestClient ann = joinAs(server.port(), "ann")) {
            ann.send("before the restart");
            ann.send("/me waves");
            ann.expect("* ann waves");
        }
        try (ChatServer again = ChatServer.start(onDisk())) {
            assertEquals(List.of("ann: before the restart", "* ann waves"), replayedTo(TestClient.join(again.port())));
        }
    }

    @Test
    void aRoomsHistoryOutlivesTheRoomEmptying() throws IOException {
        try (ChatServer server = ChatServer.start(ServerConfig.defaults().withPort(0))) {
            TestClient ann = joinAs(server.port(), "ann");
            ann.send("/join attic");
            ann.send("anyone?");
            ann.expect("ann: anyone?");
            ann.send("/join lobby"); // the attic empties, and is gone from /rooms
            ann.expectStartingWith("*** You joined #lobby");
            TestClient bob = joinAs(server.port(), "bob");
            bob.send("/join attic");
            assertEquals("ann: anyone?", bob.expectStartingWith("[").substring(8));
        }
    }

    @Test
    void afterKillMinus9TheLinesTheServerHadWrittenAreThereAndTheDirectoryIsFree() throws Exception {
        Process server = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Dorg.slf4j.simpleLogger.logFile=System.err", "-cp", System.getProperty("java.class.path"),
                "chat.server.ServerMain", "--port", "0", "--data-dir", dir.toString(), "--fsync", "everysec")
                .redirectErrorStream(true).start();
        try {
            int port = ServerMainTest.listeningPort(
                    new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)));
            TestClient ann = joinAs(port, "ann");
            for (int i = 1; i <= 3; i++) {
                ann.send("line " + i);
            }
            ann.expect("ann: line 3");
            Path journal = dir.resolve("history.log");
            Await.until(() -> read(journal).contains("line 3"), "the writer reaches line 3");
            server.destroyForcibly().waitFor(); // kill -9: no shutdown, no last fsync
        } finally {
            server.destroyForcibly();
        }
        try (ChatServer again = ChatServer.start(onDisk())) {
            assertEquals(List.of("ann: line 1", "ann: line 2", "ann: line 3"), replayedTo(TestClient.join(again.port())));
        }
    }

    @Test
    void aDirectoryAnotherRunningServerHoldsIsRefusedWithOneLine() throws IOException {
        try (ChatServer first = ChatServer.start(onDisk())) {
            ChatServer.StartupException e = assertThrows(ChatServer.StartupException.class,
                    () -> ChatServer.start(onDisk()));
            assertEquals("--data-dir " + dir + " is in use by another running server (pid "
                    + ProcessHandle.current().pid() + ")", e.getMessage());
            TestClient.join(first.port()); // and the first goes on
        }
    }

    @Test
    void aDataDirThatCannotBeMadeIsOneLineAndExit1() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        StringWriter err = new StringWriter();
        CommandLine commandLine = ServerMain.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        assertEquals(1, commandLine.execute("--port", "0", "--data-dir", file.resolve("history").toString()));
        String[] lines = err.toString().strip().split("\n");
        assertEquals(1, lines.length, err.toString());
        assertTrue(lines[0].startsWith("chat-server: --data-dir " + file.resolve("history") + " cannot be created"),
                lines[0]);
    }

    @Test
    void fsyncAcceptsOnlyItsThreeWords() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = ServerMain.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        assertEquals(2, commandLine.execute("--fsync", "sometimes"));
        assertTrue(err.toString().contains("'sometimes' is not one of always, everysec, no"), err.toString());
        assertEquals(Fsync.ALWAYS, Fsync.parse("Always"));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
