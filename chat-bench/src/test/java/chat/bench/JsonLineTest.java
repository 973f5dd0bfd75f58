package chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLineTest {

    @Test
    void keysKeepTheirOrderAndNumbersTheirShortestForm() {
        String json = new JsonLine().put("mode", "fanout").put("rate", 1000.0).put("sent", 3000L)
                .put("p99_ms", 1.23456).put("deliveries_per_s", 99_998_765.4321).toString();

        assertEquals("{\"mode\":\"fanout\",\"rate\":1000,\"sent\":3000,\"p99_ms\":1.235,"
                + "\"deliveries_per_s\":99998765.432}", json);
    }

    @Test
    void unknownValuesAreNull() {
        assertEquals("{\"a\":null,\"b\":null}", new JsonLine().put("a", Double.NaN).put("b", (String) null).toString());
    }

    @Test
    void stringsAreEscaped() {
        assertEquals("{\"e\":\"say \\\"hi\\\"\\n\\\\ \\u0007\"}", new JsonLine().put("e", "say \"hi\"\n\\ \u0007").toString());
    }

    @Test
    void listsOfStringsAreArrays() {
        assertEquals("{\"addresses\":[\"127.0.0.1:2020\",\"[::1]:2021\"],\"none\":[]}",
                new JsonLine().put("addresses", List.of("127.0.0.1:2020", "[::1]:2021")).put("none", List.of()).toString());
    }
}
