package chat.bench;

import java.nio.ByteBuffer;

/**
 * How the generator speaks to one kind of server, chosen with {@code --target}: what a
 * connection says first, how a measured line is sent, how what arrives is cut into frames, and
 * what a churn cycle says. Everything else (the open-loop timetable, latency, loss and order
 * accounting, the pool, the modes) is the same whatever the server, so that two targets
 * measured by one generator give figures that compare.
 *
 * <p>Stateless and immutable; any thread. {@link #newInbound} makes per-connection state.
 */
sealed interface Wire permits ChatWire, RedisWire {

    /** {@code chat} or {@code redis}: the target's name in reports. */
    String name();

    /**
     * True if the senders are pool members that receive too (a chat user hears her own lines);
     * false if they are connections of their own that only send (a Redis subscriber may not
     * publish), so that a room of N receivers has N deliveries per line either way.
     */
    boolean sendersReceive();

    /** The room a single-room run uses when {@code --room} is not given; null: wherever the server puts a newcomer. */
    String defaultRoom();

    /** What a receiving connection sends first to be in {@code room} (null: the default place); null for nothing. */
    byte[] receiverHello(String room);

    /**
     * What a sending-only connection sends first, so that the server answers it once (the
     * generator waits for every connection's first answer before measuring). Only asked for
     * when {@link #sendersReceive()} is false.
     */
    byte[] senderHello();

    /** The most bytes {@link #encodeLine} writes for a line of {@code sizeBytes} to {@code room}. */
    int maxLineBytes(int sizeBytes, byte[] room);

    /**
     * Appends one measured line (a {@link Payload}) addressed to {@code room} at {@code out}'s
     * position; {@code room} is null for a chat user in the default place.
     */
    void encodeLine(ByteBuffer out, byte[] room, int sender, long seq, long stampNanos, int sizeBytes);

    /** A fresh framer for one connection's input. */
    Inbound newInbound();

    /** What a churn cycle sends as soon as it is connected; null if the server speaks first. */
    byte[] churnHello();

    /** The one line a churn cycle says before leaving; it carries no marker. */
    byte[] churnLine();
}
