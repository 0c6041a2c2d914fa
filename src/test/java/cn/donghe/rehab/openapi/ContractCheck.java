package cn.donghe.rehab.openapi;

import cn.donghe.rehab.support.TestApp;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Validates every request/response pair the integration tests send through {@code support/Api} (and the answers to
 * the hostile requests {@code HostileInputTest} sends itself, {@link #observeAnswer}) against the live OpenAPI document
 * with an independent validator (Atlassian's swagger-request-validator). What counts as a contract failure:
 * <ul>
 *   <li>the server answered (anything but 404/405) on a path + method the document does not name;</li>
 *   <li>a 2xx/3xx status the operation does not declare (errors fall back to the declared {@code default} problem);</li>
 *   <li>a response body or content type that does not match the declared response (2xx and errors alike; every
 *       4xx/5xx must be {@code application/problem+json} with the {@code Problem} shape and its own status);</li>
 *   <li>for answers 2xx only: a request that does not match the document (parameters, required headers, body schema).
 *       Requests that were refused (4xx) are hostile or invalid on purpose, so only their responses are judged;</li>
 *   <li>any 500 answer.</li>
 * </ul>
 * Every failure also fails the test that received the answer ({@link ContractCheckExtension}, registered for every test
 * class), so a drift shows up in whichever test class is run, not only in a full run. {@code null} members are judged
 * as sent: a member the document does not declare nullable must not be null, and a member it does not declare must
 * not be sent (the validator's additionalProperties check is on; problem+json allows extension members, RFC 9457).
 * Lenient on purpose only about the Accept header.
 */
public final class ContractCheck {
  static final Path REPORT = Path.of("target", "openapi-contract-report.txt");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Failure> FAILURES = new ConcurrentHashMap<>();
  private static final LongAdder CHECKED = new LongAdder();
  /** Failures not yet reported to a test (drained by {@link ContractCheckExtension} after each test). */
  private static final java.util.Queue<String> PENDING = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private static volatile OpenApiInteractionValidator validator;
  private static final ThreadLocal<Boolean> BUSY = ThreadLocal.withInitial(() -> false);
  static {
    // the final report covers every exchange of the run, also those made after OpenApiContractTest
    Runtime.getRuntime().addShutdownHook(new Thread(() -> { if (checked() > 0) writeReport(); }, "openapi-contract-report"));
  }

  private ContractCheck() {}

  record Failure(String key, String example, AtomicInteger count) {}

  /** Called by {@code support/Api} after every exchange: the request (if the server accepted it) and the answer are judged. */
  public static void observe(String method, String pathAndQuery, Map<String, String> requestHeaders, byte[] requestBody,
                             HttpResponse<byte[]> response) {
    observe(method, pathAndQuery, requestHeaders, requestBody, response.statusCode(), response.headers().map(), response.body(), true);
  }

  /**
   * The answer to a request a test sent with its own {@link HttpClient} on purpose outside the document (hostile
   * bodies): only the answer is judged, also when the service accepted the request.
   */
  public static void observeAnswer(HttpRequest request, int status, java.net.http.HttpHeaders responseHeaders, byte[] responseBody) {
    String pathAndQuery = request.uri().getRawPath() + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery());
    Map<String, String> sent = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    request.headers().map().forEach((k, v) -> sent.put(k, String.join(",", v)));
    observe(request.method(), pathAndQuery, sent, null, status, responseHeaders.map(), responseBody, false);
  }

  /** Never throws (the exchange may run on a worker thread): failures are collected for the report and the running test. */
  private static void observe(String method, String pathAndQuery, Map<String, String> requestHeaders, byte[] requestBody,
                              int status, Map<String, List<String>> responseHeaders, byte[] responseBody, boolean judgeRequest) {
    // the contract covers the API; pages and their assets (/api/docs, the web UI) are not part of it
    if (BUSY.get() || !pathAndQuery.startsWith("/api/v1/")) return;
    BUSY.set(true);
    try {
      CHECKED.increment();
      for (String problem : problems(method, pathAndQuery, requestHeaders, requestBody, status, responseHeaders, responseBody, judgeRequest)) {
        FAILURES.computeIfAbsent(problem.replaceAll("'[^']*'", "'…'"), k -> new Failure(k, problem, new AtomicInteger()))
            .count().incrementAndGet();
        PENDING.add(problem);
      }
    } finally {
      BUSY.set(false);
    }
  }

  /** The contract failures of one exchange (empty when it matches the document). */
  static List<String> problems(String method, String pathAndQuery, Map<String, String> headers, byte[] body,
                               int status, Map<String, List<String>> responseHeaders, byte[] responseBody) {
    return problems(method, pathAndQuery, headers, body, status, responseHeaders, responseBody, true);
  }

  private static List<String> problems(String method, String pathAndQuery, Map<String, String> headers, byte[] body, int status,
                                       Map<String, List<String>> responseHeaders, byte[] responseBody, boolean judgeRequest) {
    List<String> out = new ArrayList<>();
    String path = pathAndQuery.replaceFirst("\\?.*", "");
    String where = method + " " + templated(path) + " " + status + ": ";
    try {
      String contentType = responseHeaders.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
          .flatMap(e -> e.getValue().stream()).findFirst().orElse("");
      if (status >= 400 && !contentType.startsWith("application/problem+json")) {
        out.add(where + "error is not application/problem+json but '" + contentType + "'");
      }
      if (status >= 400 && contentType.contains("json")) problemShape(status, responseBody).ifPresent(p -> out.add(where + p));
      if (status == 500) out.add(where + "internal server error");

      ValidationReport requestReport = validator().validateRequest(request(method, pathAndQuery, headers, body));
      boolean unknownEndpoint = requestReport.getMessages().stream().anyMatch(m ->
          m.getKey().equals("validation.request.path.missing") || m.getKey().equals("validation.request.operation.notAllowed"));
      if (unknownEndpoint) {
        // the server agreeing that the endpoint does not exist is fine; anything else means the document misses it
        if (status != 404 && status != 405) out.add(where + "endpoint not in the document");
        return out;
      }
      if (judgeRequest && status >= 200 && status < 300) messages(where + "request ", requestReport, out);
      SimpleResponse.Builder rb = SimpleResponse.Builder.status(status);
      responseHeaders.forEach((k, v) -> { if (!k.equalsIgnoreCase("content-length") && !k.startsWith(":")) rb.withHeader(k, v); });
      if (responseBody != null && responseBody.length > 0) rb.withBody(responseBody);
      messages(where + "response ", validator().validateResponse(path, Request.Method.valueOf(method), rb.build()), out);
    } catch (RuntimeException e) {
      out.add(where + "validator error: " + e);
    }
    return out;
  }

  private static java.util.Optional<String> problemShape(int status, byte[] body) {
    try {
      JsonNode p = JSON.readTree(body);
      if (!p.path("type").isTextual() || !p.path("title").isTextual() || p.path("status").asInt(-1) != status) {
        return java.util.Optional.of("problem body lacks type/title or its status is not " + status);
      }
      return java.util.Optional.empty();
    } catch (IOException e) {
      return java.util.Optional.of("problem body is not JSON");
    }
  }

  private static void messages(String prefix, ValidationReport report, List<String> out) {
    for (ValidationReport.Message m : report.getMessages()) {
      if (m.getLevel() != ValidationReport.Level.ERROR) continue;
      StringBuilder text = new StringBuilder(prefix).append(m.getKey()).append(": ").append(m.getMessage());
      m.getNestedMessages().forEach(n -> text.append(" | ").append(n.getMessage()));
      out.add(text.toString());
    }
  }

  private static Request request(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
    int q = pathAndQuery.indexOf('?');
    SimpleRequest.Builder b = new SimpleRequest.Builder(method, q < 0 ? pathAndQuery : pathAndQuery.substring(0, q));
    if (q >= 0) {
      Map<String, List<String>> params = new TreeMap<>();
      for (String pair : pathAndQuery.substring(q + 1).split("&")) {
        if (pair.isEmpty()) continue;
        String[] kv = pair.split("=", 2);
        params.computeIfAbsent(decode(kv[0]), k -> new ArrayList<>()).add(kv.length > 1 ? decode(kv[1]) : "");
      }
      params.forEach(b::withQueryParam);
    }
    headers.forEach(b::withHeader);
    if (body != null) b.withBody(body);
    return b.build();
  }

  private static String decode(String s) { return URLDecoder.decode(s, StandardCharsets.UTF_8); }

  /** Ids in paths replaced by {id}, so one failure is reported once, not once per record. */
  static String templated(String path) {
    return path.replaceAll("/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "/{id}");
  }

  static OpenApiInteractionValidator validator() {
    OpenApiInteractionValidator v = validator;
    if (v == null) {
      synchronized (ContractCheck.class) {
        if (validator == null) validator = build(fetchDocument());
        v = validator;
      }
    }
    return v;
  }

  static String fetchDocument() {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(TestApp.baseUrl() + "/api/v1/openapi.json")).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (r.statusCode() != 200) throw new IllegalStateException("openapi.json answered " + r.statusCode());
      return r.body();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static OpenApiInteractionValidator build(String document) {
    return OpenApiInteractionValidator.createForInlineApiSpecification(document)
        .withLevelResolver(LevelResolver.create()
            .withLevel("validation.request.accept.notAllowed", ValidationReport.Level.IGNORE)
            .build())
        .build();
  }

  static long checked() { return CHECKED.sum(); }

  /** The failures observed since the last call (each once), in the order seen. */
  static List<String> drainPending() {
    List<String> out = new ArrayList<>();
    for (String p; (p = PENDING.poll()) != null; ) out.add(p);
    return out;
  }

  static List<String> failures() {
    return FAILURES.values().stream().sorted(java.util.Comparator.comparing(Failure::key))
        .map(f -> f.example() + (f.count().get() > 1 ? "   (x" + f.count().get() + ")" : "")).toList();
  }

  /** Writes target/openapi-contract-report.txt and returns its text. */
  static synchronized String writeReport() {
    List<String> failures = failures();
    StringBuilder sb = new StringBuilder("OpenAPI contract report: ").append(checked()).append(" exchanges validated against /api/v1/openapi.json, ")
        .append(failures.size()).append(" distinct failure(s)\n");
    failures.forEach(f -> sb.append("- ").append(f).append('\n'));
    try {
      Files.createDirectories(REPORT.getParent());
      Files.writeString(REPORT, sb.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return sb.toString();
  }
}
