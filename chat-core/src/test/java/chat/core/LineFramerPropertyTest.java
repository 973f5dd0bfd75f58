package chat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random byte streams, cut at random points, frame exactly as the same stream fed whole; the
 * framer never throws and never holds more than one line's worth of memory.
 */
class LineFramerPropertyTest {

    private static final int MAX = 24;

    /** Bytes that make framing interesting: line ends, CRs, UTF-8 lead and continuation bytes, junk. */
    private static final byte[] ALPHABET = {
        'a', 'b', ' ', '\t', '\n', '\n', '\r', '\r', 0, (byte) 0xFF,
        (byte) 0xC3, (byte) 0xA9, (byte) 0xE4, (byte) 0xB8, (byte) 0x80, (byte) 0xF0, (byte) 0x9F,
    };

    @Property(tries = 100_000)
    void cuttingTheStreamAnywhereChangesNothing(@ForAll("streams") Stream stream) {
        List<String> whole = frame(stream.bytes, List.of());
        List<String> cut = frame(stream.bytes, stream.cuts);
        assertEquals(whole, cut);
    }

    @Provide
    Arbitrary<Stream> streams() {
        Arbitrary<byte[]> bytes = Arbitraries.integers().between(0, ALPHABET.length - 1)
                .map(i -> ALPHABET[i])
                .list().ofMaxSize(120)
                .map(list -> {
                    byte[] b = new byte[list.size()];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = list.get(i);
                    }
                    return b;
                });
        Arbitrary<List<Integer>> cuts = Arbitraries.integers().between(0, 120).list().ofMaxSize(12);
        return Combinators.combine(bytes, cuts).as((b, c) -> {
            TreeSet<Integer> inside = new TreeSet<>();
            for (int cut : c) {
                if (cut > 0 && cut < b.length) {
                    inside.add(cut);
                }
            }
            return new Stream(b, List.copyOf(inside));
        });
    }

    /** Feeds {@code bytes} in pieces ending at each cut; checks the memory bound after every piece. */
    private static List<String> frame(byte[] bytes, List<Integer> cuts) {
        LineFramer framer = new LineFramer(MAX);
        LineFramerTest.Recorder recorder = new LineFramerTest.Recorder();
        int from = 0;
        List<Integer> ends = new ArrayList<>(cuts);
        ends.add(bytes.length);
        for (int end : ends) {
            framer.feed(ByteBuffer.wrap(bytes, from, end - from), recorder);
            assertTrue(framer.retainedBytes() <= MAX + 1, "held " + framer.retainedBytes() + " bytes");
            from = end;
        }
        framer.finish(recorder);
        return recorder.events;
    }

    record Stream(byte[] bytes, List<Integer> cuts) {
    }
}
