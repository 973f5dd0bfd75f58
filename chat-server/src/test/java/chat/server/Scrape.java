package chat.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scrape of a server's {@code --metrics} port with the JDK's HTTP client, as Prometheus
 * would do it, and the text format read simply: one sample per line, {@code name{labels} value},
 * keyed by everything before the value exactly as it was written.
 *
 * <p>Any thread (the client is thread-safe); each call is one request.
 */
final class Scrape {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<String, Double> samples;

    private Scrape(Map<String, Double> samples) {
        this.samples = samples;
    }

    /** {@code GET /metrics} on {@code port}; fails unless it answers 200 in the text format. */
    static Scrape of(int port) {
        HttpResponse<String> response = get(port, "/metrics");
        if (response.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + response.statusCode() + ": " + response.body());
        }
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return new Scrape(samples);
    }

    /** {@code GET path} on {@code port}. */
    static HttpResponse<String> get(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The sample {@code key} ({@code chat_rooms}, {@code chat_departures_total{reason="quit"}}), or NaN if absent. */
    double value(String key) {
        return samples.getOrDefault(key, Double.NaN);
    }

    boolean has(String key) {
        return samples.containsKey(key);
    }

    Map<String, Double> samples() {
        return samples;
    }

    @Override
    public String toString() {
        return samples.toString();
    }
}
