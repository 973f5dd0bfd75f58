package chat.server;

import java.nio.ByteBuffer;
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
 * The broadcast path without the kernel: {@code linesPerPass} lines said in a room of
 * {@code members}, fanned out to every member's {@link OutboundQueue}, then each queue gathered
 * into the reactor's direct write buffer and consumed, as a full write would. The score is per
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

    private Room room;
    private final List<QueueMember> queues = new ArrayList<>();
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(Reactor.WRITE_BUDGET_BYTES);
    private byte[] line;

    /** A member as a connection holds it: a queue that the pass's flush empties. */
    static final class QueueMember implements Member {
        final OutboundQueue queue = new OutboundQueue();
        private final String nick;

        QueueMember(String nick) {
            this.nick = nick;
        }

        @Override
        public String nick() {
            return nick;
        }

        @Override
        public void deliver(byte[] frame) {
            queue.add(frame);
        }
    }

    @Setup
    public void setUp() {
        room = new Room("lobby", 0, 0, ZoneOffset.UTC);
        for (int i = 0; i < members; i++) {
            QueueMember member = new QueueMember("user" + i);
            queues.add(member);
            room.enter(member);
        }
        for (QueueMember member : queues) {
            member.queue.consume((int) member.queue.queuedBytes()); // the join notices
        }
        line = chat.core.Protocol.frame("user1: ~cb~1732200000000000000~3~1234~" + "x".repeat(26));
    }

    @Benchmark
    public long sayAndFlush() {
        for (int i = 0; i < linesPerPass; i++) {
            room.say(line.clone()); // a fresh frame per line, as the server makes
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
