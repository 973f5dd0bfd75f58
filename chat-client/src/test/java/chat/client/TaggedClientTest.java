package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.core.Tags;
import chat.server.ChatServer;
import chat.server.ServerConfig;
import chat.testkit.Await;
import chat.testkit.RedisServer;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The prompt against real servers, using what tagged mode gives it (docs/protocol.md, "Tagged
 * mode"): each line's time from its tag, never a tag on the screen, the status line, and
 * resuming on whichever server of a cluster it reaches.
 */
class TaggedClientTest {

    /** Precise enough that a time the client made up could not match the tag's by chance. */
    private static final Timestamps MILLIS = Timestamps.of("HH:mm:ss.SSS", ZoneOffset.UTC);

    @RegisterExtension
    final RedisServer redis = new RedisServer();

    /** The column {@link #MILLIS} shows for a tagged line's {@code time}. */
    private static String columnOf(String taggedLine) {
        return MILLIS.format(Instant.parse(Tags.parse(taggedLine).get("time")));
    }

    /** Waits for the status line to say {@code text}. */
    private static void awaitBar(PromptHarness prompt, String text) {
        Await.until(() -> prompt.statusLine().contains(text),
                () -> "the status line \"" + text + "\"; it says \"" + prompt.statusLine() + "\"");
    }

    @Test
    void eachLineShowsTheTimeItWasSaidFromItsTagAndNoTagIsEverShown() throws IOException {
        try (ChatServer server = ChatServer.start(ServerConfig.defaults().withPort(0));
                LineUser bob = new LineUser(server.port())) {
            bob.send("/nick bob");
            bob.await("*** user1 is now known as bob");
            bob.send("/tags on");
            bob.awaitStart("@kind=notice");
            try (PromptHarness ann = new PromptHarness(new DialTarget(server.port()).rotation(), null, "ansi", "ann",
                    false, MILLIS)) {
                ann.awaitScreen("*** user2 is now known as ann");
                bob.send("earlier");
                String earlier = bob.awaitStart("@kind=chat");
                ann.awaitScreen(columnOf(earlier) + " bob: earlier");

                // Back in #lobby, its history comes tagged: each line at the time it was said,
                // without the server's own [HH:MM].
                ann.type("/join dev\n");
                ann.awaitScreen("*** You joined #dev (1 user here).");
                ann.type("/join lobby\n");
                ann.awaitScreen("*** You joined #lobby (2 users here).");
                Await.until(() -> ann.screen().split(columnOf(earlier) + " bob: earlier", -1).length == 3,
                        () -> "the replayed line at its own time:\n" + ann.screen());

                assertFalse(ann.screen().contains("@kind="), "no tag on the screen:\n" + ann.screen());
                assertFalse(ann.screen().contains("Tagged mode"), "the client's own /tags on stays hidden:\n"
                        + ann.screen());
                assertFalse(ann.screen().contains("pong"), "and so does its /ping:\n" + ann.screen());
            }
        }
    }

    @Test
    void theStatusLineSaysWhoWhereHowManyTheLinkAndItsLag() throws IOException {
        try (ChatServer server = ChatServer.start(ServerConfig.defaults().withPort(0));
                DroppingProxy link = new DroppingProxy(server.port());
                LineUser bob = new LineUser(server.port())) {
            DialTarget dial = new DialTarget(link.port());
            try (PromptHarness ann = new PromptHarness(dial.rotation(), null, "xterm-256color", "ann", false,
                    Timestamps.OFF)) {
                awaitBar(ann, "ann | #lobby | 2 here | connected to 127.0.0.1:" + link.port() + " | lag ");
                // Drawn at the bottom too, not only kept.
                ann.awaitScreen(" lag ");
                bob.send("/nick bob");
                ann.awaitScreen("*** user1 is now known as bob");

                link.dropAll();
                awaitBar(ann, "ann | #lobby | 2 here | reconnecting to ");
                ann.awaitScreen("*** Welcome back, ann");
                ann.type("/join dev\n");
                awaitBar(ann, "ann | #dev | 1 here | connected to ");

                ann.type("/quit\n");
                ann.awaitEnd();
                // The status line's scroll region is given back: the whole height, rows 1 to 40.
                assertTrue(ann.rawScreen().endsWith("\u001b[1;40r\u001b8") || ann.rawScreen().contains("\u001b[1;40r"),
                        "the terminal gets its whole height back");
            }
        }
    }

    @Test
    void withSeveralServersTheClientResumesOnWhicheverItReachesWithWhatItMissedOnce() throws IOException {
        try (ChatServer a = ChatServer.start(ServerConfig.defaults().withPort(0).withRedis(redis.uri(), "a"));
                ChatServer b = ChatServer.start(ServerConfig.defaults().withPort(0).withRedis(redis.uri(), "b"));
                LineUser bob = new LineUser(b.port())) {
            DroppingProxy toA = new DroppingProxy(a.port()); // closed by the test itself: the way to a goes
            bob.send("/nick bob");
            bob.await("*** user1 is now known as bob");
            ServerRotation servers = ServerRotation.overTcp(List.of(FakeServer.loopback(toA.port()),
                    FakeServer.loopback(b.port())));
            try (PromptHarness ann = new PromptHarness(servers, null, "ansi", "ann", false, Timestamps.OFF)) {
                ann.awaitScreen("is now known as ann");
                bob.awaitStart("*** user"); // ann arrives under the name her server gave her
                bob.await("*** " + "user2 is now known as ann");
                bob.send("before the drop");
                ann.awaitScreen("bob: before the drop");

                toA.close(); // the way to server a is gone for good: the client moves on to b
                toA.dropAll();
                bob.await("*** ann left #lobby (connection closed)");
                bob.send("said while ann was away");

                ann.awaitScreen("*** Reconnected to 127.0.0.1:" + b.port() + ".");
                ann.awaitScreen("*** Welcome back, ann: 1 line you missed in #lobby.");
                bob.await("*** ann is back in #lobby");
                String screen = ann.screen();
                assertEquals(1, screen.split("said while ann was away", -1).length - 1, screen);
                assertEquals(1, screen.split("before the drop", -1).length - 1, "seen before, not shown again:\n" + screen);
                ann.type("hello b\n");
                bob.await("ann: hello b");
            } finally {
                toA.close();
            }
        }
    }
}
