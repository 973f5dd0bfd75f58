package chat.bench;

import java.nio.charset.StandardCharsets;

/**
 * Who is who in a pool: R rooms of N receivers each, S senders, and for each connection index
 * its room and what it says first. Senders are always connections {@code 0..S-1}, so that
 * sender {@code s} lives on loop {@code s mod L} whatever the target ({@link SendCursor}).
 *
 * <ul>
 *   <li>Chat ({@link Wire#sendersReceive()}): R×N connections, all receivers, connection
 *       {@code i} in room {@code i mod R}; the senders are among them.</li>
 *   <li>Redis: S sending-only connections {@code 0..S-1} (sender {@code s} publishing to room
 *       {@code s mod R}), then R×N receivers, receiver {@code S+j} in room {@code j mod R}.</li>
 * </ul>
 *
 * <p>In both, sender {@code s} is in room {@code s mod R} and is that room's sender number
 * {@code s div R}: with S a multiple of R, every room has S/R senders. With one room this is
 * the fan-out of one room that the generator always measured.
 *
 * <p>Rooms are named by {@code --room} when there is one room (or the target's default), and
 * {@code PREFIX0} to {@code PREFIX(R-1)} when there are several (the prefix is {@code --room},
 * or {@code room}). Immutable; any thread.
 */
final class PoolLayout {

    /** The prefix of the rooms' names when there are several and no {@code --room}. */
    static final String ROOM_PREFIX = "room";

    private final Wire wire;
    private final int rooms;
    private final int receiversPerRoom;
    private final int senders;
    /** Each room's name as the wire sends it; an entry is null for a chat room that is the server's default place. */
    private final byte[][] roomNames;
    /** What a receiver in each room sends first; an entry may be null (nothing to say). */
    private final byte[][] hellos;
    /** The rooms' names for sentences. */
    private final String shownRooms;

    private PoolLayout(Wire wire, String room, int rooms, int receiversPerRoom, int senders) {
        if (rooms < 1 || receiversPerRoom < 1 || senders < 0 || (long) rooms * receiversPerRoom + senders > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bad layout: " + rooms + " rooms of " + receiversPerRoom + ", " + senders + " senders");
        }
        this.wire = wire;
        this.rooms = rooms;
        this.receiversPerRoom = receiversPerRoom;
        this.senders = senders;
        this.roomNames = new byte[rooms][];
        this.hellos = new byte[rooms][];
        for (int k = 0; k < rooms; k++) {
            String name = rooms == 1 ? (room != null ? room : wire.defaultRoom()) : (room != null ? room : ROOM_PREFIX) + k;
            roomNames[k] = name == null ? null : name.getBytes(StandardCharsets.UTF_8);
            hellos[k] = wire.receiverHello(name);
        }
        String first = roomNames[0] == null ? null : "#" + new String(roomNames[0], StandardCharsets.UTF_8);
        this.shownRooms = rooms == 1 ? first
                : Report.count(rooms) + " rooms of " + Report.count(receiversPerRoom) + " (" + first + " to #"
                        + new String(roomNames[rooms - 1], StandardCharsets.UTF_8) + ")";
    }

    /**
     * {@code rooms} rooms of {@code receiversPerRoom} receivers and {@code senders} senders in
     * all, spoken to by {@code wire}; {@code room} is {@code --room} or null.
     */
    static PoolLayout of(Wire wire, String room, int rooms, int receiversPerRoom, int senders) {
        return new PoolLayout(wire, room, rooms, receiversPerRoom, senders);
    }

    Wire wire() {
        return wire;
    }

    int rooms() {
        return rooms;
    }

    int receiversPerRoom() {
        return receiversPerRoom;
    }

    /** Every receiver, all rooms together. */
    int receivers() {
        return rooms * receiversPerRoom;
    }

    /** S, the senders of every room together. */
    int senders() {
        return senders;
    }

    /** How many connections the pool opens. */
    int connections() {
        return wire.sendersReceive() ? receivers() : receivers() + senders;
    }

    /** True if connection {@code index} receives the lines of its room. */
    boolean receives(int index) {
        return wire.sendersReceive() || index >= senders;
    }

    /** The room of connection {@code index}, 0 to R-1. */
    int roomOf(int index) {
        return receives(index) && !wire.sendersReceive() ? (index - senders) % rooms : index % rooms;
    }

    /** The room sender {@code sender} speaks in. */
    int roomOfSender(int sender) {
        return sender % rooms;
    }

    /** Sender {@code sender}'s number among its room's senders: what a receiver's sequence tracker is indexed by. */
    int senderInRoom(int sender) {
        return sender / rooms;
    }

    /** Senders per room for a run with {@code runSenders} senders in all: the size of each receiver's tracker. */
    int sendersPerRoom(int runSenders) {
        return (runSenders + rooms - 1) / rooms;
    }

    /** What connection {@code index} sends first, or null. */
    byte[] hello(int index) {
        return receives(index) ? hellos[roomOf(index)] : wire.senderHello();
    }

    /** Room {@code room}'s name as the wire sends it; null for the chat server's default place. */
    byte[] roomName(int room) {
        return roomNames[room];
    }

    /** How the pool is laid out, for a note: "all in #dev", "in 1,000 rooms of 10 (#room0 to #room999)". */
    String describe() {
        if (rooms > 1) {
            return "in " + shownRooms;
        }
        return shownRooms == null ? "" : "all in " + shownRooms;
    }
}
