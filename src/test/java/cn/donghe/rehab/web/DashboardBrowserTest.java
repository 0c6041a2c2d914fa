package cn.donghe.rehab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The admin's indicator dashboard in a real browser (one headless Chromium): a town admin opens the dashboard, reads
 * the figure against the target and the chart with its table, drills down to the town's communities and to the
 * unserved worklist, downloads the CSV (plain HTTP with the browser's cookie: text/csv with a BOM) and publishes a
 * snapshot; every page passes axe-core in Chinese, English and large text, and so does the API reference
 * (/api/docs).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
  private static final List<String> VIEWS = List.of("zh", "en", "large");
  private static Browser b;
  private static String town, communityA, adminName;

  @BeforeAll
  static void start() {
    b = Browser.startOrSkip();
    // a town of its own: community A has three persons needing rehab (one served), community B one (served)
    town = Fixtures.town();
    communityA = Fixtures.community(town);
    String communityB = Fixtures.community(town);
    String rehab = Fixtures.institution(communityA, true, "REHAB").path("id").asText();
    Api staff = Fixtures.institutionUser(rehab);
    int year = today().getYear();
    String p1 = Fixtures.person(communityA).path("id").asText();
    String p2 = Fixtures.person(communityA).path("id").asText();
    String p3 = Fixtures.person(communityA).path("id").asText();
    String p4 = Fixtures.person(communityB).path("id").asText();
    for (String p : List.of(p1, p2, p3, p4)) assessRehab(p, year);
    session(staff, p1);
    session(staff, p4);
    adminName = Fixtures.createUserDirect(Fixtures.username("web-town-admin"), "ADMIN", null, null, List.of(), town).username();
  }

  @AfterAll
  static void stop() {
    if (b != null) b.quit();
  }

  @Test @Order(1)
  void townAdmin_opensTheDashboard_drillsDownToCommunitiesAndTheWorklist_inEveryView() {
    b.signIn(adminName);
    for (String view : VIEWS) {
      b.switchTo(view);
      b.go("nav.main-nav a[href='/app/admin/dashboard']");
      String rehab = b.find("section#ind-REHAB_SERVICE_RATE, section[aria-labelledby='ind-REHAB_SERVICE_RATE']").getText();
      assertTrue(rehab.contains("50.00%"), rehab);
      assertTrue(rehab.contains(view.equals("zh") ? "未达标，还差 2 人" : "Target not met: 2 more to serve"), rehab);
      WebElement chart = b.find("section[aria-labelledby='ind-REHAB_SERVICE_RATE'] svg.chart[role=img]");
      String caption = b.find("#" + chart.getAttribute("aria-labelledby")).getText();
      assertTrue(caption.contains("90%"), caption);
      assertEquals(1, b.all("section[aria-labelledby='ind-REHAB_SERVICE_RATE'] svg.chart rect.chart-bar").size(), "one bar: the town");
      assertEquals(1, b.all("section[aria-labelledby='ind-REHAB_SERVICE_RATE'] svg.chart line.chart-target").size(), "the target line");
      b.check("admin-dashboard");

      b.go("section[aria-labelledby='ind-REHAB_SERVICE_RATE'] tbody a[href*='groupBy=COMMUNITY']");
      assertTrue(b.path().contains("regionCode=" + town) && b.path().contains("groupBy=COMMUNITY"), b.path());
      String table = b.find("section[aria-labelledby='ind-REHAB_SERVICE_RATE'] table").getText();
      assertTrue(table.contains("33.33%") && table.contains("100.00%"), table);
      assertEquals(2, b.all("section[aria-labelledby='ind-REHAB_SERVICE_RATE'] svg.chart rect.chart-bar").size(), "two communities");
      b.check("admin-dashboard-communities");

      b.go("section[aria-labelledby='ind-REHAB_SERVICE_RATE'] tbody a[href*='/app/admin/worklist'][href*='regionCode=" + communityA + "']");
      assertEquals(2, b.all("main table tbody tr").size(), "two unserved in community A");
      String list = b.find("main table").getText();
      assertTrue(list.contains("********"), "masked ID numbers: " + list);
      assertTrue(list.contains(view.equals("zh") ? "康复训练" : "Rehabilitation training"), list);
      b.check("admin-worklist");
    }
  }

  @Test @Order(2)
  void townAdmin_downloadsTheCsv_andPublishesASnapshot() throws Exception {
    b.signIn(adminName);
    b.open("/app/admin/dashboard");
    String href = b.find("#download-csv").getAttribute("href");
    HttpResponse<byte[]> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
        .header("Cookie", WebCookies.SESSION + "=" + b.cookie(WebCookies.SESSION)).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, csv.statusCode());
    assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), csv.headers().toString());
    byte[] body = csv.body();
    assertTrue(body.length > 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF, "UTF-8 BOM");
    assertTrue(new String(body, StandardCharsets.UTF_8).contains(town), "the town's row is in the file");

    long before = Fixtures.count("report_snapshots");
    b.go("#publish-snapshot");
    assertEquals(before + 1, Fixtures.count("report_snapshots"));
    String notice = b.find(".notice[role=status]").getText();
    assertTrue(notice.matches("(?s).*[0-9a-f-]{36}.*"), notice);
    b.check("admin-dashboard-snapshot");
  }

  @Test @Order(3)
  void theApiReference_passesAxe_inChineseEnglishAndLargeText_andIsUsableByKeyboard() {
    b.reset();
    b.open("/api/docs");
    for (String view : VIEWS) {
      b.switchTo(view);
      assertEquals("/api/docs", b.path(), "the preference links return to the reference");
      assertEquals(view.equals("zh") ? "zh-CN" : "en", b.lang());
      assertEquals(view.equals("zh") ? "接口参考（API）" : "API reference", b.h1());
      b.check("api-docs");
    }
    // keyboard: the skip link first, then the contents; following a contents link moves to its section
    b.open("/api/docs");
    b.tabToCss("a.skip-link");
    b.tabToCss("nav.toc a[href='#errors']");
    b.type(Keys.ENTER);
    assertTrue(b.driver.getCurrentUrl().endsWith("/api/docs#errors"), b.driver.getCurrentUrl());
  }

  // ---- helpers ----

  private static LocalDate today() { return LocalDate.now(TestApp.context().clock()); }

  private static void assessRehab(String personId, int year) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("assessedOn", today().toString());
    m.put("rehabNeeds", List.of("REHAB_TRAINING"));
    m.put("deviceNeeds", List.of());
    Api.Resp r = TestApp.admin().put("/persons/" + personId + "/assessments/" + year, m);
    assertTrue(r.status() == 200 || r.status() == 201, r.toString());
  }

  private static void session(Api staff, String personId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("personId", personId);
    m.put("serviceType", "REHAB_TRAINING");
    m.put("date", today().toString());
    m.put("durationMinutes", 45);
    m.put("therapist", "李治疗师");
    m.put("fee", "120.00");
    m.put("useChildAid", false);
    Api.Resp r = staff.withHeader("Idempotency-Key", "dash-" + UUID.randomUUID()).post("/sessions", m);
    assertEquals(201, r.status(), r.toString());
  }
}
