package chat.server.store;

import java.util.Locale;

/**
 * When the history journal asks the disk to keep what was written ({@code --fsync}), as Redis's
 * {@code appendfsync}: after each batch of lines, about once a second, or when the operating
 * system decides.
 */
public enum Fsync {
    /** After every batch the writer takes: a crash loses nothing the writer had written. */
    ALWAYS,
    /** About once a second: a crash loses about the last second (the default). */
    EVERYSEC,
    /** Never asked: the operating system writes within about 30 s; an OS crash may lose that much. */
    NO;

    /** {@code always}, {@code everysec} or {@code no}, in any case. */
    public static Fsync parse(String text) {
        for (Fsync f : values()) {
            if (f.name().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not one of always, everysec, no");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
