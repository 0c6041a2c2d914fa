package cn.donghe.rehab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pages over plain HTTP: session cookie, form tokens, security headers, scope, error pages. */
class WebPagesTest {
  private static WebClient admin() {
    AppUser u = WebFixtures.user("ADMIN", null, null, List.of());
    return new WebClient().login(u.username(), Fixtures.PASSWORD);
  }

  @Test
  void loginPage_isChineseByDefault_withStrictSecurityHeaders() {
    WebClient.Page p = new WebClient().get("/");
    assertEquals(200, p.status());
    assertTrue(p.header("Content-Type").startsWith("text/html"), p.header("Content-Type"));
    assertTrue(p.body().contains("<html lang=\"zh-CN\""), p.body());
    String csp = p.header("Content-Security-Policy");
    assertNotNull(csp);
    assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
    assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
    assertEquals("DENY", p.header("X-Frame-Options"));
    assertEquals("no-referrer", p.header("Referrer-Policy"));
    assertEquals("nosniff", p.header("X-Content-Type-Options"));
    assertEquals("no-store", p.header("Cache-Control"));
    assertFalse(p.body().contains("<script>") || p.body().contains("style="), "no inline script or style");
    String pre = p.setCookie(WebCookies.PRE_SESSION);
    assertTrue(pre.contains("HttpOnly") && pre.contains("SameSite=Strict"), pre);
  }

  @Test
  void stylesheet_isServedFromTheJar_withNosniff() {
    WebClient.Page css = new WebClient().get("/assets/web/app.css");
    assertEquals(200, css.status());
    assertTrue(css.header("Content-Type").startsWith("text/css"), css.header("Content-Type"));
    assertEquals("nosniff", css.header("X-Content-Type-Options"));
  }

  @Test
  void login_withoutFormToken_isRefused_andStartsNoSession() {
    AppUser u = WebFixtures.user("ADMIN", null, null, List.of());
    WebClient c = new WebClient();
    c.get("/");
    WebClient.Page p = c.post("/login", Map.of("_csrf", "forged", "username", u.username(), "password", Fixtures.PASSWORD));
    assertEquals(403, p.status());
    assertTrue(p.header("Content-Type").startsWith("text/html"));
    assertNull(p.setCookie(WebCookies.SESSION));
  }

  @Test
  void login_setsHttpOnlyStrictCookie_secureOnlyBehindTls() {
    AppUser u = WebFixtures.user("DOCTOR", null, UUID.fromString(Fixtures.doctor(primaryCare()).path("id").asText()), List.of());
    WebClient plain = new WebClient();
    plain.get("/");
    WebClient.Page p = plain.post("/login", Map.of("username", u.username(), "password", Fixtures.PASSWORD, "next", "/app/doctor/persons"));
    assertEquals(303, p.status(), p.toString());
    assertTrue(p.header("Location").endsWith("/app/doctor/persons"), p.header("Location"));
    String cookie = p.setCookie(WebCookies.SESSION);
    assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
    assertFalse(cookie.contains("Secure"), cookie);

    // X-Forwarded-Proto counts only from TRUSTED_PROXIES (ForwardedHeadersTest); this client is not one
    WebClient forged = new WebClient().header("X-Forwarded-Proto", "https");
    forged.get("/");
    String notSecure = forged.post("/login", Map.of("username", u.username(), "password", Fixtures.PASSWORD)).setCookie(WebCookies.SESSION);
    assertFalse(notSecure.contains("Secure"), notSecure);
  }

  @Test
  void login_nextPointingElsewhere_goesHomeInstead() {
    AppUser u = WebFixtures.user("ADMIN", null, null, List.of());
    WebClient c = new WebClient();
    c.get("/");
    WebClient.Page p = c.post("/login", Map.of("username", u.username(), "password", Fixtures.PASSWORD, "next", "//evil.example/x"));
    assertEquals(303, p.status());
    assertTrue(p.header("Location").endsWith("/app"), p.header("Location"));
  }

  @Test
  void wrongPassword_showsAnnouncedErrorLinkedToTheField_andStatus401() {
    AppUser u = WebFixtures.user("ADMIN", null, null, List.of());
    WebClient c = new WebClient();
    c.get("/");
    WebClient.Page p = c.post("/login", Map.of("username", u.username(), "password", "not-the-password"));
    assertEquals(401, p.status());
    assertTrue(p.body().contains("role=\"alert\""), p.body());
    assertTrue(p.body().contains("href=\"#f-username\""), p.body());
    assertTrue(p.body().contains("aria-describedby=\"e-username\""), p.body());
    assertTrue(p.body().contains("用户名或密码错误"), p.body());
  }

  @Test
  void repeatedFailures_showTheThrottleMessage_with429() {
    AppUser u = WebFixtures.user("ADMIN", null, null, List.of());
    WebClient c = new WebClient();
    c.get("/");
    WebClient.Page p = null;
    for (int i = 0; i < 11; i++) p = c.post("/login", Map.of("username", u.username(), "password", "wrong-" + i));
    assertEquals(429, p.status());
    assertNotNull(p.header("Retry-After"));
    assertTrue(p.body().contains("登录失败次数过多"), p.body());
  }

  @Test
  void pages_needLogin_andComeBackAfterwards() {
    WebClient.Page p = new WebClient().get("/app/admin/persons");
    assertEquals(303, p.status());
    assertTrue(p.header("Location").endsWith("/?next=%2Fapp%2Fadmin%2Fpersons"), p.header("Location"));
  }

  @Test
  void otherRolesPage_is403Html_notJson() {
    String community = Fixtures.community();
    String child = Fixtures.child(community, Category.HEARING, LocalDate.of(2019, 3, 1)).path("id").asText();
    AppUser g = WebFixtures.user("GUARDIAN", null, null, List.of(UUID.fromString(child)));
    WebClient c = new WebClient().login(g.username(), Fixtures.PASSWORD);
    WebClient.Page p = c.get("/app/admin/users");
    assertEquals(403, p.status());
    assertTrue(p.header("Content-Type").startsWith("text/html"), p.header("Content-Type"));
    assertTrue(p.body().contains("<h1>无权访问</h1>"), p.body());
  }

  @Test
  void unknownPage_is404Html_whileTheApiKeepsProblemJson() {
    WebClient c = admin();
    WebClient.Page page = c.get("/app/no-such-page");
    assertEquals(404, page.status());
    assertTrue(page.header("Content-Type").startsWith("text/html"));
    WebClient.Page api = c.get("/api/v1/no-such-thing");
    assertEquals(404, api.status());
    assertTrue(api.header("Content-Type").startsWith("application/problem+json"));
  }

  @Test
  void sessionCookie_doesNotOpenTheApi() {
    WebClient c = admin();
    assertEquals(401, c.get("/api/v1/me").status());
  }

  @Test
  void createPerson_withForgedToken_changesNothing_withRightToken_redirectsToThePerson() {
    WebClient c = admin();
    c.get("/app/admin/persons/new");
    String community = Fixtures.community();
    Map<String, String> form = personForm(Fixtures.personBody(community, Category.VISUAL, 3, LocalDate.of(1970, 8, 9)));
    long before = Fixtures.count("persons");
    Map<String, String> forged = new LinkedHashMap<>(form);
    forged.put("_csrf", "x" + c.cookies.get(WebCookies.SESSION));
    assertEquals(403, c.post("/app/admin/persons/new", forged).status());
    assertEquals(before, Fixtures.count("persons"));

    WebClient.Page ok = c.post("/app/admin/persons/new", form);
    assertEquals(303, ok.status(), ok.toString());
    assertTrue(ok.header("Location").matches(".*/app/persons/[0-9a-f-]{36}\\?created=1"), ok.header("Location"));
    assertEquals(before + 1, Fixtures.count("persons"));
    WebClient.Page shown = c.get(ok.header("Location").replaceFirst("^https?://[^/]+", ""));
    assertEquals(200, shown.status());
    assertTrue(shown.body().contains(form.get("idNumber")), "admin sees the full number");
  }

  @Test
  void createPerson_withBadIdNumber_is422_withTheErrorNextToTheField_andNothingStored() {
    WebClient c = admin();
    c.get("/app/admin/persons/new");
    Map<String, String> form = personForm(Fixtures.personBody(Fixtures.community(), Category.PHYSICAL, 2, LocalDate.of(1985, 1, 2)));
    String id = form.get("idNumber");
    form.put("idNumber", id.substring(0, 17) + (id.charAt(17) == '1' ? '2' : '1'));
    form.remove("certificateNo");
    long before = Fixtures.count("persons");
    WebClient.Page p = c.post("/app/admin/persons/new", form);
    assertEquals(422, p.status());
    assertTrue(p.body().contains("id=\"e-idNumber\""), p.body());
    assertTrue(p.body().contains("aria-invalid=\"true\""), p.body());
    assertTrue(p.body().contains("href=\"#f-idNumber\""), p.body());
    assertTrue(p.body().contains("value=\"" + form.get("name") + "\""), "typed values are kept");
    assertEquals(before, Fixtures.count("persons"));
  }

  @Test
  void institutionFind_keepsTheNumberOutOfTheUrl_andShowsItMasked() {
    String community = Fixtures.community();
    Map<String, Object> body = Fixtures.personBody(community, Category.HEARING, 2, LocalDate.of(1990, 4, 5));
    assertEquals(201, TestApp.admin().post("/persons", body).status());
    JsonNode inst = Fixtures.institution(community, true, "REHAB");
    AppUser staff = WebFixtures.user("INSTITUTION", UUID.fromString(inst.path("id").asText()), null, List.of());
    WebClient c = new WebClient().login(staff.username(), Fixtures.PASSWORD);
    assertEquals(200, c.get("/app/institution/find").status());
    String cert = (String) body.get("certificateNo");
    WebClient.Page p = c.post("/app/institution/find", Map.of("kind", "certificateNo", "number", cert));
    assertEquals(200, p.status(), p.toString());
    assertTrue(p.body().contains((String) body.get("name")));
    String id = (String) body.get("idNumber");
    assertTrue(p.body().contains(id.substring(0, 6) + "************"), p.body());
    assertFalse(p.body().contains(id.substring(6, 14)), "no birth digits");
    assertFalse(p.body().contains(id), "full ID number never shown to an institution");
    assertFalse(p.body().contains(cert), "full certificate number never shown to an institution");

    WebClient.Page none = c.post("/app/institution/find", Map.of("kind", "idNumber", "number", Fixtures.idNumber(LocalDate.of(1991, 1, 1), "M")));
    assertEquals(404, none.status());
    assertTrue(none.body().contains("id=\"e-number\""), none.body());
  }

  @Test
  void doctor_seesOnlyContractedPersons() {
    String community = Fixtures.community();
    String inst = primaryCare(community);
    String doctorId = Fixtures.doctor(inst).path("id").asText();
    JsonNode mine = Fixtures.person(community);
    JsonNode other = Fixtures.person(community);
    WebFixtures.contract(mine.path("id").asText(), doctorId);
    AppUser d = WebFixtures.user("DOCTOR", null, UUID.fromString(doctorId), List.of());
    WebClient c = new WebClient().login(d.username(), Fixtures.PASSWORD);
    WebClient.Page p = c.get("/app/doctor/persons");
    assertEquals(200, p.status());
    assertTrue(p.body().contains(mine.path("name").asText()));
    assertFalse(p.body().contains(other.path("name").asText()));
    assertEquals(404, c.get("/app/persons/" + other.path("id").asText()).status(), "out of scope answers 404");
  }

  @Test
  void guardian_seesTheirChildren() {
    String community = Fixtures.community();
    JsonNode child = Fixtures.child(community, Category.INTELLECTUAL, LocalDate.of(2018, 6, 1));
    JsonNode otherChild = Fixtures.child(community, Category.INTELLECTUAL, LocalDate.of(2018, 7, 1));
    AppUser g = WebFixtures.user("GUARDIAN", null, null, List.of(UUID.fromString(child.path("id").asText())));
    WebClient c = new WebClient().login(g.username(), Fixtures.PASSWORD);
    WebClient.Page p = c.get("/app/guardian/children");
    assertEquals(200, p.status());
    assertTrue(p.body().contains(child.path("name").asText()));
    assertFalse(p.body().contains(otherChild.path("name").asText()));
  }

  @Test
  void logout_revokesTheSession() {
    WebClient c = admin();
    c.get("/app");
    String stale = c.cookies.get(WebCookies.SESSION);
    WebClient.Page out = c.post("/logout", Map.of());
    assertEquals(303, out.status());
    assertTrue(out.header("Location").endsWith("/?loggedOut=1"));
    WebClient replay = new WebClient();
    replay.cookies.put(WebCookies.SESSION, stale);
    WebClient.Page p = replay.get("/app");
    assertEquals(303, p.status());
    assertTrue(p.header("Location").contains("expired=1"), p.header("Location"));
  }

  @Test
  void language_isRemembered_andEnglishPagesSayEnglish() {
    WebClient c = new WebClient();
    WebClient.Page sw = c.get("/prefs/lang?to=en&back=/");
    assertEquals(303, sw.status());
    assertTrue(sw.setCookie(WebCookies.LANG).startsWith("rehab_lang=en"));
    WebClient.Page p = c.get("/");
    assertTrue(p.body().contains("<html lang=\"en\""));
    assertTrue(p.body().contains("<h1>Sign in</h1>"), p.body());
    WebClient.Page away = c.get("/prefs/view?large=1&back=https://evil.example/");
    assertTrue(away.header("Location").endsWith("/") && !away.header("Location").contains("evil"), away.header("Location"));
    assertTrue(c.get("/").body().contains("class=\"large-text\""));
  }

  private static String primaryCare() { return primaryCare(Fixtures.community()); }

  private static String primaryCare(String community) {
    return Fixtures.institution(community, false, "PRIMARY_CARE").path("id").asText();
  }

  static Map<String, String> personForm(Map<String, Object> body) {
    Map<String, String> f = new LinkedHashMap<>();
    body.forEach((k, v) -> { if (v != null && !(v instanceof Map)) f.put(k, v.toString()); });
    return f;
  }
}
