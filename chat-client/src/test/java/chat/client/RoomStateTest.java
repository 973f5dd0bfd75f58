package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import chat.core.Event;
import chat.core.Event.RoomList.RoomCount;
import chat.core.Wire;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomStateTest {

    private final RoomState state = new RoomState();

    /** Feeds {@code line} as the server would send it. */
    private void hear(String line) {
        state.apply(Wire.parse(line));
    }

    @Test
    void nothingIsKnownBeforeTheWelcome() {
        assertNull(state.nick());
        assertNull(state.room());
        assertEquals(List.of(), state.others());
    }

    @Test
    void welcomeGivesMyNameAndRoomAndWhoFillsTheOthers() {
        hear(Wire.render(new Event.Welcome("user3", "lobby", 3)));
        hear(Wire.render(new Event.Who("lobby", List.of("ann", "bob", "user3"), 0)));
        assertEquals("user3", state.nick());
        assertEquals("lobby", state.room());
        assertEquals(List.of("ann", "bob"), state.others());
    }

    @Test
    void othersFollowJoinsLeavesAndRenames() {
        hear(Wire.render(new Event.Welcome("user3", "lobby", 2)));
        hear(Wire.render(new Event.Who("lobby", List.of("ann", "user3"), 0)));
        hear(Wire.render(Event.RoomEvent.join("lobby", "carol")));
        hear(Wire.render(Event.RoomEvent.rename("", "ann", "anna")));
        hear(Wire.render(Event.RoomEvent.leave("lobby", "carol", "quit")));
        hear(Wire.render(Event.RoomEvent.join("lobby", "Dave")));
        assertEquals(List.of("anna", "Dave"), state.others());
    }

    @Test
    void myOwnRenameChangesMyName() {
        hear(Wire.render(new Event.Welcome("user3", "lobby", 1)));
        hear(Wire.render(Event.RoomEvent.rename("", "user3", "zed")));
        assertEquals("zed", state.nick());
        assertEquals(List.of(), state.others());
    }

    @Test
    void joiningAnotherRoomForgetsTheOldRoomsPeople() {
        hear(Wire.render(new Event.Welcome("me", "lobby", 2)));
        hear(Wire.render(new Event.Who("lobby", List.of("ann", "me"), 0)));
        hear(Wire.render(new Event.YouJoined("dev", 1)));
        assertEquals("dev", state.room());
        assertEquals(List.of(), state.others());
        assertEquals(List.of("dev", "lobby"), state.rooms());
    }

    @Test
    void aRoomListReplacesTheRoomsKnownButKeepsMine() {
        hear(Wire.render(new Event.Welcome("me", "lobby", 1)));
        hear(Wire.render(new Event.RoomList(List.of(new RoomCount("dev", 1), new RoomCount("ops", 2)))));
        assertEquals(List.of("dev", "lobby", "ops"), state.rooms());
        hear(Wire.render(new Event.RoomList(List.of(new RoomCount("lobby", 1), new RoomCount("music", 1)))));
        assertEquals(List.of("lobby", "music"), state.rooms());
    }

    @Test
    void namesDifferingOnlyInCaseAreOnePerson() {
        hear(Wire.render(new Event.Welcome("me", "lobby", 1)));
        hear(Wire.render(Event.RoomEvent.join("lobby", "Ann")));
        hear(Wire.render(Event.RoomEvent.join("lobby", "ANN")));
        assertEquals(List.of("ANN"), state.others());
        hear(Wire.render(Event.RoomEvent.leave("LOBBY", "ann", "quit")));
        assertEquals(List.of(), state.others());
    }

    @Test
    void aWhoAnswerForAnotherRoomLeavesMyRoomAlone() {
        hear(Wire.render(new Event.Welcome("me", "lobby", 2)));
        hear(Wire.render(new Event.Who("lobby", List.of("ann", "me"), 0)));
        hear(Wire.render(new Event.Who("dev", List.of("zoe"), 0)));
        assertEquals(List.of("ann"), state.others());
    }
}
