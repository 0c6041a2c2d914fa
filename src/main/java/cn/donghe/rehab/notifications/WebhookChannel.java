package cn.donghe.rehab.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs JSON to the gateway (SMS, WeChat): {@code X-Signature} is the hex HMAC-SHA256 of the raw body with the shared
 * secret, {@code X-Event-Key} repeats the body's eventKey. Any answer but 2xx is a failed attempt.
 */
final class WebhookChannel implements Channel {
  private final URI url;
  private final byte[] secret;
  private final Duration timeout;
  private final ObjectMapper mapper;
  private final HttpClient client;

  WebhookChannel(NotificationConfig.Webhook config, ObjectMapper mapper) {
    this.url = checkedUrl(config.getUrl());
    if (config.secret() == null || config.secret().length() < 16) throw new IllegalArgumentException("WEBHOOK_SECRET: at least 16 characters");
    this.secret = config.secret().getBytes(StandardCharsets.UTF_8);
    this.timeout = Duration.ofMillis(config.getTimeout().toMilliseconds());
    this.mapper = mapper;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** https, or http only to a loopback address (DESIGN section 14): messages name people. */
  static URI checkedUrl(String raw) {
    URI u = URI.create(raw);
    if ("https".equals(u.getScheme()) && u.getHost() != null) return u;
    try {
      if ("http".equals(u.getScheme()) && u.getHost() != null && InetAddress.getByName(u.getHost()).isLoopbackAddress()) return u;
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("WEBHOOK_URL: unknown host " + u.getHost(), e);
    }
    throw new IllegalArgumentException("WEBHOOK_URL must be https (or http on a loopback address): " + raw);
  }

  @Override public String name() { return "WEBHOOK"; }

  @Override public void send(OutgoingMessage m) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("eventKey", m.eventKey());
    body.put("kind", m.kind());
    body.put("recipientId", m.recipientId().toString());
    body.put("language", m.language());
    body.put("subject", m.subject());
    body.put("text", m.text());
    byte[] raw = mapper.writeValueAsBytes(body);
    HttpRequest req = HttpRequest.newBuilder(url).timeout(timeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("X-Signature", sign(secret, raw))
        .header("X-Event-Key", m.eventKey())
        .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build();
    HttpResponse<Void> r = client.send(req, HttpResponse.BodyHandlers.discarding());
    if (r.statusCode() / 100 != 2) throw new IllegalStateException("webhook answered " + r.statusCode());
  }

  static String sign(byte[] secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
