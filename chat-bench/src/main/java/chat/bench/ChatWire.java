package chat.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * {@code --target chat}: a line-based chat server that relays {@code NAME: TEXT} to everyone in
 * the room, the sender included. A connection joins a room with {@code /join ROOM}; a measured
 * line is the {@link Payload} and a newline; the server greets a newcomer first. Stateless.
 */
final class ChatWire implements Wire {

    static final ChatWire INSTANCE = new ChatWire();

    private static final byte[] CHURN_LINE = "churn\n".getBytes(StandardCharsets.US_ASCII);

    private ChatWire() {}

    @Override
    public String name() {
        return "chat";
    }

    @Override
    public boolean sendersReceive() {
        return true;
    }

    @Override
    public String defaultRoom() {
        return null;
    }

    @Override
    public byte[] receiverHello(String room) {
        return room == null ? null : ("/join " + room + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] senderHello() {
        throw new UnsupportedOperationException("a chat sender is a receiver too");
    }

    @Override
    public int maxLineBytes(int sizeBytes, byte[] room) {
        return Payload.maxEncodedBytes(sizeBytes);
    }

    @Override
    public void encodeLine(ByteBuffer out, byte[] room, int sender, long seq, long stampNanos, int sizeBytes) {
        Payload.encode(out, sender, seq, stampNanos, sizeBytes); // the room is where the sender is
    }

    @Override
    public Inbound newInbound() {
        return new ChatInbound();
    }

    @Override
    public byte[] churnHello() {
        return null; // the server speaks first: its welcome
    }

    @Override
    public byte[] churnLine() {
        return CHURN_LINE;
    }
}
