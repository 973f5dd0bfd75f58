package chat.server.store;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reading a history journal: a header line, then {@link JournalRecord} lines, oldest first.
 * Reading stops at the first line that is not a whole, valid record: everything before it is
 * the journal's good part, and what follows (a write torn by a crash or a power cut, or bytes
 * damaged later) is its bad tail, which {@link #cutTail} removes, as Redis does with a truncated
 * AOF ({@code aof-load-truncated yes}).
 *
 * <p>Used on the thread that owns the file: the main thread at start, the writer's thread after.
 */
final class JournalFile {

    /** The first line of every journal: what it is and the format's version. */
    static final byte[] HEADER = "chat-history 1\n".getBytes(StandardCharsets.US_ASCII);
    /** Longest line read: a record of the longest text, in UTF-8, with room to spare. */
    private static final int MAX_LINE_BYTES = 4 * JournalRecord.MAX_TEXT_CHARS + 1024;

    /**
     * What a read found.
     *
     * @param goodBytes where the good part ends (0 if the file has no valid header)
     * @param records   valid records read
     * @param badBytes  bytes after the good part: a torn or corrupt tail, 0 for a clean file
     */
    record Scan(long goodBytes, long records, long badBytes) {
    }

    private JournalFile() {
    }

    /**
     * Hands every valid record of {@code file}, oldest first, to {@code records}, and says where
     * the good part ends. A missing or empty file is a clean, empty journal.
     */
    static Scan read(Path file, Consumer<JournalRecord> records) throws IOException {
        if (!Files.exists(file)) {
            return new Scan(0, 0, 0);
        }
        long size = Files.size(file);
        if (size == 0) {
            return new Scan(0, 0, 0);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] header = in.readNBytes(HEADER.length);
            if (!Arrays.equals(header, HEADER)) {
                return new Scan(0, 0, size);
            }
            long good = HEADER.length;
            long count = 0;
            byte[] line = new byte[4096];
            while (true) {
                int length = 0;
                int b;
                while ((b = in.read()) >= 0 && b != '\n') {
                    if (length == line.length) {
                        if (length >= MAX_LINE_BYTES) {
                            return new Scan(good, count, size - good);
                        }
                        line = Arrays.copyOf(line, Math.min(2 * length, MAX_LINE_BYTES));
                    }
                    line[length++] = (byte) b;
                }
                if (b < 0) {
                    return new Scan(good, count, size - good); // clean if nothing followed the last LF
                }
                JournalRecord record = JournalRecord.decode(line, 0, length);
                if (record == null) {
                    return new Scan(good, count, size - good);
                }
                records.accept(record);
                good += length + 1;
                count++;
            }
        }
    }

    /** True if {@code file} holds the start of a header and nothing else (made, then cut short by a crash). */
    static boolean isHeaderPrefix(Path file) throws IOException {
        if (Files.size(file) >= HEADER.length) {
            return false;
        }
        byte[] bytes = Files.readAllBytes(file);
        return bytes.length < HEADER.length && Arrays.equals(bytes, Arrays.copyOf(HEADER, bytes.length));
    }

    /** Cuts {@code file} to its good part; a file with no valid header becomes an empty journal. */
    static void cutTail(Path file, long goodBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(goodBytes);
            if (goodBytes == 0) {
                writeHeader(channel);
            }
            channel.force(true);
        }
    }

    /** Writes the header at the channel's position (a new, empty journal). */
    static void writeHeader(FileChannel channel) throws IOException {
        channel.write(java.nio.ByteBuffer.wrap(HEADER));
    }
}
