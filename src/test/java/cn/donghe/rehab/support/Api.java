package cn.donghe.rehab.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small HTTP client for integration tests: JSON in, {@link Resp} out. */
public final class Api {
  public static final ObjectMapper JSON = cn.donghe.rehab.RehabApplication.configureMapper(io.dropwizard.jackson.Jackson.newObjectMapper());
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
  private final String base;
  private final String token;
  private final Map<String, String> headers = new LinkedHashMap<>();

  public Api(String base, String token) {
    this.base = base;
    this.token = token;
  }

  public String token() { return token; }

  /** A copy that sends an extra header on every request. */
  public Api withHeader(String name, String value) {
    Api a = new Api(base, token);
    a.headers.putAll(headers);
    a.headers.put(name, value);
    return a;
  }

  public record Resp(int status, HttpResponse<byte[]> raw, JsonNode json) {
    public String text() { return new String(raw.body(), StandardCharsets.UTF_8); }
    public String header(String name) { return raw.headers().firstValue(name).orElse(null); }
    public String contentType() { return header("Content-Type"); }
    public JsonNode get(String field) { return json.path(field); }
    public String str(String field) { return json.path(field).asText(null); }
    @Override public String toString() { return status + " " + text(); }
  }

  public Resp get(String path) { return send("GET", path, null, null); }
  public Resp delete(String path) { return send("DELETE", path, null, null); }
  public Resp post(String path, Object body) { return send("POST", path, body, "application/json"); }
  public Resp put(String path, Object body) { return send("PUT", path, body, "application/json"); }
  public Resp patch(String path, Object body) { return send("PATCH", path, body, "application/json"); }

  public Resp send(String method, String path, Object body, String contentType) {
    try {
      String full = path.startsWith("/api") ? path : "/api/v1" + (path.startsWith("/") ? path : "/" + path);
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + full)).timeout(Duration.ofSeconds(60));
      Map<String, String> sent = new LinkedHashMap<>();
      if (token != null) sent.put("Authorization", "Bearer " + token);
      sent.putAll(headers);
      if (!headers.containsKey("Accept")) sent.put("Accept", "application/json");
      byte[] bytes;
      if (body == null) bytes = null;
      else if (body instanceof byte[] raw) bytes = raw;
      else if (body instanceof String s) bytes = s.getBytes(StandardCharsets.UTF_8);
      else bytes = JSON.writeValueAsBytes(body);
      if (body != null && contentType != null) sent.put("Content-Type", contentType);
      sent.forEach(b::header);
      b.method(method, bytes == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
      HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      // every exchange is checked against the OpenAPI document (collected, reported by OpenApiContractTest)
      cn.donghe.rehab.openapi.ContractCheck.observe(method, full, sent, bytes, r);
      JsonNode json = MissingNode.getInstance();
      String ct = r.headers().firstValue("Content-Type").orElse("");
      if (ct.contains("json") && r.body().length > 0) json = JSON.readTree(r.body());
      return new Resp(r.statusCode(), r, json);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
