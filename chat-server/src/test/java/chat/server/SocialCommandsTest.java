package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /whois, /away, /topic, /ignore and /unignore in one process, over loopback (issue 13 §2). */
class SocialCommandsTest {

    private static final String SINCE = "connected since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC \\(\\d+ s ago\\)";

    @RegisterExtension
    final RunningServer server = new RunningServer(ServerConfig.defaults().withFlood(50, 0).withHistoryLines(3));

    /** A user named {@code nick}, whose rename everyone already in the lobby has seen. */
    private TestClient joinAs(String nick) throws IOException {
        TestClient client = server.join();
        client.send("/nick " + nick);
        client.expect("*** " + client.nick() + " is now known as " + nick);
        return client;
    }

    @Test
    void whoisShowsTheRoomWhenTheyConnectedAndHowLongTheyHaveBeenIdle() throws IOException {
        TestClient ann = joinAs("ann");
        TestClient bob = joinAs("bob");
        ann.send("hello");
        bob.expect("ann: hello");
        bob.send("/whois ANN");
        String line = bob.expectStartingWith("*** ann ");
        assertTrue(line.matches("\\*\\*\\* ann is in #lobby, " + SINCE + ", idle \\d+ s"), line);
        bob.send("/whois zed");
        bob.expectNext("! No one called zed is in the chat.");
        bob.send("/whois");
        bob.expectNext("! Usage: /whois NAME");
    }

    @Test
    void awayIsMarkedInWhoAndWhoisUntilTheUserIsBack() throws IOException {
        TestClient ann = joinAs("ann");
        TestClient bob = joinAs("bob");
        ann.send("/away gone to lunch");
        ann.expect("*** You are away: gone to lunch (/away alone when you are back)");
        bob.send("/who");
        bob.expect("*** 2 users in #lobby: ann (away), bob");
        bob.send("/whois ann");
        bob.expectStartingWith("*** ann is in #lobby, ");
        bob.expectNext("*** ann is away: gone to lunch");
        ann.send("/away");
        ann.expectNext("*** You are back.");
        ann.send("/away");
        ann.expectNext("*** You were not away.");
        bob.send("/who");
        bob.expectNext("*** 2 users in #lobby: ann, bob");
    }

    @Test
    void aPrivateMessageToSomeoneAwayGetsTheirMessageBackOncePerAwayPeriod() throws IOException {
        TestClient ann = joinAs("ann");
        TestClient bob = joinAs("bob");
        ann.send("/away lunch");
        ann.expect("*** You are away: lunch (/away alone when you are back)");
        bob.send("/msg ann are you there?");
        bob.expectNext("[pm to ann] are you there?");
        bob.expectNext("*** ann is away: lunch");
        ann.expect("[pm from bob] are you there?");
        bob.send("/msg ann still?");
        bob.expectNext("[pm to ann] still?");
        bob.send("/msg bob marker");
        bob.expectNext("[pm to bob] marker"); // no second away notice came before it
        ann.send("/away meeting");
        ann.expect("*** You are away: meeting (/away alone when you are back)");
        bob.send("/msg ann and now?");
        bob.expectNext("[pm to ann] and now?");
        bob.expectNext("*** ann is away: meeting");
    }

    @Test
    void anAwayMessageOrATopicThatIsTooLongIsRefusedInOneLine() throws IOException {
        TestClient ann = joinAs("ann");
        ann.send("/away " + "x".repeat(201));
        ann.expectNext("! An away message has at most 200 characters; yours has 201.");
        ann.send("/topic " + "y".repeat(301));
        ann.expectNext("! A topic has at most 300 characters; yours has 301.");
        ann.send("/topic");
        ann.expectNext("*** #lobby has no topic. Set one with /topic TEXT.");
    }

    @Test
    void aTopicIsAnnouncedToTheRoomAndShownAfterTheHistoryToWhoeverJoins() throws IOException {
        TestClient ann = joinAs("ann");
        TestClient bob = joinAs("bob");
        ann.send("before the topic");
        ann.send("/topic release on Friday: \u001B[2Jread #dev");
        ann.expect("*** ann set the topic of #lobby: release on Friday: ^[[2Jread #dev");
        bob.expect("*** ann set the topic of #lobby: release on Friday: ^[[2Jread #dev");
        bob.send("/topic");
        bob.expect("*** The topic of #lobby is: release on Friday: ^[[2Jread #dev (set by ann)");
        TestClient cat = server.connect();
        List<String> arrival = cat.readUntil("*** The topic of #lobby is: release on Friday: ^[[2Jread #dev (set by ann)");
        assertEquals(2, arrival.size(), "welcome, one history line, then the topic: " + arrival);
        assertTrue(arrival.get(1).matches("\\[\\d\\d:\\d\\d\\] ann: before the topic"), "the topic is not a history line: " + arrival);
        ann.send("live");
        cat.expectNext("ann: live");
    }

    @Test
    void aRoomsTopicOutlivesTheRoomEmptyingAsItsHistoryDoes() throws IOException {
        TestClient ann = joinAs("ann");
        ann.send("/join dev");
        ann.expect("*** You joined #dev (1 user here).");
        ann.send("/topic dev things");
        ann.expect("*** ann set the topic of #dev: dev things");
        ann.send("/join lobby");
        ann.expect("*** You joined #lobby (1 user here).");
        ann.send("/join dev");
        ann.expect("*** You joined #dev (1 user here).");
        ann.expectNext("*** The topic of #dev is: dev things (set by ann)");
        ann.send("/topic");
        ann.expectNext("*** The topic of #dev is: dev things (set by ann)");
    }

    @Test
    void anIgnoredUsersLinesActionsAndPrivateMessagesNoLongerReachTheIgnorerOnly() throws IOException {
        TestClient ann = joinAs("ann");
        TestClient bob = joinAs("bob");
        TestClient cat = joinAs("cat");
        ann.send("/ignore BOB");
        ann.expect("*** You are ignoring bob: their lines, actions and private messages no longer reach you. /unignore bob to undo.");
        bob.send("can you hear me");
        bob.expect("bob: can you hear me");
        bob.send("/me waves");
        bob.expect("* bob waves");
        bob.send("/msg ann psst");
        bob.expectNext("[pm to ann] psst"); // the sender sees its copy, as in IRC
        cat.expect("bob: can you hear me");
        cat.send("marker");
        List<String> annSaw = ann.readUntil("cat: marker");
        assertFalse(annSaw.stream().anyMatch(l -> l.contains("bob")), annSaw.toString());
        ann.send("/ignore");
        ann.expectNext("*** You are ignoring 1: bob");
        ann.send("/unignore bob");
        ann.expectNext("*** You are no longer ignoring bob.");
        bob.send("again");
        ann.expect("bob: again");
    }

    @Test
    void anIgnoredUserWhoChangesNameInTheIgnorersRoomStaysIgnored() throws IOException {
        TestClient ann = joinAs("ann");
        TestClient bob = joinAs("bob");
        TestClient cat = joinAs("cat");
        ann.send("/ignore bob");
        ann.expect("*** You are ignoring bob: their lines, actions and private messages no longer reach you. /unignore bob to undo.");
        bob.send("/nick robert");
        ann.expect("*** bob is now known as robert");
        bob.send("new name, same me");
        bob.expect("robert: new name, same me");
        cat.send("marker");
        List<String> annSaw = ann.readUntil("cat: marker");
        assertFalse(annSaw.stream().anyMatch(l -> l.startsWith("robert: ")), annSaw.toString());
        ann.send("/ignore");
        ann.expectNext("*** You are ignoring 1: robert");
    }

    @Test
    void ignoringYourselfSomeoneUnknownOrTwiceIsOneClearLine() throws IOException {
        TestClient ann = joinAs("ann");
        joinAs("bob");
        ann.send("/ignore Ann");
        ann.expect("! You cannot ignore yourself.");
        ann.send("/ignore zed");
        ann.expectNext("! No one called zed is in the chat.");
        ann.send("/ignore bob");
        ann.expectStartingWith("*** You are ignoring bob:");
        ann.send("/ignore bob");
        ann.expectNext("! You are already ignoring bob.");
        ann.send("/unignore zed");
        ann.expectNext("! You are not ignoring zed.");
        ann.send("/unignore");
        ann.expectNext("! Usage: /unignore NAME");
        ann.send("/ignore");
        ann.expectNext("*** You are ignoring 1: bob");
    }

    @Test
    void anIgnoredUsersLinesAreLeftOutOfTheHistoryReplayedToTheIgnorer() throws IOException {
        TestClient ann = joinAs("ann");
        TestClient bob = joinAs("bob");
        ann.send("/ignore bob");
        ann.expectStartingWith("*** You are ignoring bob:");
        bob.send("/join dev");
        bob.expect("*** You joined #dev (1 user here).");
        bob.send("only for dev");
        bob.expect("bob: only for dev");
        bob.send("/me leaves a note");
        bob.expect("* bob leaves a note");
        ann.send("/join dev");
        ann.expect("*** You joined #dev (2 users here).");
        ann.send("/who");
        ann.expectNext("*** 2 users in #dev: ann, bob"); // straight after the welcome: no history line of bob's
    }

    @Test
    void helpListsTheSocialCommands() throws IOException {
        TestClient ann = joinAs("ann");
        ann.send("/help");
        List<String> help = ann.readUntil(l -> l.contains("//TEXT"), "the end of /help");
        for (String syntax : List.of("/whois NAME", "/away [MESSAGE]", "/topic [TEXT]", "/ignore [NAME]", "/unignore NAME")) {
            assertTrue(help.stream().anyMatch(l -> l.startsWith("***   " + syntax + " ")), syntax + " in " + help);
        }
    }
}
