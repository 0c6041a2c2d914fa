package cn.donghe.rehab.hardening;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.TestApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * X-Forwarded-Proto / X-Forwarded-For count only when the connection comes from a configured
 * proxy (TRUSTED_PROXIES; the tests trust 127.0.0.2, and connect from 127.0.0.1 as "any client").
 */
class ForwardedHeadersTest {
  /** A raw HTTP/1.1 GET from the given local address; returns the response head. */
  static String get(String fromAddress, String path, String... headers) throws IOException {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName(fromAddress), 0));
      s.connect(new InetSocketAddress("127.0.0.1", TestApp.support().getLocalPort()), 5000);
      s.setSoTimeout(10000);
      StringBuilder req = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
      for (String h : headers) req.append(h).append("\r\n");
      req.append("\r\n");
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      in.transferTo(buf);
      String all = buf.toString(StandardCharsets.UTF_8);
      int end = all.indexOf("\r\n\r\n");
      return end < 0 ? all : all.substring(0, end);
    }
  }

  private static boolean hasHeader(String head, String name) {
    return head.toLowerCase().contains("\r\n" + name.toLowerCase() + ":");
  }

  private static boolean secureCookie(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase().startsWith("set-cookie:") && line.matches("(?i).*;\\s*secure(;.*|\\s*$)")) return true;
    }
    return false;
  }

  @Test
  void anyClientsForwardedProto_isIgnored_noHstsNoSecureCookie() throws IOException {
    String head = get("127.0.0.1", "/", "X-Forwarded-Proto: https", "X-Forwarded-For: 203.0.113.9");
    assertTrue(head.startsWith("HTTP/1.1 2") || head.startsWith("HTTP/1.1 3"), head);
    assertFalse(hasHeader(head, "Strict-Transport-Security"), head);
    assertFalse(secureCookie(head), head);
  }

  @Test
  void aConfiguredProxysForwardedProto_counts() throws IOException {
    String head = get("127.0.0.2", "/", "X-Forwarded-Proto: https", "X-Forwarded-For: 203.0.113.9");
    assertTrue(head.startsWith("HTTP/1.1 2") || head.startsWith("HTTP/1.1 3"), head);
    assertTrue(hasHeader(head, "Strict-Transport-Security"), head);
    assertTrue(secureCookie(head), head);
    // the proxy without the header: plain http as it says
    String plain = get("127.0.0.2", "/");
    assertFalse(hasHeader(plain, "Strict-Transport-Security"), plain);
  }

  @Test
  void theClientAddress_isTheForwardedOne_onlyBehindATrustedProxy() {
    assertTrue(cn.donghe.rehab.common.TrustedProxies.parse("127.0.0.2, 10.0.0.0/8").trusts("10.1.2.3"));
    assertFalse(cn.donghe.rehab.common.TrustedProxies.parse("").trusts("127.0.0.1"));
    var proxies = cn.donghe.rehab.common.TrustedProxies.parse("127.0.0.2, 10.0.0.0/8");
    // the right-most address that is not a proxy of ours is the client; what the client wrote to the left is not believed
    assertTrue("203.0.113.9".equals(proxies.clientAddress("127.0.0.2", "198.51.100.1, 203.0.113.9, 10.0.0.5")));
    assertTrue("198.51.100.7".equals(proxies.clientAddress("198.51.100.7", "203.0.113.9")));
  }
}
