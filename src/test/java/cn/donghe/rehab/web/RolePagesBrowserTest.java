package cn.donghe.rehab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The role pages over the feature services in a real browser (one headless Chromium for the class):
 * the guardian reads the aid balance and statement on a phone and downloads the CSV; the institution
 * logs a child-aid session with the keyboard alone and sees the balance drop; the device pages; the
 * doctor revises a plan and reads the diff; the admin's aid standards. Every page visited passes
 * axe-core (WCAG 2.1 A/AA) in Chinese, English and the large-text view, with a screenshot each.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolePagesBrowserTest {
  /** The three ways every page is read: Chinese, English, and (English) large text, high contrast. */
  private static final List<String> VIEWS = List.of("zh", "en", "large");
  private static Browser b;
  private static WebFixtures.Scene s;

  @BeforeAll
  static void start() {
    b = Browser.startOrSkip();
    s = new WebFixtures.Scene();
  }

  @AfterAll
  static void stop() {
    try {
      if (s != null) s.removeDevices();
    } finally {
      if (b != null) b.quit();
    }
  }

  @Test @Order(1)
  void guardian_readsBalanceAndStatement_onAPhone_andDownloadsTheCsv() throws Exception {
    b.signIn(s.guardian.username());
    b.driver.manage().window().setSize(new Dimension(320, 800));
    for (String view : VIEWS) {
      b.switchTo(view);
      b.open("/app/guardian/children");
      b.check("guardian-children");
      b.go("ul.cards a[href='/app/guardian/children/" + s.childId + "']");
      String main = b.find("main").getText();
      assertTrue(main.contains(money(balance(), view)), main);
      WebElement bar = b.find("svg.bar[role=img]");
      String alt = b.find("#" + bar.getAttribute("aria-labelledby")).getText();
      assertTrue(alt.contains(money(new BigDecimal("20000.00"), view)), "the bar has its words: " + alt);
      assertTrue(b.find("#statement-caption").isDisplayed());
      assertTrue(main.contains(view.equals("zh") ? "康复扣费" : "Session charge"), main);
      assertTrue(main.contains(view.equals("zh") ? "独立行走 20 米" : "times a month"), main);
      assertNoSidewaysScrolling();
      b.check("guardian-child");
    }
    String href = b.find("a[href$='/statement.csv']").getAttribute("href");
    HttpResponse<byte[]> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
        .header("Cookie", WebCookies.SESSION + "=" + b.cookie(WebCookies.SESSION)).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, csv.statusCode());
    assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), csv.headers().toString());
    byte[] body = csv.body();
    assertTrue(body.length > 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF, "UTF-8 BOM");
    assertTrue(new String(body, StandardCharsets.UTF_8).contains("康复扣费"));
    b.driver.manage().window().setSize(Browser.DESKTOP);
  }

  @Test @Order(2)
  void institution_logsAChildAidSession_withTheKeyboardAlone_andSeesTheBalanceDrop() {
    b.reset();
    b.open("/");
    b.tabTo("f-username");
    b.type(s.staff.username());
    b.tabTo("f-password");
    b.typeAndWait(Fixtures.PASSWORD, Keys.ENTER);
    assertEquals("/app", b.path());
    b.check("institution-home");

    b.tabToCss("nav.main-nav a[href='/app/institution/find']");
    b.typeAndWait(Keys.ENTER);
    b.check("institution-find");
    b.tabTo("f-kind");
    b.type(Keys.ARROW_DOWN);
    assertTrue(b.find("#f-kind-1").isSelected(), "the ID number radio is chosen with an arrow key");
    b.tabTo("f-number");
    b.typeAndWait(s.child.path("idNumber").asText().isEmpty() ? "" : idNumber(), Keys.ENTER);
    assertTrue(b.find("section.result").getText().contains(s.childName()), b.find("main").getText());
    b.check("institution-find-result");
    b.tabTo("serve-link");
    b.typeAndWait(Keys.ENTER);
    assertEquals("/app/institution/persons/" + s.childId, b.path());
    BigDecimal before = balance();
    assertEquals(money(before, "zh"), b.find("#aid-balance").getText());
    b.check("institution-serve");

    b.tabTo("f-serviceType");
    b.type(Keys.ARROW_DOWN);
    b.type(Keys.ARROW_DOWN);
    assertEquals("REHAB_TRAINING", b.js("return document.getElementById('f-serviceType').value"));
    b.tabTo("f-durationMinutes");
    b.type("45");
    b.tabTo("f-therapist");
    b.type("李康复");
    b.tabTo("f-fee");
    b.type("200");
    b.tabTo("f-useChildAid");
    assertTrue(b.find("#f-useChildAid").isSelected(), "child aid is ticked by default");
    b.tabTo("f-fee");
    b.typeAndWait(Keys.ENTER);
    assertTrue(b.path().matches("/app/institution/sessions/[0-9a-f-]{36}\\?logged=1"), b.path());
    assertEquals(money(new BigDecimal("200.00"), "zh"), b.find("#aid-charged").getText());
    assertEquals(money(new BigDecimal("0.00"), "zh"), b.find("#self-pay").getText());
    BigDecimal after = before.subtract(new BigDecimal("200.00"));
    assertEquals(money(after, "zh"), b.find("#aid-balance-after").getText());
    b.check("institution-session-logged");
    String sessionPath = b.path().replace("?logged=1", "");

    b.tabToCss("a[href='/app/institution/persons/" + s.childId + "']");
    b.typeAndWait(Keys.ENTER);
    assertEquals(money(after, "zh"), b.find("#aid-balance").getText(), "the balance dropped by the aid charged");
    assertEquals(after, balance());

    for (String view : VIEWS) {
      b.switchTo(view);
      b.open("/app/institution/persons/" + s.childId);
      b.check("institution-serve");
      b.open("/app/institution/sessions");
      assertTrue(b.find("main").getText().contains(s.childName()));
      b.check("institution-sessions");
      b.open(sessionPath);
      b.check("institution-session");
    }
  }

  @Test @Order(3)
  void deviceInstitution_pool_loans_repairs_recycling_inEveryView() {
    b.signIn(s.deviceStaff.username());
    for (String view : VIEWS) {
      b.switchTo(view);
      b.go("nav.main-nav a[href='/app/institution/devices']");
      String main = b.find("main").getText();
      assertTrue(main.contains(s.loanedSerial), main);
      assertTrue(main.contains(view.equals("zh") ? "已逾期 3 天" : "Overdue by 3 days"), main);
      b.check("devices");
      b.go("a[href='/app/institution/devices/loans/" + s.loanId + "']");
      b.check("devices-loan");
      b.open("/app/institution/devices/repairs/" + s.repairId);
      b.check("devices-repair");
      b.go("nav.main-nav a[href='/app/institution/devices/recycling']");
      b.check("devices-recycling");
    }
  }

  @Test @Order(4)
  void doctor_revisesAPlan_andSeesTheDiff_inEveryView() {
    b.signIn(s.doctor.username());
    int sessionsPerMonth = 9;
    for (String view : VIEWS) {
      b.switchTo(view);
      b.go("nav.main-nav a[href='/app/doctor/worklist']");
      assertTrue(b.find("main").getText().contains(s.unsigned.path("name").asText()));
      b.check("doctor-worklist");
      b.go("nav.main-nav a[href='/app/doctor/expiring']");
      assertTrue(b.find("main").getText().contains(s.expiring.path("name").asText()));
      b.check("doctor-expiring");
      b.go("nav.main-nav a[href='/app/doctor/persons']");
      b.go("a[href='/app/doctor/persons/" + s.childId + "']");
      b.check("doctor-person");
      b.go("a[href='/app/doctor/persons/" + s.childId + "/assessment']");
      b.check("doctor-assessment");
      b.open("/app/doctor/persons/" + s.childId + "/plan");
      b.check("doctor-plan-editor");
      WebElement perMonth = b.find("#f-interventions-0--sessionsPerMonth");
      String old = perMonth.getAttribute("value");
      perMonth.clear();
      perMonth.sendKeys(Integer.toString(++sessionsPerMonth));
      b.find("#f-goals").sendKeys(Keys.END, "\n", "自己穿鞋 " + view);
      b.go("#plan-submit");
      assertTrue(b.path().matches("/app/doctor/plans/[0-9a-f-]{36}/history\\?saved=1"), b.path());
      String diff = b.find(".diff table").getText();
      assertTrue(diff.contains(view.equals("zh") ? "每月次数" : "Sessions per month"), diff);
      assertTrue(diff.contains(old) && diff.contains(Integer.toString(sessionsPerMonth)), diff);
      assertTrue(diff.contains("自己穿鞋 " + view), diff);
      b.check("doctor-plan-history");
    }
  }

  @Test @Order(5)
  void admin_readsTheAidStandards_inEveryView() {
    b.signIn(WebFixtures.user("ADMIN", null, null, List.of()).username());
    for (String view : VIEWS) {
      b.switchTo(view);
      b.go("nav.main-nav a[href='/app/admin/aid-standards']");
      assertTrue(b.find("table").getText().contains(money(new BigDecimal("24000.00"), view)));
      b.check("admin-aid-standards");
    }
  }

  // ---- helpers ----


  private static String money(BigDecimal amount, String view) {
    String digits = String.format("%,.2f", amount);
    return view.equals("zh") ? "¥" + digits : "CN¥" + digits;
  }

  private static BigDecimal balance() {
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT balance FROM aid_accounts WHERE id = CAST(:id AS uuid)")
        .bind("id", s.accountId).mapTo(BigDecimal.class).one());
  }

  /** The child's full ID number as registered (the person API shows it to the admin only). */
  private static String idNumber() {
    return TestApp.admin().get("/persons/" + s.childId).str("idNumber");
  }

  private static void assertNoSidewaysScrolling() {
    long scroll = ((Number) b.js("return document.documentElement.scrollWidth")).longValue();
    long width = ((Number) b.js("return document.documentElement.clientWidth")).longValue();
    assertTrue(scroll <= width, "page is " + scroll + " px wide in a " + width + " px window on " + b.path());
  }
}
