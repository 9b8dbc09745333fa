package dev.steward.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Document requests the shared {@link StewardHttp} lacks: multipart uploads and DELETE. */
final class IngestionHttp {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final StewardHttp plain;

  IngestionHttp(int port) {
    this.base = "http://localhost:" + port;
    this.plain = new StewardHttp(port);
  }

  StewardHttp plain() {
    return plain;
  }

  record Reply(int status, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  Reply upload(
      String key, String fileName, String contentType, byte[] file, Map<String, String> fields) {
    String boundary = "steward-" + UUID.randomUUID();
    List<byte[]> parts = new ArrayList<>();
    fields.forEach((name, value) ->
        parts.add(
            ("--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + name
                    + "\"\r\n\r\n"
                    + value
                    + "\r\n")
                .getBytes(StandardCharsets.UTF_8)));
    parts.add(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: "
                + contentType
                + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    parts.add(file);
    parts.add(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        request("/v1/documents", key)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArrays(parts))
            .build();
    return send(request);
  }

  Reply delete(String path, String key) {
    return send(request(path, key).DELETE().build());
  }

  /** Waits until the document is INDEXED with a status newer than {@code sinceMillis}. */
  JsonNode awaitIndexed(String documentId, long sinceMillis) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      var reply = plain.get("/v1/documents/" + documentId, StewardHttp.ADMIN);
      if (reply.status() == 200) {
        last = reply.json();
        if ("FAILED".equals(last.path("state").asString())) {
          throw new AssertionError("ingestion failed: " + last);
        }
        if ("INDEXED".equals(last.path("state").asString())
            && last.path("updatedAtMillis").asLong() >= sinceMillis) {
          return last;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError(documentId + " not indexed: " + last);
  }

  private HttpRequest.Builder request(String path, String key) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .header("X-API-Key", key);
  }

  private Reply send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body());
    } catch (Exception e) {
      throw new AssertionError("request failed: " + request.uri(), e);
    }
  }
}
