package cn.donghe.rehab.web;

import cn.donghe.rehab.support.TestApp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser-like HTTP client for page tests: keeps cookies, does not follow redirects, fills in the form token (also used by the page rows of hardening/AuthorizationMatrixTest). */
public final class WebClient {
  private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  public final Map<String, String> cookies = new LinkedHashMap<>();
  private final Map<String, String> headers = new LinkedHashMap<>();
  private String lastCsrf;

  public record Page(int status, HttpResponse<String> raw) {
    public String body() { return raw.body(); }
    public String header(String name) { return raw.headers().firstValue(name).orElse(null); }
    List<String> setCookies() { return raw.headers().allValues("Set-Cookie"); }
    String setCookie(String name) { return setCookies().stream().filter(c -> c.startsWith(name + "=")).findFirst().orElse(null); }
    @Override public String toString() { return status + " " + raw.headers().map() + "\n" + body(); }
  }

  WebClient header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public Page get(String path) { return send(HttpRequest.newBuilder(uri(path)).GET()); }

  /** POSTs a form with the form token of the last page read (unless the map has its own _csrf). */
  public Page post(String path, Map<String, String> form) {
    Map<String, String> f = new LinkedHashMap<>();
    if (lastCsrf != null) f.put("_csrf", lastCsrf);
    f.putAll(form);
    String body = f.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Logs in through the login form; true when the session cookie was set. */
  public WebClient login(String username, String password) {
    get("/");
    Page p = post("/login", Map.of("username", username, "password", password));
    if (p.status() != 303 || !cookies.containsKey(WebCookies.SESSION)) throw new IllegalStateException("login failed: " + p);
    return this;
  }

  private Page send(HttpRequest.Builder b) {
    if (!cookies.isEmpty()) {
      b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
    }
    headers.forEach(b::header);
    try {
      HttpResponse<String> r = CLIENT.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      for (String c : r.headers().allValues("Set-Cookie")) {
        String pair = c.split(";", 2)[0];
        int eq = pair.indexOf('=');
        String name = pair.substring(0, eq);
        String value = pair.substring(eq + 1);
        if (value.isEmpty() || c.contains("Max-Age=0")) cookies.remove(name); else cookies.put(name, value);
      }
      Matcher m = CSRF.matcher(r.body());
      if (m.find()) lastCsrf = m.group(1);
      return new Page(r.statusCode(), r);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static URI uri(String path) { return URI.create(TestApp.baseUrl() + path); }

  static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }
}
