package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.server.ChatServer;
import chat.server.ServerConfig;
import chat.testkit.Await;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against the real server, started in the test on a free loopback port. */
class EndToEndTest {

    @TempDir
    Path home;

    @Test
    void aPromptUserTalksWithAPlainUserThroughTheRealServer() throws IOException {
        try (ChatServer server = ChatServer.start(ServerConfig.defaults().withPort(0));
                LineUser bob = new LineUser(server.port())) {
            bob.send("/nick bob");
            bob.await("*** user1 is now known as bob");

            try (PromptHarness ann = new PromptHarness(server.port(), home.resolve(".chat_history"))) {
                ann.awaitScreen("*** Welcome, user2! You are in #lobby (2 users here).");
                bob.await("*** user2 joined #lobby");
                ann.type("/nick ann\n");
                // Answered after the /who the client sent on its own: completion now knows bob.
                ann.awaitScreen("*** user2 is now known as ann");

                ann.type("/msg b\thello bob 你好\n");
                bob.await("[pm from ann] hello bob 你好");
                ann.awaitScreen("[pm to bob] hello bob 你好");

                bob.send("hi ann \u001b[2J");
                ann.awaitScreen("bob: hi ann ^[[2J");

                ann.type("/join dev\n");
                ann.awaitScreen("*** You joined #dev (1 user here).");
                bob.await("*** ann left #lobby (moved to #dev)");
                assertTrue(!ann.screen().contains("users in #dev") && !ann.screen().contains("rooms:"),
                        "the client's own /who and /rooms stay hidden:\n" + ann.screen());

                ann.type("quit\n");
                ann.awaitEnd();
                ann.awaitScreen("*** Goodbye, ann!");
            }
        }
    }

    @Test
    void afterTheServerRestartsThePromptGetsItsNickAndRoomBack() throws IOException {
        ChatServer first = ChatServer.start(ServerConfig.defaults().withPort(0));
        DialTarget reconnects = new DialTarget(first.port());
        try (PromptHarness ann = new PromptHarness(reconnects.rotation(), null, "ansi")) {
            ann.awaitScreen("*** Welcome, user1!");
            ann.type("/nick ann\n");
            ann.awaitScreen("*** user1 is now known as ann");
            ann.type("/join dev\n");
            ann.awaitScreen("*** You joined #dev (1 user here).");

            reconnects.down();
            first.close();
            ann.awaitScreen("*** The server is shutting down. Goodbye!");
            ann.awaitScreen("*** Connection lost: the server closed the connection. Reconnecting... (type quit to leave)");

            try (ChatServer second = ChatServer.start(ServerConfig.defaults().withPort(0))) {
                reconnects.up(second.port());
                ann.awaitScreen("*** Reconnected.");
                ann.awaitScreen("*** user1 is now known as ann");
                Await.until(() -> ann.screen().split("\\*\\*\\* You joined #dev", -1).length == 3,
                        () -> "a second \"You joined #dev\" in:\n" + ann.screen());
                ann.type("hello again\n");
                ann.awaitScreen("ann: hello again");
            }
        } finally {
            first.close();
        }
    }

    @Test
    void afterADroppedConnectionThePromptResumesItsSessionAndShowsWhatItMissed() throws IOException {
        try (ChatServer server = ChatServer.start(ServerConfig.defaults().withPort(0));
                DroppingProxy link = new DroppingProxy(server.port());
                LineUser bob = new LineUser(server.port())) {
            bob.send("/nick bob");
            bob.await("*** user1 is now known as bob");
            DialTarget dial = new DialTarget(link.port());
            try (PromptHarness ann = new PromptHarness(dial.rotation(), null, "ansi")) {
                ann.awaitScreen("*** Welcome, user2!");
                ann.type("/nick ann\n");
                ann.awaitScreen("*** user2 is now known as ann");
                bob.await("*** user2 is now known as ann");
                assertTrue(!ann.screen().contains("resume token"), "the client's own /token stays hidden:\n" + ann.screen());
                bob.send("before the drop");
                ann.awaitScreen("bob: before the drop");

                link.dropAll(); // the Wi-Fi drops; the server goes on
                bob.await("*** ann left #lobby (connection closed)");
                bob.send("said while ann was away");
                bob.await("bob: said while ann was away");

                ann.awaitScreen("*** Reconnected.");
                ann.awaitScreen("*** Welcome back, ann: 1 line you missed in #lobby.");
                assertTrue(ann.screen().contains("bob: said while ann was away"), ann.screen());
                assertEquals(1, ann.screen().split("before the drop", -1).length - 1,
                        "what was seen before the drop is not shown again:\n" + ann.screen());
                assertTrue(!ann.screen().contains("Welcome, user3"), "nor the new welcome:\n" + ann.screen());
                bob.await("*** ann is back in #lobby");
                ann.type("thanks\n");
                bob.await("ann: thanks");
            }
        }
    }

    @Test
    void pipedInputIsAnsweredInFullBeforeTheClientExitsZero() {
        try (ChatServer server = ChatServer.start(ServerConfig.defaults().withPort(0))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = ClientMain.run(new String[] {"--port", "" + server.port()},
                    new ByteArrayInputStream("hello from a pipe\n/who\n".getBytes(StandardCharsets.UTF_8)),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    false);
            assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(List.of(
                    "*** Welcome, user1! You are in #lobby (1 user here). Type /help for commands.",
                    "user1: hello from a pipe",
                    "*** 1 user in #lobby: user1"), lines);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
