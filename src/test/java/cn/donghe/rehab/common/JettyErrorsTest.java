package cn.donghe.rehab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.TestApp;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JettyErrorsTest {
  /** Raw HTTP, because java.net.http refuses to send such a URI at all. */
  private static String raw(String requestLine) throws Exception {
    int port = Integer.parseInt(TestApp.baseUrl().substring(TestApp.baseUrl().lastIndexOf(':') + 1));
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void ambiguousPathRejectedByJetty_isProblemJsonWithoutDetails() throws Exception {
    String answer = raw("GET /api/v1/institutions/..%2F..%2Fetc HTTP/1.1");
    assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
    assertTrue(answer.contains("application/problem+json"), answer);
    assertTrue(answer.contains("\"status\":400"), answer);
    assertFalse(answer.toLowerCase().contains("<html"), answer);
  }
}
