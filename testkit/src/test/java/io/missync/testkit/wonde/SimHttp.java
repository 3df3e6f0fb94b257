package io.missync.testkit.wonde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Plain java.net.http access to a running simulator, for tests. */
final class SimHttp {
  static final ObjectMapper JSON = new ObjectMapper();
  final WondeSimulator sim;
  final HttpClient client;

  SimHttp(WondeSimulator sim) {
    this.sim = sim;
    this.client = newClient();
  }

  static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  URI uri(String relative) {
    return relative.startsWith("http") ? URI.create(relative) : sim.baseUri().resolve(relative);
  }

  static HttpRequest.Builder request(URI uri, String token) {
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + token);
  }

  static String basic(String token) {
    return "Basic "
        + Base64.getEncoder().encodeToString((token + ":").getBytes(StandardCharsets.UTF_8));
  }

  HttpResponse<String> get(String relative, String token) {
    return send(client, request(uri(relative), token).GET().build());
  }

  static HttpResponse<String> send(HttpClient client, HttpRequest req) {
    try {
      return client.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonNode json(String relative, String token) {
    HttpResponse<String> r = get(relative, token);
    assertEquals(200, r.statusCode(), () -> relative + " -> " + r.body());
    return parse(r.body());
  }

  static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Follows meta.pagination.next exactly as given and returns every item of every page. */
  List<JsonNode> walk(String first, String token) {
    List<JsonNode> out = new ArrayList<>();
    String url = first;
    int guard = 0;
    while (url != null) {
      JsonNode page = json(url, token);
      page.get("data").forEach(out::add);
      JsonNode p = page.path("meta").path("pagination");
      url = p.path("more").asBoolean(false) ? p.get("next").asText() : null;
      if (++guard > 10_000) {
        throw new IllegalStateException("pagination does not end");
      }
    }
    return out;
  }

  static List<String> ids(List<JsonNode> items) {
    List<String> ids = new ArrayList<>();
    for (JsonNode n : items) {
      ids.add(n.get("id").asText());
    }
    return ids;
  }
}
