package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testkit.Await;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /token} and {@code /resume}: a dropped user gets its name, room and exactly the lines it missed back. */
class ResumeTest {

    private static final Pattern TOKEN = Pattern.compile("\\*\\*\\* Your resume token is ([a-z2-7]{26})\\. .*");

    @RegisterExtension
    final RunningServer server = new RunningServer(ServerConfig.defaults().withFlood(50, 0));

    private TestClient joinAs(String nick) throws IOException {
        TestClient client = server.join();
        client.send("/nick " + nick);
        client.expect("*** " + client.nick() + " is now known as " + nick);
        return client;
    }

    private static String token(TestClient client) throws IOException {
        client.send("/token");
        Matcher m = TOKEN.matcher(client.expectStartingWith("*** Your resume token is "));
        assertTrue(m.matches(), "a token of 26 base-32 characters (128 bits)");
        return m.group(1);
    }

    @Test
    void aDroppedUserGetsItsNameRoomAndExactlyTheLinesItMissedThenTheRoomIsToldItIsBack() throws IOException {
        TestClient ann = joinAs("ann");
        TestClient bob = joinAs("bob");
        for (TestClient c : List.of(ann, bob)) {
            c.send("/join dev");
            c.expectStartingWith("*** You joined #dev");
        }
        bob.send("seen by ann");
        ann.expect("bob: seen by ann");
        String token = token(ann);
        ann.close(); // the connection drops: no /quit
        bob.expect("*** ann left #dev (connection closed)");
        for (int i = 1; i <= 3; i++) {
            bob.send("missed " + i);
            bob.expect("bob: missed " + i);
        }

        TestClient back = server.join();
        back.send("/resume " + token);
        back.expect("*** " + back.nick() + " is now known as ann");
        String newToken = TOKEN.matcher(back.expectStartingWith("*** Your resume token is ")).replaceAll("$1");
        assertNotEquals(token, newToken, "a resume issues a new token");
        back.expect("*** You joined #dev (2 users here).");
        List<String> replayed = new ArrayList<>();
        String line;
        while (!(line = back.readLine()).startsWith("*** Welcome back")) {
            replayed.add(line.substring(8));
        }
        assertEquals(List.of("bob: missed 1", "bob: missed 2", "bob: missed 3"), replayed, "no gap, no repeats");
        assertEquals("*** Welcome back, ann: 3 lines you missed in #dev.", line);
        bob.expect("*** ann is back in #dev");
        bob.send("and now?");
        back.expect("bob: and now?");

        TestClient thief = server.join();
        thief.send("/resume " + token);
        thief.expect("! That token is not valid: it is wrong, expired or already used.");
    }

    @Test
    void afterADropTheNameIsKeptForItsOwnerButAfterQuitItIsFreeAtOnceAndTheTokenDead() throws IOException {
        TestClient ann = joinAs("ann");
        token(ann);
        ann.close();
        TestClient cat = server.join();
        cat.send("/nick ann");
        cat.expect("! The name ann is taken.");
        cat.send("/msg ann hello?");
        cat.expect("! ann's connection dropped; they may be back in a moment. Try again then.");

        TestClient bob = joinAs("bob");
        String token = token(bob);
        bob.send("/quit");
        bob.readUntilClosed();
        cat.send("/nick bob");
        cat.expect("*** " + cat.nick() + " is now known as bob");
        TestClient late = server.join();
        late.send("/resume " + token);
        late.expect("! That token is not valid: it is wrong, expired or already used.");
    }

    @Test
    void aResumeTakesOverAConnectionThatIsStillOpenAndClosesIt() throws IOException {
        TestClient ann = joinAs("ann");
        String token = token(ann);
        TestClient again = server.join();
        again.send("/resume " + token);
        ann.expect("*** This session was resumed from another connection; this one closes.");
        ann.readUntilClosed();
        again.expect("*** " + again.nick() + " is now known as ann");
        again.expect("*** Welcome back, ann: you missed nothing in #lobby.");
    }

    @Test
    void aWrongTokenRevealsNothingAndTriesAreLimitedPerAddress() throws IOException {
        TestClient guesser = server.track(TestClient.joinFrom("127.0.0.5", server.port()));
        for (int i = 0; i < 5; i++) {
            guesser.send("/resume aaaaaaaaaaaaaaaaaaaaaaaaa" + i);
            guesser.expect("! That token is not valid: it is wrong, expired or already used.");
        }
        guesser.send("/resume aaaaaaaaaaaaaaaaaaaaaaaaaa");
        guesser.expect("! Too many /resume attempts from your address; wait a minute.");
        TestClient other = server.track(TestClient.joinFrom("127.0.0.6", server.port()));
        other.send("/resume bbbbbbbbbbbbbbbbbbbbbbbbbb");
        other.expect("! That token is not valid: it is wrong, expired or already used.");
    }

    @Test
    void aTaggedClientsSeqReplaysExactlyWhatFollowsIt() throws IOException {
        TestClient ann = joinAs("ann");
        TestClient bob = joinAs("bob");
        bob.send("one");
        bob.send("two");
        bob.expect("bob: two");
        String token = token(ann);
        ann.close();
        TestClient back = server.join();
        back.send("/resume " + token + " 0"); // SEQ 0: everything the room keeps
        back.expect("*** " + back.nick() + " is now known as ann");
        back.expectStartingWith("*** Your resume token is ");
        assertEquals("bob: one", back.readLine().substring(8));
        assertEquals("bob: two", back.readLine().substring(8));
        assertEquals("*** Welcome back, ann: 2 lines you missed in #lobby.", back.readLine());
    }

    @Test
    void theWindowEndsTheSessionAndFreesTheName() throws IOException {
        try (ChatServer shortWindow = ChatServer.start(ServerConfig.defaults().withPort(0).withResumeWindow(1000))) {
            theWindowEndsTheSessionAndFreesTheNameOn(shortWindow.port());
        }
    }

    private void theWindowEndsTheSessionAndFreesTheNameOn(int port) throws IOException {
        TestClient ann = server.track(TestClient.join(port));
        ann.send("/nick ann");
        ann.expect("*** " + ann.nick() + " is now known as ann");
        String token = token(ann);
        ann.close();
        TestClient cat = server.track(TestClient.join(port));
        Await.until(() -> {
            try {
                cat.send("/nick ann");
                return cat.readLine().endsWith("is now known as ann");
            } catch (IOException e) {
                return false;
            }
        }, "the name is free once the window (1 s) is over");
        TestClient late = server.track(TestClient.join(port));
        late.send("/resume " + token);
        late.expect("! That token is not valid: it is wrong, expired or already used.");
    }
}
