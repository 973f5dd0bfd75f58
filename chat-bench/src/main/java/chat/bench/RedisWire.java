package chat.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * {@code --target redis}: Redis pub/sub (RESP2) as the reference event loop, measured as
 * {@code ../shared/bench}'s Go generator measured it, so that figures stay comparable: a
 * receiver is a connection that {@code SUBSCRIBE}s to its room's channel; the S senders are S
 * further connections that only {@code PUBLISH} the {@link Payload} text to it (a subscribed
 * RESP2 connection may not publish), so a room of N receivers has N deliveries per line, as a
 * chat room of N (senders included) has. A sender says {@code PING} first, to be answered once
 * before the run. A churn cycle says {@code PING}, waits for {@code +PONG}, publishes one
 * {@code churn} to channel {@code lobby} and leaves. Stateless.
 */
final class RedisWire implements Wire {

    static final RedisWire INSTANCE = new RedisWire();

    /** The channel of a single-room run without {@code --room}: the Go generator's. */
    static final String DEFAULT_CHANNEL = "room";

    private static final byte[] PING = command("PING");
    private static final byte[] CHURN_LINE = command("PUBLISH", "lobby", "churn");
    /** A PUBLISH up to its channel's length: {@code *3 $7 PUBLISH $}. */
    private static final byte[] PUBLISH_HEAD = "*3\r\n$7\r\nPUBLISH\r\n$".getBytes(StandardCharsets.US_ASCII);
    /** The fixed bytes of a PUBLISH besides its head, channel and text: three CR LF, '$', two numbers of up to 10 digits. */
    private static final int PUBLISH_FRAMING_BYTES = 3 * 2 + 1 + 2 * 10 + 2;
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private RedisWire() {}

    /** One command as a RESP array of bulk strings. */
    static byte[] command(String... args) {
        StringBuilder out = new StringBuilder().append('*').append(args.length).append("\r\n");
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            out.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public boolean sendersReceive() {
        return false;
    }

    @Override
    public String defaultRoom() {
        return DEFAULT_CHANNEL;
    }

    @Override
    public byte[] receiverHello(String room) {
        return command("SUBSCRIBE", room == null ? DEFAULT_CHANNEL : room);
    }

    @Override
    public byte[] senderHello() {
        return PING.clone();
    }

    @Override
    public int maxLineBytes(int sizeBytes, byte[] room) {
        return PUBLISH_HEAD.length + room.length + PUBLISH_FRAMING_BYTES + Payload.maxEncodedBytes(sizeBytes);
    }

    @Override
    public void encodeLine(ByteBuffer out, byte[] room, int sender, long seq, long stampNanos, int sizeBytes) {
        out.put(PUBLISH_HEAD);
        Payload.putDecimal(out, room.length);
        out.put(CR).put(LF).put(room).put(CR).put(LF).put((byte) '$');
        Payload.putDecimal(out, Payload.textBytes(sender, seq, stampNanos, sizeBytes));
        out.put(CR).put(LF);
        Payload.encodeText(out, sender, seq, stampNanos, sizeBytes);
        out.put(CR).put(LF);
    }

    @Override
    public Inbound newInbound() {
        return new RespReader();
    }

    @Override
    public byte[] churnHello() {
        return PING.clone();
    }

    @Override
    public byte[] churnLine() {
        return CHURN_LINE.clone();
    }
}
