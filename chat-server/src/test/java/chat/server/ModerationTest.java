package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.server.moderation.ModerationSettings;
import chat.server.moderation.Operators;
import chat.server.moderation.PasswordHash;
import chat.testkit.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operators over real sockets (issue 14 §3): /oper with right and wrong passwords and its rate
 * limit, /kick, /ban by name and by address block, /unban, /bans, /mute, /announce, /help,
 * and the message of the day.
 */
class ModerationTest {

    /** Few iterations, so the tests are quick; the token says how many, so the server checks it as any other. */
    static final int TEST_ITERATIONS = 10_000;
    static final String PASSWORD = "correct horse " + UUID.randomUUID();

    @TempDir
    Path dir;

    private final List<TestClient> clients = new ArrayList<>();
    private ChatServer server;

    @AfterEach
    void stop() throws IOException {
        for (TestClient client : clients) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** An operators file naming {@code root} with {@link #PASSWORD}. */
    static Path operatorsFile(Path dir) throws IOException {
        Path file = dir.resolve("operators");
        Files.writeString(file, "# who may /oper\nroot " + PasswordHash.hash(PASSWORD.toCharArray(), TEST_ITERATIONS)
                + "   # the admin\n\n");
        return file;
    }

    private ChatServer start(List<String> motd) throws IOException {
        server = ChatServer.start(ServerConfig.defaults().withPort(0).withFlood(50, 0),
                new ModerationSettings(Operators.load(operatorsFile(dir)), motd));
        return server;
    }

    private TestClient joinAs(String nick) throws IOException {
        TestClient client = TestClient.join(server.port());
        clients.add(client);
        client.send("/nick " + nick);
        client.expect("*** " + client.nick() + " is now known as " + nick);
        return client;
    }

    private TestClient operator(String nick) throws IOException {
        TestClient op = joinAs(nick);
        op.send("/oper root " + PASSWORD);
        op.expect("*** You are now an operator (root). /help lists what operators can do.");
        return op;
    }

    @Test
    void theRightPasswordMakesAnOperatorAndAWrongNameOrPasswordGetTheSameLine() throws IOException {
        start(List.of());
        TestClient ann = joinAs("ann");
        ann.send("/kick bob");
        ann.expectNext("! Only operators can do that; /oper NAME PASSWORD if you are one.");
        ann.send("/oper root wrong");
        ann.expectNext("! Wrong operator name or password.");
        ann.send("/oper nobody " + PASSWORD);
        ann.expectNext("! Wrong operator name or password.");
        ann.send("/oper root " + PASSWORD);
        ann.expectNext("*** You are now an operator (root). /help lists what operators can do.");
        ann.send("/oper root " + PASSWORD);
        ann.expectNext("*** You are already an operator (root).");
    }

    @Test
    void operTriesAreLimitedPerConnectionAndPerAddress() throws IOException {
        start(List.of());
        TestClient ann = joinAs("ann");
        for (int i = 0; i < 3; i++) {
            ann.send("/oper root wrong" + i);
            ann.expectNext("! Wrong operator name or password.");
        }
        TestClient bob = joinAs("bob"); // same address, 127.0.0.1
        for (int i = 0; i < 2; i++) {
            bob.send("/oper root wrong" + i);
            bob.expectNext("! Wrong operator name or password.");
        }
        bob.send("/oper root " + PASSWORD); // the address's sixth try this minute: refused, right or wrong
        bob.expectNext("! Too many /oper tries; wait a minute.");
        TestClient cat = TestClient.joinFrom("127.0.0.2", server.port()); // another address: its own tries
        clients.add(cat);
        for (int i = 0; i < 5; i++) {
            cat.send("/oper root x");
            cat.expectNext("! Wrong operator name or password.");
        }
        cat.send("/oper root " + PASSWORD); // this connection's sixth
        cat.expectNext("! Too many /oper tries; wait a minute.");
        TestClient dan = TestClient.joinFrom("127.0.0.3", server.port());
        clients.add(dan);
        dan.send("/oper root " + PASSWORD);
        dan.expectNext("*** You are now an operator (root). /help lists what operators can do.");
    }

    @Test
    void thePasswordIsNeverLoggedThoughTheFailureIs() throws IOException {
        start(List.of());
        TestClient ann = joinAs("ann");
        String secret = "hunter2-" + UUID.randomUUID();
        ann.send("/oper root " + secret);
        ann.expectNext("! Wrong operator name or password.");
        ann.send("/oper " + secret + " " + secret); // a password typed where the name goes
        ann.expectNext("! Wrong operator name or password.");
        Path log = Path.of("target/server-tests.log");
        Await.until(() -> read(log).contains("failed /oper by #") && read(log).split("failed /oper by #").length > 2,
                "both failures logged");
        assertFalse(read(log).contains(secret), "the password is in the log");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void aKickedUserIsToldWhyAndDisconnectedAndTheRoomSeesIt() throws IOException {
        start(List.of());
        TestClient op = operator("op");
        TestClient spam = joinAs("spam");
        op.expect("*** " + spam.nick() + " is now known as spam");
        op.send("/kick spam flooding the room");
        op.expect("*** Kicked spam.");
        List<String> last = spam.readUntilClosed();
        assertTrue(last.contains("! You were kicked by op (flooding the room)."), last.toString());
        op.expect("*** spam left #lobby (kicked by op: flooding the room)");
        op.send("/kick nobody");
        op.expectNext("! No one called nobody is in the chat.");
        op.send("/kick op");
        op.expectNext("! You cannot kick yourself; /quit leaves.");
        // A kick ends the session: the name is free at once, not kept for /resume.
        TestClient back = joinAs("spam");
        back.send("/who");
        back.expect("*** 2 users in #lobby: op, spam");
    }

    @Test
    void aBannedNameIsDisconnectedAndCannotBeTakenAgainUntilUnbanned() throws IOException {
        start(List.of());
        TestClient op = operator("op");
        TestClient spam = joinAs("spam");
        op.send("/ban spam 2h selling things");
        op.expectStartingWith("*** Banned spam until ");
        List<String> last = spam.readUntilClosed();
        assertTrue(last.stream().anyMatch(l -> l.startsWith("! You are banned from this server until ")
                && l.endsWith(" (selling things).")), last.toString());
        op.expect("*** spam left #lobby (banned by op: selling things)");
        TestClient again = TestClient.join(server.port()); // the address is not banned: only the name
        clients.add(again);
        again.send("/nick Spam");
        again.expectNext("! The name Spam is banned.");
        op.send("/bans");
        op.expect("*** 1 ban or mute:");
        String line = op.readLine();
        assertTrue(line.matches("\\*\\*\\*   ban of name spam, by op from 127\\.0\\.0\\.1 at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC,"
                + " until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC: selling things"), line);
        op.send("/unban spam");
        op.expectNext("*** spam is no longer banned.");
        op.send("/unban spam");
        op.expectNext("! spam is not banned.");
        again.send("/nick spam");
        again.expect("*** " + again.nick() + " is now known as spam");
    }

    @Test
    void aBannedBlockRefusesNewConnectionsAndDropsItsUsersButNotTheOperatorUntilUnbanned() throws IOException {
        start(List.of());
        TestClient op = operator("op");
        TestClient spam = joinAs("spam");
        op.send("/ban 127.0.0.0/8 spam from here");
        op.expect("*** Banned 127.0.0.0/8.");
        List<String> last = spam.readUntilClosed();
        assertTrue(last.contains("! You are banned from this server (spam from here)."), last.toString());
        op.expect("*** spam left #lobby (banned by op: spam from here)");
        try (TestClient refused = TestClient.connect(server.port())) {
            assertEquals(List.of("! You are banned from this server (spam from here)."), refused.readUntilClosed());
        }
        op.send("/unban 127.0.0.1/8"); // the same block, written another way
        op.expectNext("*** 127.0.0.0/8 is no longer banned.");
        clients.add(TestClient.join(server.port())); // welcomed again
        op.send("/ban ::1/129");
        op.expect("! ::1/129: a block's prefix is 0-128 bits.");
        op.send("/ban 10.0.0.0/2");
        op.expectNext("! 10.0.0.0/2 is too large a block: at least /8.");
        op.send("/ban ann 10x");
        op.expectNext("! A DURATION is a whole number with s, m, h or d, up to a year: 10m, 2h, 7d.");
    }

    @Test
    void aMutedUsersLinesReachNoOneAndTheyAreToldEachTime() throws IOException {
        start(List.of());
        TestClient op = operator("op");
        TestClient spam = joinAs("spam");
        TestClient bob = joinAs("bob");
        op.send("/mute spam 10m");
        op.expectStartingWith("*** Muted spam until ");
        spam.send("buy now");
        spam.expectStartingWith("! You are muted until ");
        spam.send("/me shouts");
        assertTrue(spam.readLine().endsWith("; your line reached no one."));
        spam.send("/msg bob psst");
        assertTrue(spam.readLine().endsWith("; your message reached no one."));
        spam.send("/nick notspam");
        assertTrue(spam.readLine().endsWith("; you cannot change your name meanwhile."));
        op.send("/unmute spam");
        op.expectNext("*** spam is no longer muted.");
        spam.send("sorry");
        bob.expect("spam: sorry");
        List<String> before = bob.seenSoFar();
        assertFalse(before.stream().anyMatch(l -> l.contains("buy now") || l.contains("shouts") || l.contains("psst")),
                before.toString());
    }

    @Test
    void anAnnouncementReachesEveryRoom() throws IOException {
        start(List.of());
        TestClient op = operator("op");
        TestClient ann = joinAs("ann");
        ann.send("/join dev");
        ann.expect("*** You joined #dev (1 user here).");
        op.send("/announce restart at noon");
        op.expect("*** Announcement from op: restart at noon");
        ann.expect("*** Announcement from op: restart at noon");
    }

    @Test
    void helpListsTheOperatorsCommandsToOperatorsAlone() throws IOException {
        start(List.of());
        TestClient ann = joinAs("ann");
        ann.send("/help");
        List<String> plain = ann.readUntil(l -> l.startsWith("***   //TEXT"), "the end of /help");
        assertTrue(plain.stream().anyMatch(l -> l.startsWith("***   /oper NAME PASSWORD ")), plain.toString());
        assertFalse(plain.stream().anyMatch(l -> l.startsWith("***   /kick")), plain.toString());
        ann.send("/oper root " + PASSWORD);
        ann.expectNext("*** You are now an operator (root). /help lists what operators can do.");
        ann.send("/help");
        List<String> all = ann.readUntil(l -> l.startsWith("***   //TEXT"), "the end of /help");
        for (String command : List.of("/kick", "/ban", "/unban", "/bans", "/mute", "/unmute", "/announce")) {
            assertTrue(all.stream().anyMatch(l -> l.startsWith("***   " + command + " ")), command + " in " + all);
        }
    }

    @Test
    void theMessageOfTheDayFollowsTheWelcome() throws IOException {
        start(List.of("Be kind.", "Rules: docs/rules.txt"));
        TestClient ann = TestClient.join(server.port());
        clients.add(ann);
        ann.expectNext("*** Be kind.");
        ann.expectNext("*** Rules: docs/rules.txt");
    }
}
