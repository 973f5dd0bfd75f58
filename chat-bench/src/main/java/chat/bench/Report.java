package chat.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Where results go: standard output, as short readable blocks, or with {@code --json} as one
 * JSON object per line, each ending with the run's {@code addresses} (the servers, as given).
 * Notes (progress, warnings) go to standard output as text, or to standard error in JSON mode
 * so that standard output stays machine-readable. Also the number formats of the readable
 * blocks. Main thread only.
 */
final class Report {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    /** {@code HOST:PORT} of every server, for the JSON lines. */
    private final List<String> addresses;

    Report(PrintWriter out, PrintWriter err, boolean json, List<String> addresses) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.addresses = List.copyOf(addresses);
    }

    void result(Result result) {
        out.println(json ? result.json().put("addresses", addresses).toString() : result.text());
        out.flush();
    }

    void note(String sentence) {
        PrintWriter to = json ? err : out;
        to.println(sentence);
        to.flush();
    }

    /** 1234567 → "1,234,567". */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A rate per second, whole: 99998.7 → "99,999". */
    static String perSecond(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** Milliseconds with microsecond detail: "0.215"; "-" when not known. */
    static String millis(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    /** Milliseconds as given, without trailing zeros: a bound such as "20" or "2.5". */
    static String bound(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** A percentage, whole: "31%"; "-" when not known. */
    static String percent(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f%%", value);
    }

    /** Seconds for a header: "3 s", "0.5 s". */
    static String seconds(double value) {
        return String.format(Locale.ROOT, "%.3f", value).replaceAll("\\.?0+$", "") + " s";
    }
}
