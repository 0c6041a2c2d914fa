package cn.donghe.rehab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fittings board over plain HTTP: the whole workflow, and every refusal changes nothing. */
class FittingPagesTest {
  static final class Scene {
    final String community = Fixtures.community();
    final String deviceInstitutionId = Fixtures.institution(community, false, "DEVICE").path("id").asText();
    final AppUser staff = WebFixtures.user("INSTITUTION", UUID.fromString(deviceInstitutionId), null, List.of());
    final AppUser otherStaff = WebFixtures.user("INSTITUTION",
        UUID.fromString(Fixtures.institution(community, false, "DEVICE").path("id").asText()), null, List.of());
    final AppUser rehabStaff = WebFixtures.user("INSTITUTION",
        UUID.fromString(Fixtures.institution(community, false, "REHAB").path("id").asText()), null, List.of());
    final String typeCode = "WEBFIT_" + Fixtures.next() + "_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase().replace('-', '_');
    final String typeName = "助听器" + typeCode;

    Scene() {
      WebFixtures.ok(TestApp.admin().post("/device-types", Map.of("code", typeCode, "name", typeName, "category", "HEARING",
          "subsidy", "800.00", "serviceLifeMonths", 36, "rentable", true)), 201);
    }

    /** A person registered by the admin; the full ID number is kept from the request (answers show it masked to others). */
    P person() {
      Map<String, Object> body = Fixtures.personBody(community, cn.donghe.rehab.registry.Category.HEARING, 2, java.time.LocalDate.of(1988, 3, 4));
      JsonNode made = WebFixtures.ok(TestApp.admin().post("/persons", body), 201);
      return new P(made.path("id").asText(), (String) body.get("name"), (String) body.get("idNumber"));
    }


    /** Removes the scene's fittings and device type, so other classes see the catalogue as they left it. */
    void remove() {
      TestApp.jdbi().useTransaction(h -> {
        h.createUpdate("DELETE FROM fittings WHERE device_type_code = :c").bind("c", typeCode).execute();
        String items = "SELECT id FROM device_items WHERE device_type_code = :c";
        h.createUpdate("DELETE FROM loan_notifications WHERE loan_id IN (SELECT id FROM loans WHERE item_id IN (" + items + "))")
            .bind("c", typeCode).execute();
        h.createUpdate("DELETE FROM loans WHERE item_id IN (" + items + ")").bind("c", typeCode).execute();
        h.createUpdate("DELETE FROM device_items WHERE device_type_code = :c").bind("c", typeCode).execute();
        h.createUpdate("DELETE FROM device_types WHERE code = :c").bind("c", typeCode).execute();
      });
    }
  }

  record P(String id, String name, String idNumber) {}

  static Scene s;

  @BeforeAll
  static void scene() { s = new Scene(); }

  @AfterAll
  static void cleanUp() {
    if (s != null) s.remove();
  }

  static WebClient login(AppUser u) { return new WebClient().login(u.username(), Fixtures.PASSWORD); }

  static String path(WebClient.Page p) { return p.header("Location").replaceFirst("^https?://[^/]+", "").replaceFirst("\\?.*$", ""); }

  static long fittings(String personId) {
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM fittings WHERE person_id = CAST(:p AS uuid)")
        .bind("p", personId).mapTo(Long.class).one());
  }

  static String status(String fittingPath) {
    String id = fittingPath.substring(fittingPath.lastIndexOf('/') + 1);
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT status FROM fittings WHERE id = CAST(:id AS uuid)")
        .bind("id", id).mapTo(String.class).one());
  }

  /** Requests a fitting through the board's form and answers the fitting page's path. */
  static String request(WebClient c, P person) {
    c.get("/app/institution/fittings");
    WebClient.Page p = c.post("/app/institution/fittings", Map.of("kind", "idNumber", "number", person.idNumber(),
        "deviceTypeCode", s.typeCode));
    assertEquals(303, p.status(), p.toString());
    return path(p);
  }

  static WebClient.Page post(WebClient c, String path, Map<String, String> form) {
    c.get(path.replaceFirst("/(assess|deliver|follow-up|cancel)$", ""));
    return c.post(path, form);
  }

  @Test
  void staff_requestAssessDeliverAndFollowUp_eachStatusOffersItsActions() {
    WebClient c = login(s.staff);
    P person = s.person();
    String f = request(c, person);
    String html = c.get(f + "?done=requested").body();
    assertTrue(html.contains("适配申请已提交") && html.contains("/assess\"") && html.contains("/cancel\""), html);
    assertFalse(html.contains("/deliver\""), "no delivery before assessment");
    assertTrue(c.get("/app/institution/fittings").body().contains(person.name()), "on the board");

    assertEquals(303, post(c, f + "/assess", Map.of("suitable", "true", "notes", "听力适配合格")).status());
    html = c.get(f).body();
    assertTrue(html.contains("id=\"subsidy-check\"") && html.contains("目录补贴标准 ¥800.00，使用年限 36 个月") && html.contains("id=\"subsidy-ok\""), html);
    assertTrue(html.contains("name=\"subsidy\" type=\"text\" value=\"800.00\""), "the catalogue amount proposed");

    WebClient.Page d = post(c, f + "/deliver", Map.of("deliveredOn", WebFixtures.today().toString(), "serialNo", "HA-1", "subsidy", "800.00"));
    assertEquals(303, d.status(), d.toString());
    assertEquals("FITTED", status(f));
    html = c.get(f).body();
    assertTrue(html.contains("/follow-up\"") && !html.contains("/cancel\""), "delivered: follow up only");

    assertEquals(303, post(c, f + "/follow-up", Map.of("on", WebFixtures.today().toString(), "outcome", "IN_USE")).status());
    assertEquals("FOLLOWED_UP", status(f));
    assertTrue(c.get(f).body().contains("正在使用"));
  }

  @Test
  void secondSubsidy_withinServiceLife_isRefusedAtRequest_andShownBeforeDelivery() {
    WebClient c = login(s.staff);
    P person = s.person();
    String first = request(c, person);
    post(c, first + "/assess", Map.of("suitable", "true"));
    assertEquals(303, post(c, first + "/deliver", Map.of("deliveredOn", WebFixtures.today().toString(), "subsidy", "800.00")).status());
    c.get("/app/institution/fittings");
    WebClient.Page again = c.post("/app/institution/fittings", Map.of("kind", "idNumber", "number", person.idNumber(), "deviceTypeCode", s.typeCode));
    assertEquals(409, again.status(), "the service-life rule already refuses the request");
    assertTrue(again.body().contains("使用年限内"), again.body());
    assertEquals(1, fittings(person.id()));

    // The subsidy of the first fitting is moved out of the way so a second can be requested and assessed, then
    // moved back: the delivery page must show the clash the rule will find, and delivery must be refused.
    String firstId = first.substring(first.lastIndexOf('/') + 1);
    moveDelivery(firstId, WebFixtures.today().minusMonths(40));
    String second = request(c, person);
    post(c, second + "/assess", Map.of("suitable", "true"));
    moveDelivery(firstId, WebFixtures.today().minusMonths(1));
    String html = c.get(second).body();
    assertTrue(html.contains("id=\"subsidy-clash\"") && html.contains("使用年限内"), html);
    WebClient.Page refused = post(c, second + "/deliver", Map.of("deliveredOn", WebFixtures.today().toString(), "subsidy", "800.00"));
    assertEquals(409, refused.status(), refused.toString());
    assertEquals("ASSESSED", status(second), "nothing delivered");
    assertEquals(303, post(c, second + "/deliver", Map.of("deliveredOn", WebFixtures.today().toString(), "subsidy", "0")).status(),
        "self-paid delivery is allowed");
  }

  static void moveDelivery(String fittingId, java.time.LocalDate on) {
    TestApp.jdbi().useHandle(h -> h.createUpdate(
        "UPDATE fittings SET delivered_on = :on, requested_on = :on, assessed_on = :on, subsidy_until = :until WHERE id = CAST(:id AS uuid)")
        .bind("on", on).bind("until", on.plusMonths(36)).bind("id", fittingId).execute());
  }

  @Test
  void otherRoles_andInstitutionsWithoutDeviceServices_getForbidden() {
    assertEquals(403, login(s.rehabStaff).get("/app/institution/fittings").status());
    AppUser doctor = WebFixtures.user("DOCTOR", null,
        UUID.fromString(Fixtures.doctor(Fixtures.institution(s.community, false, "PRIMARY_CARE").path("id").asText()).path("id").asText()), List.of());
    assertEquals(403, login(doctor).get("/app/institution/fittings").status());
    assertEquals(403, login(WebFixtures.user("ADMIN", null, null, List.of())).get("/app/institution/fittings").status());
  }

  @Test
  void anotherInstitutionsFitting_isNotFound_andCannotBeChanged() {
    String f = request(login(s.staff), s.person());
    WebClient other = login(s.otherStaff);
    assertEquals(404, other.get(f).status());
    other.get("/app/institution/fittings");
    assertEquals(404, other.post(f + "/assess", Map.of("suitable", "true")).status());
    assertEquals(404, other.post(f + "/cancel", Map.of("reason", "x")).status());
    assertEquals("REQUESTED", status(f));
  }

  @Test
  void postsWithoutTheFormToken_areForbidden_andStoreNothing() {
    WebClient c = login(s.staff);
    P person = s.person();
    c.get("/app/institution/fittings");
    Map<String, String> form = new LinkedHashMap<>(Map.of("_csrf", "", "kind", "idNumber", "number", person.idNumber(),
        "deviceTypeCode", s.typeCode));
    assertEquals(403, c.post("/app/institution/fittings", form).status());
    assertEquals(0, fittings(person.id()));
    String f = request(c, person);
    assertEquals(403, c.post(f + "/assess", Map.of("_csrf", "forged", "suitable", "true")).status());
    assertEquals(403, c.post(f + "/cancel", Map.of("_csrf", "")).status());
    assertEquals("REQUESTED", status(f));
  }

  @Test
  void badInput_answers422_namingTheField_andStoresNothing() {
    WebClient c = login(s.staff);
    P person = s.person();
    c.get("/app/institution/fittings");
    WebClient.Page p = c.post("/app/institution/fittings", Map.of("kind", "idNumber", "number", person.idNumber(), "deviceTypeCode", ""));
    assertEquals(422, p.status());
    assertTrue(p.body().contains("href=\"#f-deviceTypeCode\">辅具类型") && p.body().contains("id=\"e-deviceTypeCode\""), p.body());
    assertEquals(0, fittings(person.id()));

    WebClient.Page unknown = c.post("/app/institution/fittings", Map.of("kind", "idNumber", "number", "150202199001010000",
        "deviceTypeCode", s.typeCode));
    assertEquals(404, unknown.status());
    assertTrue(unknown.body().contains("id=\"e-number\""), "the number is named");

    String f = request(c, person);
    WebClient.Page noChoice = post(c, f + "/assess", Map.of("notes", "未选结论"));
    assertEquals(422, noChoice.status());
    assertTrue(noChoice.body().contains("href=\"#f-suitable\">评估结论"), noChoice.body());
    assertEquals("REQUESTED", status(f));

    post(c, f + "/assess", Map.of("suitable", "true"));
    WebClient.Page money = post(c, f + "/deliver", Map.of("deliveredOn", WebFixtures.today().toString(), "subsidy", "3.005"));
    assertEquals(422, money.status());
    assertTrue(money.body().contains("href=\"#f-subsidy\">补贴金额（元）") && money.body().contains("aria-invalid=\"true\""), money.body());
    WebClient.Page tooMuch = post(c, f + "/deliver", Map.of("deliveredOn", WebFixtures.today().toString(), "subsidy", "900.00"));
    assertEquals(422, tooMuch.status());
    assertTrue(tooMuch.body().contains("href=\"#f-subsidy\">") && tooMuch.body().contains("不能超过目录标准"), tooMuch.body());
    WebClient.Page badDate = post(c, f + "/deliver", Map.of("deliveredOn", "2026-13-40", "subsidy", "100"));
    assertEquals(422, badDate.status());
    assertTrue(badDate.body().contains("href=\"#f-deliveredOn\">交付日期"), badDate.body());
    assertEquals("ASSESSED", status(f), "nothing delivered");

    WebClient.Page early = post(c, f + "/follow-up", Map.of("on", WebFixtures.today().toString(), "outcome", "IN_USE"));
    assertEquals(409, early.status(), "no follow-up before delivery");
    assertEquals("ASSESSED", status(f));
  }

  @Test
  void loanExtend_movesTheDueDate_andRefusalsChangeNothing() {
    P person = s.person();
    cn.donghe.rehab.support.Api api = Fixtures.login(s.staff);
    String item = WebFixtures.ok(api.post("/device-items", Map.of("deviceTypeCode", s.typeCode, "serialNo", "EXT-" + UUID.randomUUID().toString().substring(0, 8),
        "condition", "GOOD")), 201).path("id").asText();
    java.time.LocalDate due = WebFixtures.today().plusDays(5);
    String loan = "/app/institution/devices/loans/" + WebFixtures.ok(api.post("/loans", Map.of("itemId", item, "personId", person.id(),
        "startDate", WebFixtures.today().toString(), "dueDate", due.toString())), 201).path("id").asText();
    WebClient c = login(s.staff);
    assertTrue(c.get(loan).body().contains("action=\"" + loan + "/extend\""));
    WebClient.Page bad = c.post(loan + "/extend", Map.of("dueDate", "next week"));
    assertEquals(422, bad.status());
    assertTrue(bad.body().contains("href=\"#f-dueDate\">新的应还日期"), bad.body());
    assertEquals(403, c.post(loan + "/extend", Map.of("_csrf", "", "dueDate", due.plusDays(30).toString())).status());
    WebClient other = login(s.otherStaff);
    other.get("/app/institution/fittings");
    assertEquals(404, other.post(loan + "/extend", Map.of("dueDate", due.plusDays(30).toString())).status());
    assertEquals(due, dueDate(loan), "nothing changed");
    c.get(loan);
    WebClient.Page ok = c.post(loan + "/extend", Map.of("dueDate", due.plusDays(30).toString()));
    assertEquals(303, ok.status(), ok.toString());
    assertEquals(due.plusDays(30), dueDate(loan));
    assertTrue(c.get(loan + "?extended=1").body().contains("借用已延长"));
  }

  static java.time.LocalDate dueDate(String loanPath) {
    String id = loanPath.substring(loanPath.lastIndexOf('/') + 1);
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT due_date FROM loans WHERE id = CAST(:id AS uuid)")
        .bind("id", id).mapTo(java.time.LocalDate.class).one());
  }
}
