package chat.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import chat.core.Event.RoomEvent;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A journal line: what is written reads back the same, in any script, and a changed byte does not. */
class JournalRecordTest {

    @ParameterizedTest
    @ValueSource(strings = {"hello", "café crème", "你好，世界", "emoji 🎉 ok", "quote \" and back\\slash"})
    void aRecordWrittenIntoTheBatchBufferReadsBackTheSame(String text) {
        JournalRecord record = new JournalRecord("café",
                RoomEvent.chat("Café", "zoë", text).withSeq(42, 1_800_000_000_123L));
        JournalRecord.LineBuffer out = new JournalRecord.LineBuffer(4); // grows as it goes
        out.append("x"); // whatever the batch held before
        int start = out.length;
        record.encodeInto(out, new CRC32C());
        byte[] alone = record.encode();
        assertEquals(new String(alone, StandardCharsets.UTF_8),
                new String(out.bytes, start, out.length - start, StandardCharsets.UTF_8));
        assertEquals(record, JournalRecord.decode(alone, 0, alone.length - 1));
    }

    @Test
    void aLineWithOneByteChangedIsNotARecord() {
        byte[] line = new JournalRecord("lobby", RoomEvent.chat("lobby", "ann", "hi").withSeq(1, 5)).encode();
        line[line.length - 2] = 'j';
        assertNull(JournalRecord.decode(line, 0, line.length - 1));
    }
}
