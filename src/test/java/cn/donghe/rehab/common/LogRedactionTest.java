package cn.donghe.rehab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogRedactionTest {
  private static PrintStream tee(PrintStream original, OutputStream copy) { return cn.donghe.rehab.support.Tee.of(original, copy); }

  @Test
  void noLogLineContainsAnIdOrCertificateNumber_duringCreateLookupReadAndRefusals() throws Exception {
    String community = Fixtures.community();
    String inst = Fixtures.institution(community, false, "REHAB").path("id").asText();
    Api staff = Fixtures.institutionUser(inst);
    Map<String, Object> body = Fixtures.personBody(community, cn.donghe.rehab.registry.Category.VISUAL, 2, java.time.LocalDate.of(1970, 8, 1));
    String idNumber = (String) body.get("idNumber");
    String cert = (String) body.get("certificateNo");
    String unknown = Fixtures.idNumber(java.time.LocalDate.of(1971, 1, 2), "M");

    LoggerContext lc = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = lc.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level level = root.getLevel();
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    root.setLevel(Level.INFO); // the production level (config.yml); the tests run at WARN
    root.addAppender(events);
    System.setOut(tee(out, console));
    System.setErr(tee(err, console));
    try {
      Api admin = TestApp.admin();
      assertEquals(201, admin.post("/persons", body).status());
      String id = admin.post("/persons/lookup", Map.of("idNumber", idNumber)).str("id");
      assertEquals(200, admin.post("/persons/lookup", Map.of("certificateNo", cert)).status());
      assertEquals(200, staff.post("/persons/lookup", Map.of("idNumber", idNumber)).status());
      assertEquals(404, staff.post("/persons/lookup", Map.of("idNumber", unknown)).status());
      assertEquals(200, admin.get("/persons/" + id).status());
      Map<String, Object> duplicate = new LinkedHashMap<>(body);
      duplicate.put("name", "重复" + Fixtures.next());
      assertEquals(409, admin.post("/persons", duplicate).status()); // already registered (DESIGN section 1)
      Map<String, Object> badDigit = new LinkedHashMap<>(body);
      badDigit.put("idNumber", idNumber.substring(0, 17) + (idNumber.charAt(17) == '1' ? '2' : '1'));
      assertEquals(422, admin.post("/persons", badDigit).status());
      assertEquals(422, staff.post("/persons/lookup", Map.of("idNumber", idNumber, "certificateNo", cert)).status());
      Thread.sleep(700); // request-log lines are written by an asynchronous appender
    } finally {
      System.setOut(out);
      System.setErr(err);
      root.detachAppender(events);
      root.setLevel(level);
    }
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent e : events.list) {
      lines.add(e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())));
    }
    String text;
    synchronized (console) { text = console.toString(StandardCharsets.UTF_8); }
    lines.addAll(List.of(text.split("\n")));
    // the capture works: the request log shows the lookup requests
    assertTrue(text.contains("/api/v1/persons/lookup"), "request log not captured: " + text);
    for (String line : lines) {
      for (String secret : List.of(idNumber, cert, unknown, idNumber.substring(0, 17))) {
        assertTrue(!line.toUpperCase().contains(secret), "log line holds an ID number: " + line);
      }
    }
  }
}
