package dev.stratum.notebooks.zeppelin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A minimal client of Zeppelin 0.10's REST API (docs:
 * zeppelin.apache.org/docs/0.10.0/usage/rest_api/ notebook.html): every answer is {@code {"status":
 * "OK", "message": ..., "body": ...}}.
 */
final class ZeppelinRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  ZeppelinRest(URI base) {
    this.base = base;
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  JsonNode post(String path, String json) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
  }

  JsonNode post(String path, JsonNode json) throws IOException, InterruptedException {
    return post(path, JSON.writeValueAsString(json));
  }

  private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            request.timeout(Duration.ofSeconds(120)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    JsonNode body = r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
    body =
        ((com.fasterxml.jackson.databind.node.ObjectNode) body.deepCopy())
            .put("httpStatus", r.statusCode());
    return body;
  }

  static ObjectMapper json() {
    return JSON;
  }
}
