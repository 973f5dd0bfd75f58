package chat.server.bus;

import chat.core.Event.RoomEvent;

/**
 * Where a room's events go and come back from: the seam between the chat and the process
 * boundary. The chat {@link #publish}es what happens in a room and delivers only what comes
 * back to its {@link Listener}, its own lines included, so that every process of a chat sees a
 * room's events in the one order the bus gives them (the order history keeps), and a line
 * reaches its sender the same way it reaches everyone else.
 *
 * <p>The bus stamps each event with the room's next sequence number and the time. In this
 * process ({@link LocalRoomBus}) that is a counter and the event comes straight back; a bus
 * through a broker would number it there and deliver it when the broker sends it back.
 *
 * <p>Reactor thread only: a bus whose broker calls back on other threads hands events to the
 * reactor's task queue.
 */
public interface RoomBus {

    /** What receives a room's events, once each, in the room's order. */
    interface Listener {
        void onEvent(String roomKey, RoomEvent event);

        /** {@code count} of the room's events were lost on the way here and could not be recovered. */
        void onLost(String roomKey, long count);
    }

    /** Sets who receives events; called once, before anything is published. */
    void listen(Listener listener);

    /**
     * Sends {@code event} (its seq is ignored: the bus numbers it) to every subscriber. If it
     * cannot be sent to the whole room (the broker is unreachable), nobody gets it and
     * {@code notSent} runs, on the reactor thread, with a one-line reason.
     */
    void publish(String roomKey, RoomEvent event, java.util.function.Consumer<String> notSent);

    /** As {@link #publish(String, RoomEvent, java.util.function.Consumer)}, for events nobody must be told about. */
    default void publish(String roomKey, RoomEvent event) {
        publish(roomKey, event, why -> { });
    }

    /** This process has members in the room: its events are wanted here. */
    void subscribe(String roomKey);

    /** This process has no members left in the room. */
    void unsubscribe(String roomKey);
}
