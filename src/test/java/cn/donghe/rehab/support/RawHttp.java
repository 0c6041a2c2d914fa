package cn.donghe.rehab.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket bound to a chosen local address (any of 127.0.0.0/8 reaches the test app on
 * 127.0.0.1), so a test can be "another client" as the server sees it, without trusting forwarded headers.
 */
public final class RawHttp {
  private RawHttp() {}

  public record Resp(int status, Map<String, String> headers, String body) {
    public String header(String name) { return headers.get(name.toLowerCase(Locale.ROOT)); }
  }

  /** A free-looking loopback address for this test run (127.0.x.y, never 127.0.0.1). */
  public static String loopback() {
    int n = 2 + Fixtures.next() % 60000 + (int) (Math.random() * 1000);
    return "127." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + Math.max(2, n & 0xff);
  }

  public static Resp postJson(String fromAddress, String path, String json) {
    return send(fromAddress, "POST", path, "application/json", json);
  }

  public static Resp send(String fromAddress, String method, String path, String contentType, String body) {
    int port = TestApp.support().getLocalPort();
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    try (Socket s = new Socket()) {
      s.setSoTimeout(60_000);
      s.bind(new InetSocketAddress(fromAddress, 0));
      s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      StringBuilder head = new StringBuilder().append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
          .append("Host: 127.0.0.1:").append(port).append("\r\n").append("Connection: close\r\n")
          .append("Accept: application/json, text/html\r\n").append("Content-Length: ").append(bytes.length).append("\r\n");
      if (contentType != null) head.append("Content-Type: ").append(contentType).append("\r\n");
      head.append("\r\n");
      OutputStream out = s.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      out.write(bytes);
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      String[] lines = text.substring(0, split < 0 ? text.length() : split).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int c = lines[i].indexOf(':');
        if (c > 0) headers.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
      }
      return new Resp(status, headers, split < 0 ? "" : text.substring(split + 4));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
