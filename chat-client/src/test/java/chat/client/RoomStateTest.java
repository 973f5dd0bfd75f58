package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import chat.core.Protocol;
import chat.core.ServerEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomStateTest {

    private final RoomState state = new RoomState();

    /** Feeds {@code line} as the server would send it. */
    private void hear(String line) {
        state.apply(ServerEvent.parse(line));
    }

    @Test
    void nothingIsKnownBeforeTheWelcome() {
        assertNull(state.nick());
        assertNull(state.room());
        assertEquals(List.of(), state.others());
    }

    @Test
    void welcomeGivesMyNameAndRoomAndWhoFillsTheOthers() {
        hear(Protocol.welcome("user3", "lobby", 3));
        hear(Protocol.who("lobby", List.of("ann", "bob", "user3")));
        assertEquals("user3", state.nick());
        assertEquals("lobby", state.room());
        assertEquals(List.of("ann", "bob"), state.others());
    }

    @Test
    void othersFollowJoinsLeavesAndRenames() {
        hear(Protocol.welcome("user3", "lobby", 2));
        hear(Protocol.who("lobby", List.of("ann", "user3")));
        hear(Protocol.joined("carol", "lobby"));
        hear(Protocol.renamed("ann", "anna"));
        hear(Protocol.left("carol", "lobby", "quit"));
        hear(Protocol.joined("Dave", "lobby"));
        assertEquals(List.of("anna", "Dave"), state.others());
    }

    @Test
    void myOwnRenameChangesMyName() {
        hear(Protocol.welcome("user3", "lobby", 1));
        hear(Protocol.renamed("user3", "zed"));
        assertEquals("zed", state.nick());
        assertEquals(List.of(), state.others());
    }

    @Test
    void joiningAnotherRoomForgetsTheOldRoomsPeople() {
        hear(Protocol.welcome("me", "lobby", 2));
        hear(Protocol.who("lobby", List.of("ann", "me")));
        hear(Protocol.youJoined("dev", 1));
        assertEquals("dev", state.room());
        assertEquals(List.of(), state.others());
        assertEquals(List.of("dev", "lobby"), state.rooms());
    }

    @Test
    void aRoomListReplacesTheRoomsKnownButKeepsMine() {
        hear(Protocol.welcome("me", "lobby", 1));
        hear(Protocol.rooms(List.of("dev", "ops"), List.of(1, 2)));
        assertEquals(List.of("dev", "lobby", "ops"), state.rooms());
        hear(Protocol.rooms(List.of("lobby", "music"), List.of(1, 1)));
        assertEquals(List.of("lobby", "music"), state.rooms());
    }

    @Test
    void namesDifferingOnlyInCaseAreOnePerson() {
        hear(Protocol.welcome("me", "lobby", 1));
        hear(Protocol.joined("Ann", "lobby"));
        hear(Protocol.joined("ANN", "lobby"));
        assertEquals(List.of("ANN"), state.others());
        hear(Protocol.left("ann", "LOBBY", "quit"));
        assertEquals(List.of(), state.others());
    }

    @Test
    void aWhoAnswerForAnotherRoomLeavesMyRoomAlone() {
        hear(Protocol.welcome("me", "lobby", 2));
        hear(Protocol.who("lobby", List.of("ann", "me")));
        hear(Protocol.who("dev", List.of("zoe")));
        assertEquals(List.of("ann"), state.others());
    }
}
