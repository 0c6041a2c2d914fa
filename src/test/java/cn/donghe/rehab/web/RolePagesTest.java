package cn.donghe.rehab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The role pages over plain HTTP: what each role reads, what forms change, and what is refused (and changes nothing). */
class RolePagesTest {
  private static WebFixtures.Scene s;

  @BeforeAll
  static void scene() { s = new WebFixtures.Scene(); }

  @AfterAll
  static void cleanUp() {
    if (s != null) s.removeDevices();
  }

  private static WebClient login(AppUser u) { return new WebClient().login(u.username(), Fixtures.PASSWORD); }

  private static String hidden(String body, String name) {
    Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(body);
    assertTrue(m.find(), name + " not on the page");
    return m.group(1);
  }

  private static BigDecimal balance() {
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT balance FROM aid_accounts WHERE id = CAST(:id AS uuid)")
        .bind("id", s.accountId).mapTo(BigDecimal.class).one());
  }

  private static long sessionsOfChild() {
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM sessions WHERE person_id = CAST(:id AS uuid)")
        .bind("id", s.childId).mapTo(Long.class).one());
  }

  @Test
  void guardian_readsBalanceStatementSessionsAndPlan_andDownloadsTheSameCsvAsTheApi() {
    WebClient g = login(s.guardian);
    assertTrue(g.get("/app/guardian/children").body().contains("/app/guardian/children/" + s.childId));
    BigDecimal left = balance();
    WebClient.Page p = g.get("/app/guardian/children/" + s.childId);
    assertEquals(200, p.status());
    String html = p.body();
    String figure = "¥" + String.format("%,.2f", left);
    int pct = left.multiply(BigDecimal.valueOf(100)).divide(new BigDecimal("20000.00"), 0, java.math.RoundingMode.DOWN).intValue();
    assertTrue(html.contains("class=\"figure-value\">" + figure), "balance figure " + figure);
    assertTrue(html.contains("role=\"img\"") && html.contains("剩余 " + figure + "，共 ¥20,000.00（剩余 " + pct + "%）"), "bar with its text");
    assertTrue(html.contains("width=\"" + pct + "\""), "the bar is as long as the text says");
    assertTrue(html.contains("康复扣费") && html.contains("-¥300.00"), "the charge in the statement");
    assertTrue(html.contains("独立行走 20 米") && html.matches("(?s).*每月 \\d+ 次.*"), "the plan in words");
    assertTrue(html.contains("/app/aid-accounts/" + s.accountId + "/statement.csv"));

    WebClient.Page csv = g.get("/app/aid-accounts/" + s.accountId + "/statement.csv");
    assertEquals(200, csv.status());
    assertTrue(csv.header("Content-Type").startsWith("text/csv"), csv.header("Content-Type"));
    assertTrue(csv.body().startsWith("\uFEFF时间,类型,类型代码,金额,余额"), csv.body());
    String api = TestApp.admin().withHeader("Accept", "text/csv").get("/aid-accounts/" + s.accountId).text();
    assertEquals(api, csv.body(), "the page streams the API's CSV");
  }

  @Test
  void anotherGuardian_getsNotFound_forTheChildAndItsStatement() {
    AppUser other = WebFixtures.user("GUARDIAN", null, null, List.of(UUID.fromString(Fixtures.child(s.community,
        cn.donghe.rehab.registry.Category.HEARING, WebFixtures.today().minusYears(4)).path("id").asText())));
    WebClient g = login(other);
    assertEquals(404, g.get("/app/guardian/children/" + s.childId).status());
    WebClient.Page csv = g.get("/app/aid-accounts/" + s.accountId + "/statement.csv");
    assertEquals(404, csv.status());
    assertTrue(csv.header("Content-Type").startsWith("text/html"), "an error page, not a file");
    assertEquals(403, login(s.staff).get("/app/guardian/children/" + s.childId).status(), "other roles may not open guardian pages");
  }

  @Test
  void institution_logsAChildAidSession_andADoubleSubmitLogsItOnce() {
    WebClient c = login(s.staff);
    WebClient.Page form = c.get("/app/institution/persons/" + s.childId);
    assertEquals(200, form.status());
    assertTrue(form.body().contains("康复训练") && form.body().matches("(?s).*<strong>康复训练</strong>：每月 \\d+ 次，在机构.*"), "this institution's plan services");
    String key = hidden(form.body(), "idempotencyKey");
    BigDecimal before = balance();
    long sessions = sessionsOfChild();
    Map<String, String> body = sessionForm(key, "250.00");
    body.put("planId", hidden(form.body(), "planId"));
    body.put("planRevision", hidden(form.body(), "planRevision"));
    WebClient.Page first = c.post("/app/institution/persons/" + s.childId + "/sessions", body);
    WebClient.Page again = c.post("/app/institution/persons/" + s.childId + "/sessions", body);
    assertEquals(303, first.status(), first.toString());
    assertEquals(303, again.status(), again.toString());
    assertEquals(first.header("Location"), again.header("Location"), "the same session both times");
    assertEquals(sessions + 1, sessionsOfChild());
    assertEquals(before.subtract(new BigDecimal("250.00")), balance());

    String shown = c.get(first.header("Location").replaceFirst("^https?://[^/]+", "")).body();
    assertTrue(shown.contains("康复服务记录已登记"), shown);
    assertTrue(shown.contains("id=\"aid-charged\">¥250.00") && shown.contains("id=\"self-pay\">¥0.00"), shown);
    assertTrue(shown.contains("id=\"aid-balance-after\">¥" + String.format("%,.2f", before.subtract(new BigDecimal("250.00")))), shown);
  }

  @Test
  void institution_sessionForm_refusesUnreadableValues_nextToTheFields_andLogsNothing() {
    WebClient c = login(s.staff);
    String key = hidden(c.get("/app/institution/persons/" + s.childId).body(), "idempotencyKey");
    long sessions = sessionsOfChild();
    Map<String, String> body = sessionForm(key, "3.005");
    body.put("durationMinutes", "45 min");
    WebClient.Page p = c.post("/app/institution/persons/" + s.childId + "/sessions", body);
    assertEquals(422, p.status());
    assertTrue(p.body().contains("id=\"e-fee\"") && p.body().contains("id=\"e-durationMinutes\""), p.body());
    assertTrue(p.body().contains("href=\"#f-fee\""), "the summary links to the field");
    assertEquals(key, hidden(p.body(), "idempotencyKey"), "the corrected form keeps its key");
    body = sessionForm(key, "100.00");
    body.put("durationMinutes", "500");
    WebClient.Page rule = c.post("/app/institution/persons/" + s.childId + "/sessions", body);
    assertEquals(422, rule.status());
    assertTrue(rule.body().contains("id=\"e-durationMinutes\""), rule.body());
    assertEquals(sessions, sessionsOfChild());
  }

  @Test
  void institution_voidNeedsAReason_andGivesTheAidBack() {
    WebClient c = login(s.staff);
    String key = hidden(c.get("/app/institution/persons/" + s.childId).body(), "idempotencyKey");
    String location = c.post("/app/institution/persons/" + s.childId + "/sessions", sessionForm(key, "120.00")).header("Location");
    String path = location.replaceFirst("^https?://[^/]+", "").replace("?logged=1", "");
    BigDecimal charged = balance();
    c.get(path);
    WebClient.Page refused = c.post(path + "/void", Map.of("reason", " "));
    assertEquals(422, refused.status());
    assertTrue(refused.body().contains("id=\"e-reason\""), refused.body());
    assertEquals(charged, balance());
    WebClient.Page voided = c.post(path + "/void", Map.of("reason", "重复登记"));
    assertEquals(303, voided.status());
    assertEquals(charged.add(new BigDecimal("120.00")), balance());
    assertTrue(c.get(path + "?voided=1").body().contains("已作废"));
    WebClient.Page list = c.get("/app/institution/sessions");
    assertTrue(list.body().contains(s.childName()), "today's sessions name the person");
  }

  @Test
  void deviceInstitution_seesOverdueLoans_andRecordsAReturn_othersAreRefused() {
    WebClient other = login(s.staff);
    assertFalse(other.get("/app").body().contains("/app/institution/devices"), "no device entry for a REHAB-only institution");
    assertEquals(403, other.get("/app/institution/devices").status());

    WebClient c = login(s.deviceStaff);
    assertTrue(c.get("/app").body().contains("/app/institution/devices"));
    WebClient.Page overview = c.get("/app/institution/devices");
    assertEquals(200, overview.status());
    assertTrue(overview.body().contains(s.loanedSerial) && overview.body().contains("已逾期 3 天"), overview.body());
    assertTrue(overview.body().contains("刹车失灵"));
    c.get("/app/institution/devices/loans/" + s.loanId);
    WebClient.Page bad = c.post("/app/institution/devices/loans/" + s.loanId + "/return", Map.of("returnedOn", WebFixtures.today().toString()));
    assertEquals(422, bad.status());
    assertTrue(bad.body().contains("id=\"e-condition\""), bad.body());
    WebClient.Page ok = c.post("/app/institution/devices/loans/" + s.loanId + "/return",
        Map.of("returnedOn", WebFixtures.today().toString(), "condition", "GOOD"));
    assertEquals(303, ok.status(), ok.toString());
    assertFalse(c.get("/app/institution/devices?returned=1").body().contains(s.loanedSerial + "</td>\n      <td>"), "no longer open");

    c.get("/app/institution/devices/repairs/" + s.repairId);
    assertEquals(303, c.post("/app/institution/devices/repairs/" + s.repairId + "/start", Map.of()).status());
    WebClient.Page done = c.post("/app/institution/devices/repairs/" + s.repairId + "/done", Map.of("cost", "80", "notes", "换刹车片"));
    assertEquals(303, done.status(), done.toString());
    assertTrue(c.get("/app/institution/devices/repairs/" + s.repairId).body().contains("已修好"));

    c.get("/app/institution/devices/recycling");
    WebClient.Page refusedIntake = c.post("/app/institution/devices/recycling", Map.of("serialNo", "X1"));
    assertEquals(422, refusedIntake.status());
    assertTrue(refusedIntake.body().contains("id=\"e-condition\""), refusedIntake.body());
  }

  @Test
  void doctor_revisesThePlan_seesTheDiff_andAStaleRevisionIsExplainedNotSaved() {
    WebClient d = login(s.doctor);
    String mine = d.get("/app/doctor/persons").body();
    assertTrue(mine.contains("href=\"/app/doctor/persons/" + s.childId + "\""), mine);
    assertTrue(d.get("/app/doctor/worklist").body().contains(s.unsigned.path("name").asText()), "unsigned person on the worklist");
    assertTrue(d.get("/app/doctor/expiring").body().contains(s.expiring.path("name").asText()), "contract ending within 30 days");
    WebClient.Page editor = d.get("/app/doctor/persons/" + s.childId + "/plan");
    assertEquals(200, editor.status());
    int revision = Integer.parseInt(hidden(editor.body(), "revision"));
    Map<String, String> body = planForm(hidden(editor.body(), "planId"), revision, "12");
    WebClient.Page saved = d.post("/app/doctor/persons/" + s.childId + "/plan", body);
    assertEquals(303, saved.status(), saved.toString());
    String history = d.get(saved.header("Location").replaceFirst("^https?://[^/]+", "")).body();
    assertTrue(history.contains("第 " + revision + " 版 → 第 " + (revision + 1) + " 版"), history);
    assertTrue(history.contains("服务 1 · 每月次数") && history.contains(">8</del>") || history.contains("8</del>"), history);
    assertTrue(history.contains("12</ins>") && history.contains("目标 3"), history);

    long revisions = TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM plan_revisions WHERE plan_id = CAST(:id AS uuid)")
        .bind("id", s.planId).mapTo(Long.class).one());
    WebClient.Page stale = d.post("/app/doctor/persons/" + s.childId + "/plan", planForm(s.planId, revision, "4"));
    assertEquals(412, stale.status());
    assertTrue(stale.body().contains("您的修改没有保存"), stale.body());
    assertEquals(String.valueOf(revision + 1), hidden(stale.body(), "revision"), "the form now carries the current revision");
    assertEquals(revisions, (long) TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM plan_revisions WHERE plan_id = CAST(:id AS uuid)")
        .bind("id", s.planId).mapTo(Long.class).one()));
  }

  @Test
  void doctor_planEditor_namesTheRowOfAnInvalidIntervention() {
    WebClient d = login(s.doctor);
    WebClient.Page editor = d.get("/app/doctor/persons/" + s.childId + "/plan");
    Map<String, String> body = planForm(hidden(editor.body(), "planId"), Integer.parseInt(hidden(editor.body(), "revision")), "40");
    WebClient.Page p = d.post("/app/doctor/persons/" + s.childId + "/plan", body);
    assertEquals(422, p.status());
    assertTrue(p.body().contains("href=\"#f-interventions-0--sessionsPerMonth\""), p.body());
    assertTrue(p.body().contains("id=\"e-interventions-0--sessionsPerMonth\""), p.body());
  }

  @Test
  void doctor_recordsAnAssessment_andOtherDoctorsCannotOpenThePerson() {
    WebClient d = login(s.doctor);
    d.get("/app/doctor/persons/" + s.childId + "/assessment");
    WebClient.Page saved = d.post("/app/doctor/persons/" + s.childId + "/assessment", Map.of("year", String.valueOf(WebFixtures.today().getYear()),
        "assessedOn", WebFixtures.today().toString(), "rehabNeeds", "REHAB_TRAINING"));
    assertEquals(303, saved.status(), saved.toString());
    assertTrue(d.get("/app/doctor/persons/" + s.childId).body().contains("康复训练"));
    String clinic = Fixtures.institution(s.community, false, "PRIMARY_CARE").path("id").asText();
    AppUser stranger = WebFixtures.user("DOCTOR", null, UUID.fromString(Fixtures.doctor(clinic).path("id").asText()), List.of());
    assertEquals(404, login(stranger).get("/app/doctor/persons/" + s.childId + "/plan").status());
  }

  @Test
  void admin_changesAYearsAidStandard_regionalAdminMayOnlyRead() {
    WebClient a = login(WebFixtures.user("ADMIN", null, null, List.of()));
    WebClient.Page p = a.get("/app/admin/aid-standards?year=2090");
    assertEquals(200, p.status());
    assertTrue(p.body().contains("¥24,000.00"), "the plan's standard");
    Map<String, String> body = new LinkedHashMap<>(Map.of("year", "2090", "minAge", "0", "maxAge", "12", "amounts.PHYSICAL", "21000",
        "amounts.INTELLECTUAL", "20000.00", "amounts.AUTISM", "20000", "amounts.HEARING", "24000", "amounts.LOW_VISION", "5000"));
    WebClient.Page saved = a.post("/app/admin/aid-standards", body);
    assertEquals(303, saved.status(), saved.toString());
    assertTrue(a.get("/app/admin/aid-standards?year=2090&saved=1").body().contains("¥21,000.00"));
    body.put("maxAge", "30");
    WebClient.Page refused = a.post("/app/admin/aid-standards", body);
    assertEquals(422, refused.status());
    assertTrue(refused.body().contains("id=\"e-maxAge\""), refused.body());

    AppUser regional = Fixtures.createUserDirect(Fixtures.username("web-radmin"), "ADMIN", null, null, List.of(), s.community.substring(0, 9) + "000");
    WebClient r = login(regional);
    assertFalse(r.get("/app/admin/aid-standards?year=2090").body().contains("name=\"minAge\""), "no edit form for a regional admin");
    assertEquals(403, r.post("/app/admin/aid-standards", body).status());
  }

  private static Map<String, String> sessionForm(String key, String fee) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("idempotencyKey", key);
    m.put("serviceType", "REHAB_TRAINING");
    m.put("date", WebFixtures.today().toString());
    m.put("durationMinutes", "45");
    m.put("therapist", "李康复");
    m.put("fee", fee);
    m.put("useChildAid", "true");
    return m;
  }

  private Map<String, String> planForm(String planId, int revision, String sessionsPerMonth) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("planId", planId);
    m.put("revision", String.valueOf(revision));
    m.put("rows", "3");
    m.put("goals", "独立行走 20 米\n能说出 10 个常用词\n自己用勺子吃饭");
    m.put("interventions[0].serviceType", "REHAB_TRAINING");
    m.put("interventions[0].setting", "INSTITUTION");
    m.put("interventions[0].institutionId", s.institutionId);
    m.put("interventions[0].sessionsPerMonth", sessionsPerMonth);
    m.put("interventions[1].serviceType", "");
    m.put("startDate", WebFixtures.today().minusDays(10).toString());
    m.put("reviewDate", WebFixtures.today().plusMonths(6).toString());
    return m;
  }
}
