package cn.donghe.rehab.hardening;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The access log (Dropwizard request log, console) shows paths and harmless parameters, never what was searched for. */
class AccessLogQueryTest {
  private static PrintStream tee(PrintStream original, OutputStream copy) { return cn.donghe.rehab.support.Tee.of(original, copy); }

  private static void rawGet(String token, String path) throws Exception {
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(TestApp.baseUrl() + "/api/v1" + path))
        .header("Authorization", "Bearer " + token).GET().build();
    int status = client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    assertTrue(status == 200, path + " answered " + status);
  }

  @Test
  void personSearchTerms_neverReachTheAccessLog_pagingParametersDo() throws Exception {
    Api admin = TestApp.admin();
    String name = "查询词" + Fixtures.next();
    String idNumber = Fixtures.idNumber(java.time.LocalDate.of(1980, 2, 3), "F");
    String marker = "limit=7";
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream out = System.out;
    System.setOut(tee(out, console));
    try {
      String enc = URLEncoder.encode(name, StandardCharsets.UTF_8);
      List<String> paths = List.of("/persons?q=" + enc + "&" + marker, "/persons?name=" + enc + "&" + marker,
          "/persons?idNumber=" + idNumber + "&" + marker, "/persons?" + marker + "&q=" + idNumber, "/persons?q=" + idNumber.substring(0, 14) + "&" + marker);
      // parameters the endpoint does not declare go around the contract-checked client (they are unknown on purpose)
      for (String p : paths) {
        if (p.contains("?q=") || p.contains("&q=")) admin.get(p);
        else rawGet(admin.token(), p);
      }
      TestApp.anonymous().get("/persons?q=" + idNumber + "&" + marker);
      // the same search on the admin's page (and a sign-in redirect that carries it in next=)
      cn.donghe.rehab.auth.AppUser pageAdmin = Fixtures.createUserDirect(Fixtures.username("alq"), "ADMIN", null, null, List.of(), null);
      cn.donghe.rehab.web.WebClient web = new cn.donghe.rehab.web.WebClient().login(pageAdmin.username(), Fixtures.PASSWORD);
      assertTrue(web.get("/app/admin/persons?q=" + enc + "&" + marker).status() == 200);
      new cn.donghe.rehab.web.WebClient().get("/app/admin/persons?" + marker + "&q=" + enc);
      Thread.sleep(800); // request-log lines are written by an asynchronous appender
    } finally {
      System.setOut(out);
    }
    String text;
    synchronized (console) { text = console.toString(StandardCharsets.UTF_8); }
    List<String> logged = new ArrayList<>();
    for (String line : text.split("\n")) if (line.contains("/api/v1/persons") || line.contains("/app/admin/persons")) logged.add(line);
    assertTrue(logged.size() >= 8, "request log not captured: " + text);
    for (String line : logged) {
      assertTrue(line.contains(marker), "paging parameters stay readable: " + line);
      for (String secret : List.of(name, URLEncoder.encode(name, StandardCharsets.UTF_8), idNumber, idNumber.substring(0, 14))) {
        assertFalse(line.contains(secret), "access log holds a search term: " + line);
      }
    }
  }
}
