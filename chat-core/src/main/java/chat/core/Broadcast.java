package chat.core;

/**
 * One event sent to many connections, in the two forms they may ask for: its plain frame,
 * rendered before, and its tagged frame ({@link TaggedFrame}), rendered the first time a
 * tagged receiver needs it and then shared by every other, so tagged mode costs one rendering
 * per event, and none where nobody asked for it.
 *
 * <p>One thread at a time (the server's reactor): the tagged frame is made lazily, unlocked.
 * Invariant: {@code tagged} is null or {@code event}'s tagged frame built from {@code plain};
 * neither array is modified once handed out.
 */
public final class Broadcast {

    private final Event event;
    private final byte[] plain;
    /** The tagged frame; null until first asked for. */
    private byte[] tagged;

    /** {@code plain} is {@code event}'s frame, as {@link Wire#frame} made it. */
    public Broadcast(Event event, byte[] plain) {
        this.event = event;
        this.plain = plain;
    }

    public Broadcast(Event event) {
        this(event, Wire.frame(event));
    }

    /** The frame for a receiver that is {@code tagged} or not. */
    public byte[] frame(boolean tagged) {
        return tagged ? tagged() : plain;
    }

    public byte[] plain() {
        return plain;
    }

    /** The tagged frame; an event with no time of its own is stamped with the first asking. */
    public byte[] tagged() {
        if (tagged == null) {
            tagged = TaggedFrame.of(event, plain, System.currentTimeMillis());
        }
        return tagged;
    }
}
