package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.core.Tags;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tagged mode over real sockets (docs/protocol.md, "Tagged mode"): a tagged and an untagged
 * user in one room see the same lines, the tagged one with tags that say what each line is.
 */
class TaggedLinesTest {

    @RegisterExtension
    final RunningServer server = new RunningServer(ServerConfig.defaults().withFlood(50, 0).withMaxLineBytes(100));

    /** When the test began, to check that every time tag is a real, recent time. */
    private final Instant began = Instant.now().minusSeconds(1);

    /** Reads {@code client}'s next line, which must be tagged and end with {@code line}; returns its tags. */
    private Map<String, String> expectTagged(TestClient client, String line) throws IOException {
        String raw = client.readLine();
        Tags.Parsed parsed = Tags.parse(raw);
        assertEquals(line, parsed.line(), raw);
        Instant time = Instant.parse(parsed.get("time"));
        assertTrue(!time.isBefore(began) && !time.isAfter(Instant.now().plusSeconds(1)), "a time of now: " + raw);
        assertTrue(parsed.get("time").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), raw);
        return parsed.tags();
    }

    private static void assertTags(Map<String, String> tags, String... expected) {
        for (int i = 0; i < expected.length; i += 2) {
            assertEquals(expected[i + 1], tags.get(expected[i]), expected[i] + " in " + tags);
        }
    }

    private static long seq(Map<String, String> tags) {
        return Long.parseLong(tags.get("seq"));
    }

    private TestClient taggedUser(String nick) throws IOException {
        TestClient client = server.join();
        client.send("/nick " + nick);
        client.expect("*** " + client.nick() + " is now known as " + nick);
        client.send("/tags on");
        Map<String, String> tags = expectTagged(client,
                "*** Tagged mode is on: every line now starts with @tags (docs/protocol.md, \"Tagged mode\"). /tags off to stop.");
        assertTags(tags, "kind", "notice");
        return client;
    }

    @Test
    void aTaggedAndAnUntaggedUserSeeTheSameRoomLinesTheTaggedOneWithSeqTimeKindRoomAndFrom() throws IOException {
        TestClient ann = server.join();
        TestClient bob = taggedUser("bob");
        ann.expect("*** " + bob.nick() + " is now known as bob");

        ann.send("hello there");
        ann.expectNext("user1: hello there");
        Map<String, String> chat = expectTagged(bob, "user1: hello there");
        assertTags(chat, "kind", "chat", "room", "lobby", "from", "user1");

        ann.send("/me waves");
        ann.expectNext("* user1 waves");
        Map<String, String> action = expectTagged(bob, "* user1 waves");
        assertTags(action, "kind", "action", "room", "lobby", "from", "user1");
        assertEquals(seq(chat) + 1, seq(action), "the room's order, one number per event");

        ann.send("/nick ann");
        ann.expectNext("*** user1 is now known as ann");
        Map<String, String> nick = expectTagged(bob, "*** user1 is now known as ann");
        assertTags(nick, "kind", "nick", "from", "user1", "nick", "ann", "room", "lobby");
        assertEquals(seq(action) + 1, seq(nick));

        ann.send("/topic plans; lunch at 12");
        ann.expectNext("*** ann set the topic of #lobby: plans; lunch at 12");
        String rawTopic = bob.readLine();
        assertTrue(rawTopic.contains(";topic=plans\\:\\slunch\\sat\\s12"), "escaped as IRCv3 says: " + rawTopic);
        Tags.Parsed topic = Tags.parse(rawTopic);
        assertTags(topic.tags(), "kind", "topic", "from", "ann", "topic", "plans; lunch at 12", "room", "lobby");
        assertEquals(seq(nick) + 1, seq(topic.tags()));

        TestClient cat = server.join();
        ann.expectNext("*** " + cat.nick() + " joined #lobby");
        Map<String, String> join = expectTagged(bob, "*** " + cat.nick() + " joined #lobby");
        assertTags(join, "kind", "join", "from", cat.nick(), "room", "lobby");
        assertEquals(seq(topic.tags()) + 1, seq(join));

        cat.send("/quit see you; bye");
        ann.expectNext("*** " + cat.nick() + " left #lobby (quit: see you; bye)");
        String rawLeave = bob.readLine();
        assertTrue(rawLeave.contains(";reason=quit:\\ssee\\syou\\:\\sbye"), rawLeave);
        Tags.Parsed leave = Tags.parse(rawLeave);
        assertEquals("*** " + cat.nick() + " left #lobby (quit: see you; bye)", leave.line());
        assertTags(leave.tags(), "kind", "leave", "from", cat.nick(), "reason", "quit: see you; bye");
        assertEquals(seq(join) + 1, seq(leave.tags()));
    }

    @Test
    void privateMessagesErrorsAndRepliesAreTaggedWithTheTimeOfSendingAndNoSeq() throws IOException {
        TestClient ann = server.join();
        TestClient bob = taggedUser("bob");
        ann.expect("*** " + bob.nick() + " is now known as bob");

        bob.send("/msg user1 psst");
        Map<String, String> sent = expectTagged(bob, "[pm to user1] psst");
        assertTags(sent, "kind", "pm", "to", "user1", "from", null, "seq", null);
        ann.expectNext("[pm from bob] psst");

        ann.send("/msg bob back at you");
        ann.expectNext("[pm to bob] back at you");
        assertTags(expectTagged(bob, "[pm from user1] back at you"), "kind", "pm", "from", "user1", "to", null);

        bob.send("/msg nobody hi");
        assertTags(expectTagged(bob, "! No one called nobody is in the chat."), "kind", "error", "seq", null);

        bob.send("x".repeat(150)); // over --max-line-bytes: the error is written below the chat, by the intake
        assertTags(expectTagged(bob, "! Your line was longer than 100 bytes and was not sent."), "kind", "error");

        bob.send("/away lunch");
        assertTags(expectTagged(bob, "*** You are away: lunch (/away alone when you are back)"), "kind", "notice");

        bob.send("/who");
        assertTags(expectTagged(bob, "*** 2 users in #lobby: bob (away), user1"), "kind", "who", "room", "lobby");

        bob.send("/rooms");
        assertTags(expectTagged(bob, "*** 1 room: #lobby (2)"), "kind", "rooms");

        bob.send("/join dev");
        ann.expectNext("*** bob left #lobby (moved to #dev)");
        assertTags(expectTagged(bob, "*** You joined #dev (1 user here)."), "kind", "joined", "room", "dev");

        bob.send("/quit");
        assertTags(expectTagged(bob, "*** Goodbye, bob!"), "kind", "goodbye", "nick", "bob");
    }

    @Test
    void historyIsReplayedTaggedWithEachLinesOriginalSeqAndTime() throws IOException {
        TestClient ann = server.join();
        TestClient bob = taggedUser("bob");
        ann.expect("*** " + bob.nick() + " is now known as bob");
        ann.send("first");
        ann.send("/me second");
        Map<String, String> first = expectTagged(bob, "user1: first");
        Map<String, String> second = expectTagged(bob, "* user1 second");
        bob.send("/join dev");
        expectTagged(bob, "*** You joined #dev (1 user here).");
        bob.send("/join lobby");
        assertTags(expectTagged(bob, "*** You joined #lobby (2 users here)."), "kind", "joined");
        String raw1 = bob.readLine();
        Tags.Parsed h1 = Tags.parse(raw1);
        assertTrue(h1.line().matches("\\[\\d\\d:\\d\\d] user1: first"), raw1);
        assertTags(h1.tags(), "kind", "history", "was", "chat", "seq", first.get("seq"), "time", first.get("time"),
                "room", "lobby", "from", "user1");
        Tags.Parsed h2 = Tags.parse(bob.readLine());
        assertTrue(h2.line().endsWith("] * user1 second"), h2.line());
        assertTags(h2.tags(), "kind", "history", "was", "action", "seq", second.get("seq"), "time", second.get("time"));
        ann.expect("*** bob left #lobby (moved to #dev)");
        ann.expectNext("*** bob joined #lobby");
    }

    @Test
    void tagsOffGoesBackToPlainLinesAndOthersNeverSeeATag() throws IOException {
        TestClient ann = server.join();
        TestClient bob = taggedUser("bob");
        ann.expect("*** " + bob.nick() + " is now known as bob");
        bob.send("/tags off");
        bob.expectNext("*** Tagged mode is off.");
        ann.send("plain for all");
        ann.expectNext("user1: plain for all");
        bob.expectNext("user1: plain for all");
        bob.send("/tags");
        bob.expectNext("*** Tagged mode is off; /tags on starts every line with @tags.");
        bob.send("/tags sideways");
        bob.expectNext("! Usage: /tags on|off");
        ann.send("/help");
        List<String> help = ann.readUntil(line -> line.startsWith("***   //TEXT"), "the end of /help");
        assertTrue(help.stream().anyMatch(line -> line.contains("/tags on|off")), help.toString());
        assertFalse(help.stream().anyMatch(line -> line.startsWith("@")), "never a tag unless asked: " + help);
    }

    @Test
    void theShutdownNoticeIsTaggedForATaggedUserAndPlainForTheRest() throws IOException {
        TestClient ann = server.join();
        TestClient bob = taggedUser("bob");
        ann.expect("*** " + bob.nick() + " is now known as bob");
        server.stop();
        ann.expectNext("*** The server is shutting down. Goodbye!");
        Map<String, String> tags = expectTagged(bob, "*** The server is shutting down. Goodbye!");
        assertTags(tags, "kind", "shutdown", "seq", null);
        assertNull(tags.get("room"));
    }

    @Test
    void aTaggedClientResumesAfterTheSeqItSawLastAndGetsTheMissedLinesTaggedAndTheRoomABackEvent() throws IOException {
        TestClient ann = taggedUser("ann");
        TestClient bob = taggedUser("bob");
        ann.readUntil(raw -> Tags.parse(raw).line().equals("*** " + bob.nick() + " is now known as bob"), "bob's name");
        bob.send("seen");
        Map<String, String> seen = expectTagged(ann, "bob: seen");
        expectTagged(bob, "bob: seen");
        ann.send("/token");
        String token = Tags.parse(ann.expectStartingWith("@kind=notice;")).line().replaceAll(".* token is ([a-z2-7]+)\\. .*", "$1");
        ann.close();
        expectTagged(bob, "*** ann left #lobby (connection closed)");
        bob.send("missed one");
        Map<String, String> missed = expectTagged(bob, "bob: missed one");

        TestClient back = server.join();
        back.send("/tags on"); // tagged mode is the connection's: asked again before resuming
        back.readLine();
        back.send("/resume " + token + " " + seq(seen));
        back.readUntil(raw -> Tags.parse(raw).line().startsWith("*** Your resume token is "), "the new token");
        String raw = back.readLine();
        Tags.Parsed replayed = Tags.parse(raw);
        assertTrue(replayed.line().endsWith("] bob: missed one"), raw);
        assertTags(replayed.tags(), "kind", "history", "was", "chat", "seq", missed.get("seq"), "from", "bob", "room", "lobby");
        assertTags(expectTagged(back, "*** Welcome back, ann: 1 line you missed in #lobby."), "kind", "notice");
        bob.readUntil(line -> Tags.parse(line).line().equals("*** " + back.nick() + " is now known as ann"), "the rename");
        Map<String, String> backEvent = expectTagged(bob, "*** ann is back in #lobby");
        assertTags(backEvent, "kind", "back", "from", "ann", "room", "lobby");
        assertTrue(seq(backEvent) > seq(missed), backEvent.toString());
    }
}
