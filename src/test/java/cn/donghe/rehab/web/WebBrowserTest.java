package cn.donghe.rehab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Each role's pages in a real browser (headless Debian Chromium) against the running service and
 * database: every page visited passes axe-core (WCAG 2.1 A/AA) in Chinese, in English and in the
 * large-text view, and is saved as a screenshot under target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebBrowserTest {
  private static Browser b;
  private static String community;
  private static AppUser admin;
  private static AppUser staff;
  private static AppUser doctor;
  private static AppUser guardian;
  private static Map<String, Object> servedPerson;
  private static JsonNode contracted;
  private static JsonNode child;

  @BeforeAll
  static void start() {
    b = Browser.startOrSkip();
    community = Fixtures.community();
    admin = WebFixtures.user("ADMIN", null, null, List.of());
    servedPerson = Fixtures.personBody(community, Category.HEARING, 3, LocalDate.of(1968, 11, 23));
    assertEquals(201, TestApp.admin().post("/persons", servedPerson).status());
    String inst = Fixtures.institution(community, true, "REHAB").path("id").asText();
    staff = WebFixtures.user("INSTITUTION", UUID.fromString(inst), null, List.of());
    String clinic = Fixtures.institution(community, false, "PRIMARY_CARE").path("id").asText();
    String doctorId = Fixtures.doctor(clinic).path("id").asText();
    contracted = Fixtures.person(community);
    WebFixtures.contract(contracted.path("id").asText(), doctorId);
    doctor = WebFixtures.user("DOCTOR", null, UUID.fromString(doctorId), List.of());
    child = Fixtures.child(community, Category.INTELLECTUAL, LocalDate.now(TestApp.context().clock()).minusYears(6));
    guardian = WebFixtures.user("GUARDIAN", null, null, List.of(UUID.fromString(child.path("id").asText())));
  }

  @AfterAll
  static void stop() {
    if (b != null) b.quit();
  }

  @Test @Order(1)
  void admin_registersAPerson_afterFixingAValidationError_inBothLanguages() {
    for (Lang lang : Lang.values()) {
      b.reset();
      b.open("/");
      if (lang == Lang.EN) b.go("a[lang='en']");
      assertEquals(lang.tag(), b.lang());
      b.check("login");
      if (lang == Lang.ZH) {
        login(admin.username(), "wrong-password-1");
        assertTrue(b.find("#error-summary").getText().contains("用户名或密码错误"));
        assertEquals("true", b.find("#f-username").getAttribute("aria-invalid"));
        b.check("login-error");
      }
      login(admin.username(), Fixtures.PASSWORD);
      assertEquals("/app", b.path());
      b.check("admin-home");

      b.open("/app/admin/persons");
      b.find("#f-q").sendKeys(contracted.path("name").asText());
      new Select(b.find("#f-regionCode")).selectByValue(community);
      b.go("form.search button[type=submit]");
      assertTrue(b.find("table").getText().contains(contracted.path("name").asText()));
      b.check("admin-persons");

      b.open("/app/admin/persons/new");
      b.check("admin-person-new");
      Map<String, Object> p = Fixtures.personBody(community, Category.PHYSICAL, 2, LocalDate.of(1979, 3, 14));
      String good = (String) p.get("idNumber");
      fillPerson(p, good.substring(0, 17) + (good.charAt(17) == '1' ? '2' : '1'));
      b.go("form.form button[type=submit]");
      assertEquals("error-summary", b.focusedId(), "the error summary takes the focus");
      assertEquals("true", b.find("#f-idNumber").getAttribute("aria-invalid"));
      assertTrue(b.find("#f-idNumber").getAttribute("aria-describedby").contains("e-idNumber"));
      assertTrue(b.find("#error-summary a[href='#f-idNumber']").isDisplayed());
      b.check("admin-person-new-error");

      b.find("#error-summary a[href='#f-idNumber']").click();
      assertEquals("f-idNumber", b.focusedId(), "the summary link leads to the field");
      b.find("#f-idNumber").clear();
      b.find("#f-idNumber").sendKeys(good);
      b.go("form.form button[type=submit]");
      assertTrue(b.path().matches("/app/persons/[0-9a-f-]{36}\\?created=1"), b.path());
      assertTrue(b.find("[role=status]").isDisplayed());
      assertTrue(b.find("dl.details").getText().contains(good), "admin sees the full number");
      b.check("admin-person");

      b.open("/app/admin/users");
      b.check("admin-users");
      b.open("/app/admin/institutions");
      b.check("admin-institutions");
      b.open("/app/admin/doctors");
      b.check("admin-doctors");
      b.open("/app/no-such-page");
      b.check("not-found");

      b.go("form.logout-form button");
      assertTrue(b.path().startsWith("/?loggedOut=1"), b.path());
      b.check("logged-out");
    }
  }

  @Test @Order(2)
  void admin_pagesInLargeTextView_passTheSameChecks() {
    b.reset();
    b.open("/");
    login(admin.username(), Fixtures.PASSWORD);
    b.go("a[href^='/prefs/view?large=1']");
    assertTrue(b.find("html").getAttribute("class").contains("large-text"));
    b.check("admin-home");
    b.open("/app/admin/persons?q=" + WebClient.enc(contracted.path("name").asText()));
    b.check("admin-persons");
    b.open("/app/admin/persons/new");
    b.go("form.form button[type=submit]");
    assertTrue(b.all("#error-summary li").size() >= 5, "every missing field is listed");
    b.check("admin-person-new-error");
    b.open("/app/admin/institutions");
    b.check("admin-institutions");
  }

  @Test @Order(3)
  void institution_findsAPersonByCertificateNumber_withTheKeyboardAlone() {
    b.reset();
    b.open("/");
    b.type(Keys.TAB);
    assertTrue(b.find(".skip-link").equals(b.driver.switchTo().activeElement()), "the first Tab reaches the skip link");
    b.tabTo("f-username");
    b.type(staff.username());
    b.tabTo("f-password");
    b.typeAndWait(Fixtures.PASSWORD, Keys.ENTER);
    assertEquals("/app", b.path());
    b.check("institution-home");

    b.open("/app/institution/find");
    b.check("institution-find");
    String cert = (String) servedPerson.get("certificateNo");
    b.tabTo("f-number");
    b.typeAndWait(cert, Keys.ENTER);
    assertEquals("/app/institution/find", b.path(), "the number is never in the address");
    String result = b.find("section.result").getText();
    assertTrue(result.contains((String) servedPerson.get("name")), result);
    String id = (String) servedPerson.get("idNumber");
    assertTrue(result.contains(id.substring(0, 6) + "************"), result);
    assertFalse(b.driver.getPageSource().contains(id), "only the masked number is on the page");
    b.check("institution-find-result");

    b.go("a[lang='en']");
    b.find("#f-kind-1").click();
    b.find("#f-number").sendKeys("110101199001011234");
    b.go("form.form button[type=submit]");
    assertTrue(b.find("#e-number").getText().contains("No person has this number"), b.find("#e-number").getText());
    b.check("institution-find-not-found");
    b.find("#f-kind").click();
    b.find("#f-number").clear();
    b.find("#f-number").sendKeys(cert);
    b.go("form.form button[type=submit]");
    assertTrue(b.find("section.result").getText().contains((String) servedPerson.get("name")));
    b.check("institution-find-result");
  }

  @Test @Order(4)
  void doctor_seesContractedPersons_inBothLanguages() {
    b.reset();
    b.open("/");
    login(doctor.username(), Fixtures.PASSWORD);
    for (Lang lang : Lang.values()) {
      if (lang == Lang.EN) b.go("a[lang='en']");
      b.check("doctor-home");
      b.go("nav.main-nav a[href='/app/doctor/persons']");
      assertEquals("page", b.find("nav.main-nav a[href='/app/doctor/persons']").getAttribute("aria-current"));
      assertTrue(b.find("table").getText().contains(contracted.path("name").asText()));
      b.check("doctor-persons");
      b.go("table a");
      b.check("doctor-person");
    }
  }

  @Test @Order(5)
  void guardian_seesTheirChild_onANarrowPhoneScreen_inBothLanguages() {
    b.reset();
    b.driver.manage().window().setSize(new Dimension(320, 800));
    b.open("/");
    b.check("login-phone");
    login(guardian.username(), Fixtures.PASSWORD);
    for (Lang lang : Lang.values()) {
      if (lang == Lang.EN) b.go("a[lang='en']");
      b.open("/app/guardian/children");
      assertTrue(b.find("main").getText().contains(child.path("name").asText()), b.path() + ": " + b.find("main").getText());
      assertNoSidewaysScrolling();
      b.check("guardian-children-phone");
      b.go("ul.cards a");
      assertNoSidewaysScrolling();
      b.check("guardian-child-phone");
    }
    b.go("a[href^='/prefs/view?large=1']");
    b.open("/app/guardian/children");
    assertNoSidewaysScrolling();
    b.check("guardian-children-phone");
    b.driver.manage().window().setSize(Browser.DESKTOP);
  }

  private static void assertNoSidewaysScrolling() {
    long scroll = ((Number) b.js("return document.documentElement.scrollWidth")).longValue();
    long width = ((Number) b.js("return document.documentElement.clientWidth")).longValue();
    assertTrue(scroll <= width, "page is " + scroll + " px wide in a " + width + " px window on " + b.path());
  }

  private static void login(String username, String password) {
    WebElement u = b.find("#f-username");
    u.clear();
    u.sendKeys(username);
    b.find("#f-password").sendKeys(password);
    b.go("form.form button[type=submit]");
  }

  private static void fillPerson(Map<String, Object> p, String idNumber) {
    b.find("#f-name").sendKeys((String) p.get("name"));
    b.find("M".equals(p.get("gender")) ? "#f-gender" : "#f-gender-1").click();
    b.js("arguments[0].value = arguments[1]", b.find("#f-birthDate"), p.get("birthDate").toString());
    b.find("#f-idNumber").sendKeys(idNumber);
    b.find("#f-certificateNo").sendKeys((String) p.get("certificateNo"));
    new Select(b.find("#f-category")).selectByValue((String) p.get("category"));
    new Select(b.find("#f-grade")).selectByValue(p.get("grade").toString());
    new Select(b.find("#f-regionCode")).selectByValue(community);
  }
}
