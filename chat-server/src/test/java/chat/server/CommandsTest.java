package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Nicknames, rooms, private messages, history and the rest of the commands, over loopback. */
class CommandsTest {

    private static final Pattern HISTORY = Pattern.compile("\\[\\d\\d:\\d\\d\\] (.*)");

    @RegisterExtension
    final RunningServer server = new RunningServer(ServerConfig.defaults().withFlood(20, 0).withHistoryLines(3));

    private TestClient join() throws IOException {
        TestClient client = TestClient.join(server.port());
        server.track(client);
        return client;
    }

    /** A user named {@code nick}, whose rename everyone already in the lobby has seen. */
    private TestClient joinAs(String nick) throws IOException {
        TestClient client = join();
        client.send("/nick " + nick);
        client.expect("*** " + client.nick() + " is now known as " + nick);
        return client;
    }

    @Test
    void nickChangeIsSeenByTheRoom() throws IOException {
        TestClient ann = join();
        TestClient bob = join();
        bob.send("/nick bob");
        ann.expect("*** user2 is now known as bob");
        bob.expect("*** user2 is now known as bob");
        bob.send("hi");
        ann.expect("bob: hi");
    }

    @Test
    void pingIsAnsweredWithPongAndItsTextToTheSenderAlone() throws IOException {
        TestClient ann = join();
        TestClient bob = join();
        ann.expect("*** user2 joined #lobby");
        bob.send("/ping");
        bob.expectNext("*** pong");
        bob.send("/ping lag-42");
        bob.expectNext("*** pong lag-42");
        bob.send("after");
        ann.expectNext("user2: after"); // ann saw neither ping nor pong
    }

    @Test
    void nicknamesAreUniqueIgnoringCase() throws IOException {
        joinAs("Ann");
        TestClient other = join();
        other.send("/nick aNN");
        other.expectNext("! The name aNN is taken.");
        other.send("/nick ann2");
        other.expectNext("*** user2 is now known as ann2");
    }

    @Test
    void aUserMayChangeTheCaseOfTheirOwnName() throws IOException {
        TestClient ann = joinAs("ann");
        ann.send("/nick Ann");
        ann.expectNext("*** ann is now known as Ann");
    }

    @Test
    void invalidNicknamesGetAClearErrorAndChangeNothing() throws IOException {
        TestClient ann = join();
        ann.send("/nick way_too_long_a_name_for_this");
        ann.expectNext("! \"way_too_long_a_name_for_this\" is too long: a nickname has at most 24 characters.");
        ann.send("/nick bad!name");
        ann.expectNext("! \"bad!name\" is not a valid nickname: use letters, digits, _ and - only.");
        ann.send("/nick user9");
        ann.expectNext("! Names like user9 are kept for new users; pick another.");
        ann.send("/nick");
        ann.expectNext("! Usage: /nick NAME");
        ann.send("still user1");
        ann.expectNext("user1: still user1");
    }

    @Test
    void whoListsTheRoomWithItsCount() throws IOException {
        TestClient ann = joinAs("ann");
        joinAs("bob");
        ann.send("/who");
        ann.expect("*** 2 users in #lobby: ann, bob");
        ann.send("/names");
        ann.expectNext("*** 2 users in #lobby: ann, bob");
    }

    @Test
    void privateMessageReachesOnlyItsRecipientInAnyRoom() throws IOException {
        TestClient ann = joinAs("ann");
        TestClient bob = joinAs("bob");
        TestClient eve = joinAs("eve");
        bob.send("/join #elsewhere");
        bob.expect("*** You joined #elsewhere (1 user here).");
        ann.send("/msg BOB meet at 5");
        ann.expect("[pm to bob] meet at 5");
        bob.expectNext("[pm from ann] meet at 5");
        ann.send("public marker");
        List<String> eveSaw = eve.readUntil("ann: public marker");
        assertFalse(eveSaw.stream().anyMatch(l -> l.contains("meet at 5")), eveSaw.toString());
    }

    @Test
    void privateMessageToAnUnknownNameSaysNoOneInTheChatHasIt() throws IOException {
        TestClient ann = join();
        ann.send("/msg nobody hello");
        ann.expectNext("! No one called nobody is in the chat.");
        ann.send("/msg nobody");
        ann.expectNext("! Usage: /msg NAME TEXT");
    }

    @Test
    void privateMessageToYourselfIsShownOnceAsSent() throws IOException {
        TestClient ann = joinAs("ann");
        ann.send("/msg Ann note to self");
        ann.expectNext("[pm to ann] note to self");
        ann.send("marker");
        ann.expectNext("ann: marker");
    }

    @Test
    void aNickWithASpaceGetsTheInvalidNameError() throws IOException {
        TestClient ann = join();
        ann.send("/nick x y");
        ann.expectNext("! \"x y\" is not a valid nickname: use letters, digits, _ and - only.");
        ann.send("still user1");
        ann.expectNext("user1: still user1");
    }

    @Test
    void partLeavesTheRoomForTheLobbyAndBothRoomsAreTold() throws IOException {
        TestClient ann = joinAs("ann");
        TestClient bob = joinAs("bob");
        TestClient cat = joinAs("cat");
        bob.send("/join dev");
        bob.expect("*** You joined #dev (1 user here).");
        cat.send("/join dev");
        cat.expect("*** You joined #dev (2 users here).");
        bob.expect("*** cat joined #dev");
        cat.send("/PART");
        cat.expectNext("*** You joined #lobby (2 users here).");
        bob.expectNext("*** cat left #dev (moved to #lobby)");
        ann.expect("*** cat joined #lobby");
        cat.send("/part");
        cat.expectNext("! You are already in #lobby.");
        cat.send("/part now");
        cat.expectNext("! Usage: /part");
    }

    @Test
    void listIsTheSameAsRooms() throws IOException {
        TestClient ann = joinAs("ann");
        TestClient bob = joinAs("bob");
        bob.send("/join Dev");
        bob.expect("*** You joined #Dev (1 user here).");
        ann.send("/list");
        ann.expect("*** 2 rooms: #Dev (1), #lobby (1)");
    }

    @Test
    void meSendsAnAction() throws IOException {
        TestClient ann = joinAs("ann");
        TestClient bob = joinAs("bob");
        ann.send("/me waves");
        ann.expect("* ann waves");
        bob.expect("* ann waves");
    }

    @Test
    void joinMovesBetweenRoomsAndBothRoomsAreTold() throws IOException {
        TestClient ann = joinAs("ann");
        TestClient bob = joinAs("bob");
        TestClient cat = joinAs("cat");
        cat.send("/join dev");
        cat.expect("*** You joined #dev (1 user here).");
        bob.send("/join #DEV");
        bob.expect("*** You joined #dev (2 users here).");
        ann.expect("*** bob left #lobby (moved to #dev)");
        cat.expect("*** bob joined #dev");
        cat.send("/who");
        cat.expect("*** 2 users in #dev: bob, cat");
        bob.send("/join dev");
        bob.expect("! You are already in #dev.");
    }

    @Test
    void roomsAreIsolated() throws IOException {
        TestClient ann = joinAs("ann");
        TestClient bob = joinAs("bob");
        bob.send("/join dev");
        bob.expect("*** You joined #dev (1 user here).");
        bob.send("secret dev talk");
        bob.expect("bob: secret dev talk");
        ann.send("lobby talk");
        bob.send("/who");
        bob.expectNext("*** 1 user in #dev: bob");
        List<String> annSaw = ann.readUntil("ann: lobby talk");
        assertFalse(annSaw.stream().anyMatch(l -> l.contains("secret")), annSaw.toString());
    }

    @Test
    void invalidRoomNamesAreErrors() throws IOException {
        TestClient ann = join();
        ann.send("/join " + "r".repeat(33));
        ann.expectNext("! \"" + "r".repeat(33) + "\" is too long: a room name has at most 32 characters.");
        ann.send("/join b@d");
        ann.expectNext("! \"b@d\" is not a valid room name: use letters, digits, _ and - only.");
    }

    @Test
    void roomsListsEveryRoomWithItsCountAndEmptyRoomsDisappear() throws IOException {
        TestClient ann = joinAs("ann");
        TestClient bob = joinAs("bob");
        bob.send("/join Dev");
        bob.expect("*** You joined #Dev (1 user here).");
        ann.send("/rooms");
        ann.expect("*** 2 rooms: #Dev (1), #lobby (1)");
        bob.send("/join lobby");
        bob.expect("*** You joined #lobby (2 users here).");
        ann.send("/rooms");
        ann.expect("*** 1 room: #lobby (2)");
    }

    @Test
    void historyArrivesOldestFirstBeforeLiveLinesAndKeepsOnlyTheLastN() throws IOException {
        TestClient ann = joinAs("ann");
        for (int i = 1; i <= 5; i++) {
            ann.send("message " + i);
            ann.expect("ann: message " + i);
        }
        ann.send("/me is done");
        ann.expect("* ann is done");
        TestClient bob = TestClient.connect(server.port());
        server.track(bob);
        assertTrue(bob.readLine().startsWith("*** Welcome, user2!"));
        List<String> replay = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var m = HISTORY.matcher(bob.readLine());
            assertTrue(m.matches(), "a history line");
            replay.add(m.group(1));
        }
        assertEquals(List.of("ann: message 4", "ann: message 5", "* ann is done"), replay);
        ann.send("live");
        bob.expectNext("ann: live");
    }

    @Test
    void historyIsReplayedOnJoiningARoom() throws IOException {
        TestClient ann = joinAs("ann");
        ann.send("/join dev");
        ann.expect("*** You joined #dev (1 user here).");
        ann.send("dev only");
        ann.expect("ann: dev only");
        TestClient bob = join();
        bob.send("/join dev");
        bob.expectNext("*** You joined #dev (2 users here).");
        String replayed = bob.readLine();
        assertTrue(HISTORY.matcher(replayed).matches() && replayed.endsWith("] ann: dev only"), replayed);
    }

    @Test
    void quitSaysGoodbyeTellsTheRoomWithTheReasonAndCloses() throws IOException {
        TestClient ann = joinAs("ann");
        TestClient bob = joinAs("bob");
        bob.send("/quit off to bed");
        assertEquals(List.of("*** Goodbye, bob!"), bob.readUntilClosed());
        ann.expect("*** bob left #lobby (quit: off to bed)");
    }

    @Test
    void linesAfterQuitAreIgnored() throws IOException {
        TestClient ann = joinAs("ann");
        TestClient bob = joinAs("bob");
        bob.sendRaw("/quit\nthis must not be said\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bob.readUntilClosed();
        List<String> annSaw = ann.readUntil("*** bob left #lobby (quit)");
        ann.send("marker");
        annSaw.addAll(ann.readUntil("ann: marker"));
        assertFalse(annSaw.stream().anyMatch(l -> l.contains("must not")), annSaw.toString());
    }

    @Test
    void helpListsEveryCommandOnceWithItsAliases() throws IOException {
        TestClient ann = join();
        ann.send("/help");
        ann.expectNext("*** Commands:");
        List<String> rows = new ArrayList<>();
        for (String line = ann.readLine(); !line.startsWith("***   //TEXT"); line = ann.readLine()) {
            assertTrue(line.startsWith("***   /"), line);
            rows.add(line.substring("***   ".length()));
        }
        List<String> commands = List.of("/nick", "/who", "/msg", "/me", "/join", "/part", "/rooms", "/quit", "/help");
        for (String command : commands) {
            assertEquals(1, rows.stream().filter(r -> r.startsWith(command + " ")).count(), command + " once in " + rows);
        }
        assertEquals(rows.size(), chat.core.Command.USAGES.stream().filter(u -> !u.isAlias() && !u.forOperators()).count(), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("/who (also /names) ")), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("/rooms (also /list) ")), rows.toString());
        assertFalse(rows.stream().anyMatch(r -> r.startsWith("/names") || r.startsWith("/list")), rows.toString());
    }

    @Test
    void unknownCommandIsAnErrorToTheSenderOnly() throws IOException {
        TestClient ann = join();
        TestClient bob = join();
        ann.send("/dance");
        ann.expect("! Unknown command /dance. Type /help for the list, or // to start a message with /.");
        ann.send("after");
        List<String> bobSaw = bob.readUntil("user1: after");
        assertFalse(bobSaw.stream().anyMatch(l -> l.contains("dance")), bobSaw.toString());
    }

    @Test
    void doubleSlashSendsAMessageStartingWithASlash() throws IOException {
        TestClient ann = join();
        ann.send("//shrug");
        ann.expectNext("user1: /shrug");
    }
}
