package chat.bench;

import java.math.BigDecimal;
import java.util.List;

/**
 * One JSON object on one line, keys in the order they are added: numbers, strings, arrays of
 * strings, and null.
 * Decimals are rounded to three places; NaN (a value not known) is written as null. Not
 * thread-safe; build, then {@link #toString()}.
 */
final class JsonLine {

    private final StringBuilder text = new StringBuilder("{");

    JsonLine put(String key, long value) {
        key(key).append(value);
        return this;
    }

    JsonLine put(String key, double value) {
        StringBuilder out = key(key);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            out.append("null");
        } else {
            double rounded = Math.round(value * 1000.0) / 1000.0;
            out.append(BigDecimal.valueOf(rounded).stripTrailingZeros().toPlainString());
        }
        return this;
    }

    JsonLine put(String key, String value) {
        StringBuilder out = key(key);
        if (value == null) {
            out.append("null");
        } else {
            quote(value, out);
        }
        return this;
    }

    JsonLine put(String key, List<String> values) {
        StringBuilder out = key(key).append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            quote(values.get(i), out);
        }
        out.append(']');
        return this;
    }

    JsonLine put(String key, boolean value) {
        key(key).append(value);
        return this;
    }

    @Override
    public String toString() {
        return text + "}";
    }

    private StringBuilder key(String key) {
        if (text.length() > 1) {
            text.append(',');
        }
        quote(key, text);
        return text.append(':');
    }

    private static void quote(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        out.append('"');
    }
}
