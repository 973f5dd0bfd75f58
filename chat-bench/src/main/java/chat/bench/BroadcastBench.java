package chat.bench;

import chat.server.bus.LocalDirectory;
import chat.server.bus.LocalRoomBus;
import chat.server.chat.Chat;
import chat.server.chat.Outbox;
import chat.server.chat.User;
import chat.server.net.Connections;
import chat.server.net.OutboundQueue;
import chat.server.store.MemoryHistory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The broadcast path without the kernel: {@code linesPerPass} plain lines said in a room of
 * {@code members} (through the chat, its room bus and history, as the server does), fanned out
 * to every member's {@link OutboundQueue}, then each queue gathered into the loop's direct write
 * buffer and consumed, as a full write would. The score is per
 * pass; divide by members × lines for the cost of one delivery. Everything that remains is the
 * write() syscall, measured by the load generator.
 *
 * <pre>java -jar chat-bench/target/chat-bench.jar jmh BroadcastBench</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BroadcastBench {

    @Param({"100", "1000"})
    public int members;

    @Param({"1", "16"})
    public int linesPerPass;

    private Chat chat;
    private User speaker;
    private final List<QueueMember> queues = new ArrayList<>();
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(Connections.WRITE_BUDGET_BYTES);
    private byte[] line;

    /** A member as a connection holds it: a queue that the pass's flush empties. */
    static final class QueueMember implements Outbox {
        final OutboundQueue queue = new OutboundQueue();

        @Override
        public void deliver(byte[] frame) {
            queue.add(frame);
        }

        @Override
        public void closeAfterOutput(String why) {
        }
    }

    @Setup
    public void setUp() {
        chat = new Chat(new LocalRoomBus(System::currentTimeMillis), new LocalDirectory(),
                new MemoryHistory(50, 32 * 1024, ZoneOffset.UTC));
        for (int i = 0; i < members; i++) {
            QueueMember member = new QueueMember();
            User user = new User(i + 1, "user" + (i + 1), new InetSocketAddress("127.0.0.1", 40000), member);
            chat.arrive(user, () -> { });
            if (speaker == null) {
                speaker = user;
            }
            queues.add(member);
        }
        for (QueueMember member : queues) {
            member.queue.consume((int) member.queue.queuedBytes()); // the welcomes and join notices
        }
        line = ("~cb~1732200000000000000~3~1234~" + "x".repeat(26)).getBytes(StandardCharsets.US_ASCII);
    }

    @Benchmark
    public long sayAndFlush() {
        for (int i = 0; i < linesPerPass; i++) {
            chat.sayPlain(speaker, line, 0, line.length); // rendered once per line, as the server does
        }
        long written = 0;
        for (int i = 0, n = queues.size(); i < n; i++) {
            OutboundQueue queue = queues.get(i).queue;
            writeBuffer.clear();
            int copied = queue.copyTo(writeBuffer);
            queue.consume(copied);
            written += copied;
        }
        return written;
    }
}
