package chat.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The framer on one 16 KiB read full of chat lines (the server's read size), and the line-end
 * scan alone: eight bytes at a time against a plain loop. Scores are per read; divide by the
 * lines per read for a per-line cost. Lives in chat.core to reach the package-private scan.
 *
 * <pre>java -jar chat-bench/target/chat-bench.jar jmh LineFramerBench</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LineFramerBench {

    /** Payload bytes per line, as the load generator sends them (plus LF). */
    @Param({"64", "512"})
    public int lineBytes;

    private ByteBuffer read;
    private byte[] bytes;
    private LineFramer framer;
    private Blackhole sink;
    private final LineFramer.Sink lines = new LineFramer.Sink() {
        @Override
        public boolean onLine(String line) {
            sink.consume(line);
            return true;
        }

        @Override
        public void onLineTooLong(int maxLineBytes) {
            sink.consume(maxLineBytes);
        }
    };

    @Setup
    public void setUp(Blackhole blackhole) {
        sink = blackhole;
        String line = ("~cb~1732200000000000000~3~1234~" + "x".repeat(lineBytes)).substring(0, lineBytes) + "\n";
        bytes = line.repeat(16 * 1024 / line.length()).getBytes(StandardCharsets.UTF_8);
        read = ByteBuffer.wrap(bytes);
        framer = new LineFramer(LineFramer.DEFAULT_MAX_LINE_BYTES);
    }

    @Benchmark
    public void frameOneRead() {
        read.clear();
        framer.feed(read, lines);
    }

    @Benchmark
    public int scanWordAtATime() {
        int count = 0;
        for (int i = 0, lf; (lf = LineFramer.indexOfLf(bytes, i, bytes.length)) >= 0; i = lf + 1) {
            count++;
        }
        return count;
    }

    @Benchmark
    public int scanByteAtATime() {
        int count = 0;
        for (int i = 0, lf; (lf = plainIndexOfLf(bytes, i, bytes.length)) >= 0; i = lf + 1) {
            count++;
        }
        return count;
    }

    private static int plainIndexOfLf(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
