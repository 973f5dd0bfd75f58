package chat.bench;

import chat.core.Event.RoomEvent;
import chat.server.store.DataDir;
import chat.server.store.DiskHistory;
import chat.server.store.Fsync;
import chat.server.store.Retention;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * History on disk at full speed: the reactor's side ({@code append}: the line kept in memory
 * and offered to the writer's queue, the score) and, as the {@code written} counter, the lines
 * per second the writer thread gets onto the disk meanwhile, with {@code --fsync} as given;
 * {@code linesNotWritten} counts the lines that found the queue full (the writer could not keep up
 * with a loop that does nothing but append). 64-byte lines in 10 rooms, {@code --history 50}.
 *
 * <pre>java -jar chat-bench/target/chat-bench.jar jmh JournalBench</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class JournalBench {

    @Param({"everysec", "always"})
    public String fsync;

    private Path dir;
    private DataDir data;
    private DiskHistory history;
    private RoomEvent[] lines;
    private String[] keys;
    private long seq;
    private int next;

    /** The history under test, for {@link Disk}'s counting (one trial at a time). */
    private static volatile DiskHistory current;

    /** What the writer did during one iteration, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Disk {
        public long linesToDisk;
        public long linesNotWritten;
        private long writtenBefore;
        private long notWrittenBefore;

        @Setup(Level.Iteration)
        public void mark() {
            writtenBefore = current.written();
            notWrittenBefore = current.notWritten();
        }

        @TearDown(Level.Iteration)
        public void count() throws InterruptedException {
            linesToDisk = current.written() - writtenBefore;
            linesNotWritten = current.notWritten() - notWrittenBefore;
        }
    }

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("journal-bench");
        data = DataDir.open(dir);
        history = DiskHistory.open(data, new Retention(50, 1000, 30 * 86_400_000L), 32 * 1024, Fsync.parse(fsync),
                ZoneOffset.UTC, System::currentTimeMillis, DiskHistory.MIN_COMPACT_BYTES);
        current = history;
        lines = new RoomEvent[1024];
        keys = new String[lines.length];
        String text = "x".repeat(56);
        for (int i = 0; i < lines.length; i++) {
            keys[i] = "room" + (i % 10);
            lines[i] = RoomEvent.chat(keys[i], "user" + (i % 100), text + String.format("%08d", i));
        }
    }

    @Benchmark
    public void append(Disk disk) {
        int i = next++ & (lines.length - 1);
        history.append(keys[i], lines[i].withSeq(++seq, 1_800_000_000_000L));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        history.close(10_000);
        data.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
