package cn.donghe.rehab.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.contracts.ContractFixtures;
import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.settlement.SettlementWorld;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The {@code required} lists of the request-body schemas in /api/v1/openapi.json, proven against behaviour. For every
 * operation whose body has required fields: a valid body is built with real data, then each required field the document
 * names (also inside nested objects the body carries: {@code guardian.name}, {@code interventions[0].setting}) is left
 * out in turn and the service must refuse with 422 problem+json naming exactly that field, storing nothing (audit trail
 * and the operation's tables unchanged). Then the control request is accepted: for the main write operations a body with
 * ONLY the required fields (so nothing else is secretly required), for the others the full valid body. The required
 * paths come from the document, so a field marked required later is tested without touching this class, and an
 * operation with required fields but no case here fails the coverage check.
 */
class RequiredFieldsTest {
  private static JsonNode doc;

  /** One request context: who calls, where, a valid body, what each request needs, and what must stay unchanged. */
  private record Call(Api caller, String path, Map<String, Object> body, UnaryOperator<Api> perRequest, int refusedStatus,
                      List<String> tables) {
    Call(Api caller, String path, Map<String, Object> body, String... tables) {
      this(caller, path, body, UnaryOperator.identity(), 422, List.of(tables));
    }
  }

  /** An operation ("POST /api/v1/persons"), how to set up its context, and whether the control sends only the required fields. */
  private record Case(String operation, boolean minimalControl, Supplier<Call> setup) {}

  @BeforeAll
  static void fetch() {
    doc = TestApp.anonymous().get("/openapi.json").json();
  }

  @TestFactory
  Stream<DynamicTest> everyRequiredField_isOneTheServiceRefusesToDoWithout() {
    List<Case> cases = cases();
    Set<String> exercisedSchemas = new TreeSet<>();
    List<DynamicTest> tests = new ArrayList<>();
    for (Case c : cases) tests.add(DynamicTest.dynamicTest(c.operation(), () -> check(c, exercisedSchemas)));
    tests.add(DynamicTest.dynamicTest("every operation and every request schema with required fields is covered",
        () -> coverage(cases, exercisedSchemas)));
    return tests.stream();
  }

  private static void check(Case c, Set<String> exercisedSchemas) {
    String schema = bodySchema(c.operation());
    Call call = c.setup().get();
    ObjectNode valid = Api.JSON.valueToTree(call.body());
    List<String> paths = new ArrayList<>();
    requiredPaths(schema, valid, "", paths, exercisedSchemas);
    assertFalse(paths.isEmpty(), c.operation() + " has no required fields in the document");
    for (String path : paths) {
      ObjectNode without = valid.deepCopy();
      remove(without, path);
      Map<String, Long> before = counts(call.tables());
      Api.Resp r = send(call, c.operation(), without);
      String what = c.operation() + " without " + path + ": " + r;
      assertEquals(call.refusedStatus(), r.status(), what);
      assertEquals("application/problem+json", r.contentType(), what);
      if (r.status() == 422) assertTrue(fields(r).contains(path), what);
      if (r.status() == 400) assertTrue(r.str("detail").contains(path), what);
      assertEquals(before, counts(call.tables()), what + " changed stored data");
    }
    JsonNode control = c.minimalControl() ? minimal(schema, valid) : valid;
    Api.Resp ok = send(call, c.operation(), control);
    assertTrue(ok.status() >= 200 && ok.status() < 300, c.operation() + " with " + control + ": " + ok);
  }

  private static void coverage(List<Case> cases, Set<String> exercisedSchemas) {
    Set<String> withRequired = new TreeSet<>();
    Set<String> requestSchemas = new TreeSet<>();
    doc.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(o -> {
      JsonNode ref = o.getValue().path("requestBody").path("content").path("application/json").path("schema").path("$ref");
      if (ref.isMissingNode()) return;
      reachable(name(ref.asText()), requestSchemas);
      if (schema(name(ref.asText())).path("required").size() > 0) withRequired.add(o.getKey().toUpperCase() + " " + p.getKey());
    }));
    Set<String> covered = new TreeSet<>();
    cases.forEach(c -> covered.add(c.operation()));
    assertTrue(covered.containsAll(withRequired), "operations with required body fields but no case here: "
        + withRequired.stream().filter(o -> !covered.contains(o)).toList());
    Set<String> schemasWithRequired = new TreeSet<>();
    requestSchemas.forEach(s -> { if (schema(s).path("required").size() > 0) schemasWithRequired.add(s); });
    assertTrue(schemasWithRequired.size() >= 30, "expected the request schemas to declare required fields: " + schemasWithRequired);
    assertEquals(schemasWithRequired, exercisedSchemas, "request schemas with required fields that no case exercised");
  }

  // ---------------------------------------------------------------------------------------------------------------
  // the operations

  private static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("POST /api/v1/auth/token", true, () -> {
      String username = Fixtures.username("req");
      Fixtures.createUserDirect(username, "ADMIN", null, null, List.of(), null);
      // a login without username or password is a malformed request: 422 naming the field, no token, no failure counted
      return new Call(TestApp.anonymous(), "/auth/token", map("username", username, "password", Fixtures.PASSWORD),
          "auth_tokens", "rate_limits");
    }));
    cases.add(new Case("POST /api/v1/users", true, () -> new Call(TestApp.admin(), "/users", map("username", Fixtures.username("req"),
        "password", "Qing-Shan-Lv-Shui-2026", "role", "ADMIN", "displayName", "王芳"), "users")));
    cases.add(new Case("POST /api/v1/me/password", true, () -> {
      String inst = Fixtures.institution(Fixtures.community(), false, "REHAB").path("id").asText();
      return new Call(Fixtures.institutionUser(inst), "/me/password", map("current", Fixtures.PASSWORD, "new", "Qing-Shan-Lv-Shui-2027"),
          "users", "auth_tokens");
    }));
    cases.add(new Case("PUT /api/v1/users/{id}/children", true, () -> {
      String child = Fixtures.child(Fixtures.community(), Category.PHYSICAL, LocalDate.of(2020, 2, 2)).path("id").asText();
      UUID guardian = Fixtures.createUserDirect(Fixtures.username("req-g"), "GUARDIAN", null, null, List.of(UUID.fromString(child)), null).id();
      return new Call(TestApp.admin(), "/users/" + guardian + "/children", map("childPersonIds", List.of(child)), "guardian_children");
    }));
    cases.add(new Case("POST /api/v1/regions", false, () -> {
      String town = Fixtures.town();
      return new Call(TestApp.admin(), "/regions", map("code", freeCommunityCode(town), "name", "必填社区", "level", "COMMUNITY",
          "parentCode", town), "regions");
    }));
    cases.add(new Case("POST /api/v1/institutions", true, () -> new Call(TestApp.admin(), "/institutions", map("name", "东河区康复中心" + Fixtures.next(),
        "regionCode", Fixtures.community(), "services", List.of("REHAB"), "childAidDesignated", true), "institutions")));
    cases.add(new Case("POST /api/v1/doctors", true, () -> {
      String clinic = Fixtures.institution(Fixtures.community(), false, "PRIMARY_CARE").path("id").asText();
      return new Call(TestApp.admin(), "/doctors", map("name", "李医生", "institutionId", clinic, "licenseNo", "LIC-" + UUID.randomUUID()),
          "doctors");
    }));
    cases.add(new Case("POST /api/v1/persons", true, () -> {
      // a child: the certificate number is optional only for children under 18 (DESIGN section 4)
      Map<String, Object> body = Fixtures.personBody(Fixtures.community(), Category.PHYSICAL, 2, today().minusYears(8));
      body.remove("certificateNo");
      body.put("phone", "13904721234");
      body.put("guardian", map("name", "李娜", "phone", "13804725678", "relation", "母亲"));
      return new Call(TestApp.admin(), "/persons", body, "persons");
    }));
    cases.add(new Case("PATCH /api/v1/persons/{id}", false, () -> {
      // a PATCH body has no required fields, but a guardian it carries needs a name
      String person = Fixtures.person(Fixtures.community()).path("id").asText();
      return new Call(TestApp.admin(), "/persons/" + person, map("phone", "13904720000",
          "guardian", map("name", "张强", "phone", "13804720000", "relation", "配偶")), "persons");
    }));
    cases.add(new Case("POST /api/v1/persons/{id}/ratings", true, () -> {
      // a child without a certificate: category, effectiveDate and reason are all a re-rating needs
      String child = Fixtures.child(Fixtures.community(), Category.HEARING, today().minusYears(6)).path("id").asText();
      return new Call(TestApp.admin(), "/persons/" + child + "/ratings", map("category", "PHYSICAL", "effectiveDate",
          today().minusDays(2).toString(), "reason", "复评"), "person_ratings");
    }));
    cases.add(new Case("PUT /api/v1/persons/{personId}/assessments/{year}", true, () -> {
      String person = Fixtures.person(Fixtures.community()).path("id").asText();
      return new Call(TestApp.admin(), "/persons/" + person + "/assessments/" + today().getYear(),
          ContractFixtures.assessmentBody(today(), List.of("REHAB_TRAINING"), List.of()), "assessments");
    }));
    cases.add(new Case("POST /api/v1/contracts", true, () -> {
      // the doctor signs for themselves (doctorId optional for a DOCTOR; an ADMIN must name the doctor)
      ContractFixtures.World w = ContractFixtures.world();
      return new Call(w.doctor(), "/contracts", ContractFixtures.contractBody(w.person(), w.doctorId(), today().minusMonths(1)), "contracts");
    }));
    cases.add(new Case("POST /api/v1/contracts/{id}/terminate", true, () -> {
      ContractFixtures.World w = ContractFixtures.world();
      String contract = ContractFixtures.activeContract(w.person(), w.doctorId()).path("id").asText();
      return new Call(TestApp.admin(), "/contracts/" + contract + "/terminate", map("date", today().toString(), "reason", "迁出本区"),
          "contracts");
    }));
    cases.add(new Case("POST /api/v1/persons/{personId}/plans", true, () -> {
      String person = Fixtures.person(Fixtures.community()).path("id").asText();
      return new Call(TestApp.admin(), "/persons/" + person + "/plans", planBody(), "plans", "plan_revisions");
    }));
    cases.add(new Case("PUT /api/v1/plans/{planId}", false, () -> {
      String person = Fixtures.person(Fixtures.community()).path("id").asText();
      Api.Resp plan = TestApp.admin().post("/persons/" + person + "/plans", planBody());
      assertEquals(201, plan.status(), plan.toString());
      return new Call(TestApp.admin(), "/plans/" + plan.str("id"), planBody(), api -> api.withHeader("If-Match", "\"1\""), 422,
          List.of("plans", "plan_revisions"));
    }));
    cases.add(new Case("POST /api/v1/plans/{planId}/review", true, () -> {
      String person = Fixtures.person(Fixtures.community()).path("id").asText();
      Api.Resp plan = TestApp.admin().post("/persons/" + person + "/plans", planBody());
      assertEquals(201, plan.status(), plan.toString());
      return new Call(TestApp.admin(), "/plans/" + plan.str("id") + "/review", map("on", today().toString(), "goals", List.of("能独立穿衣")),
          "plan_revisions", "plan_reviews");
    }));
    cases.add(new Case("PUT /api/v1/aid-standards/{year}", true, () -> new Call(TestApp.admin(), "/aid-standards/" + WIDE_AID_YEAR,
        wideStandard(), "aid_standards", "aid_standard_amounts")));
    cases.add(new Case("POST /api/v1/aid-accounts", false, () -> {
      // a child under 14 needs the guardian's consent, whose three fields are required
      String child = Fixtures.child(Fixtures.community(), Category.PHYSICAL, today().minusYears(6)).path("id").asText();
      return new Call(TestApp.admin(), "/aid-accounts", map("personId", child, "year", today().getYear(), "category", "PHYSICAL",
          "guardianConsent", map("name", "李娜", "relation", "母亲", "signedOn", today().toString())), "aid_accounts", "aid_ledger");
    }));
    cases.add(new Case("POST /api/v1/aid-accounts", true, () -> {
      // ...and without consent: someone 14 or older today, within the age range of a (widened) standard on 1 January
      Api.Resp standard = TestApp.admin().put("/aid-standards/" + WIDE_AID_YEAR, wideStandard());
      assertTrue(standard.status() == 200 || standard.status() == 201, standard.toString());
      String teen = Fixtures.person(Fixtures.community(), Category.PHYSICAL, 2, LocalDate.of(WIDE_AID_YEAR - 10, 6, 1)).path("id").asText();
      return new Call(TestApp.admin(), "/aid-accounts", map("personId", teen, "year", WIDE_AID_YEAR, "category", "PHYSICAL"),
          "aid_accounts", "aid_ledger");
    }));
    cases.add(new Case("POST /api/v1/sessions", true, () -> {
      String community = Fixtures.community();
      String rehab = Fixtures.institution(community, false, "REHAB").path("id").asText();
      String person = Fixtures.person(community).path("id").asText();
      return new Call(Fixtures.institutionUser(rehab), "/sessions", sessionBody(person),
          api -> api.withHeader("Idempotency-Key", UUID.randomUUID().toString()), 422, List.of("sessions", "idempotency_keys"));
    }));
    cases.add(new Case("POST /api/v1/sessions/{id}/void", true, () -> {
      String community = Fixtures.community();
      String rehab = Fixtures.institution(community, false, "REHAB").path("id").asText();
      Api staff = Fixtures.institutionUser(rehab);
      Api.Resp s = staff.withHeader("Idempotency-Key", UUID.randomUUID().toString())
          .post("/sessions", sessionBody(Fixtures.person(community).path("id").asText()));
      assertEquals(201, s.status(), s.toString());
      return new Call(staff, "/sessions/" + s.str("id") + "/void", map("reason", "重复登记"), "sessions");
    }));
    cases.add(new Case("POST /api/v1/device-types", true, () -> new Call(TestApp.admin(), "/device-types", map("code", newTypeCode(),
        "name", "手动轮椅", "category", "MOBILITY", "subsidy", "800.00", "serviceLifeMonths", 36, "rentable", true), "device_types")));
    cases.add(new Case("POST /api/v1/fittings", true, () -> {
      // by ADMIN with an (unneeded) override: the override's reason is required too
      Site s = site();
      return new Call(TestApp.admin(), "/fittings", map("personId", s.person(), "deviceTypeCode", deviceType(false),
          "override", map("reason", "原辅具损坏无法修复")), "fittings");
    }));
    cases.add(new Case("POST /api/v1/fittings/{id}/assess", true, () -> {
      Site s = site();
      return new Call(s.staff(), "/fittings/" + fitting(s, 0) + "/assess", map("suitable", true, "notes", "适合使用"), "fittings");
    }));
    cases.add(new Case("POST /api/v1/fittings/{id}/deliver", true, () -> {
      Site s = site();
      return new Call(s.staff(), "/fittings/" + fitting(s, 1) + "/deliver", map("deliveredOn", today().toString(), "serialNo", "WC-2026-001",
          "subsidy", "500.00"), "fittings");
    }));
    cases.add(new Case("POST /api/v1/fittings/{id}/follow-up", true, () -> {
      Site s = site();
      return new Call(s.staff(), "/fittings/" + fitting(s, 2) + "/follow-up", map("on", today().toString(), "outcome", "IN_USE",
          "notes", "每天使用"), "fittings");
    }));
    cases.add(new Case("POST /api/v1/device-items", true, () -> {
      Site s = site();
      return new Call(s.staff(), "/device-items", map("deviceTypeCode", deviceType(true), "serialNo", serial(), "condition", "GOOD"),
          "device_items");
    }));
    cases.add(new Case("POST /api/v1/loans", true, () -> {
      Site s = site();
      return new Call(s.staff(), "/loans", map("itemId", item(s), "personId", s.person(), "startDate", today().toString(),
          "dueDate", today().plusMonths(3).toString()), "loans");
    }));
    cases.add(new Case("POST /api/v1/loans/{id}/return", true, () -> {
      Site s = site();
      return new Call(s.staff(), "/loans/" + loan(s) + "/return", map("returnedOn", today().toString(), "condition", "GOOD"), "loans");
    }));
    cases.add(new Case("POST /api/v1/loans/{id}/extend", true, () -> {
      Site s = site();
      return new Call(s.staff(), "/loans/" + loan(s) + "/extend", map("dueDate", today().plusMonths(6).toString()), "loans");
    }));
    cases.add(new Case("POST /api/v1/recycling", true, () -> {
      Site s = site();
      return new Call(s.staff(), "/recycling", map("deviceTypeCode", deviceType(true), "serialNo", serial(), "condition", "FAIR"),
          "recycling");
    }));
    cases.add(new Case("POST /api/v1/recycling/{id}/inspect", true, () -> {
      Site s = site();
      Api.Resp r = s.staff().post("/recycling", map("deviceTypeCode", deviceType(true), "condition", "POOR"));
      assertEquals(201, r.status(), r.toString());
      return new Call(s.staff(), "/recycling/" + r.str("id") + "/inspect", map("outcome", "SCRAP"), "recycling", "device_items");
    }));
    cases.add(new Case("POST /api/v1/repairs", false, () -> {
      // exactly one of itemId and fittingId is needed, so neither is "required"
      Site s = site();
      return new Call(s.staff(), "/repairs", map("itemId", item(s), "problem", "刹车失灵"), "repairs");
    }));
    cases.add(new Case("POST /api/v1/repairs/{id}/done", true, () -> {
      Site s = site();
      Api.Resp r = s.staff().post("/repairs", map("itemId", item(s), "problem", "刹车失灵"));
      assertEquals(201, r.status(), r.toString());
      assertEquals(200, s.staff().post("/repairs/" + r.str("id") + "/start", null).status());
      return new Call(s.staff(), "/repairs/" + r.str("id") + "/done", map("cost", "50.00", "notes", "更换刹车片"), "repairs");
    }));
    cases.add(new Case("POST /api/v1/reports/snapshots", true, () -> new Call(TestApp.admin(), "/reports/snapshots",
        map("year", today().getYear(), "regionCode", Fixtures.town(), "groupBy", "COMMUNITY"), "report_snapshots")));
    cases.add(new Case("POST /api/v1/periods/{period}/reopen", true, () -> {
      // a month long past, closed for this case (and open again after the control request)
      Api.Resp closed = TestApp.admin().post("/periods/2011-01/close", map("note", "必填字段测试"));
      assertEquals(200, closed.status(), closed.toString());
      return new Call(TestApp.admin(), "/periods/2011-01/reopen", map("reason", "更正数据"), "periods");
    }));
    // issue 18: fee schedule (a year of its own) and settlement (statements in 2006, see SettlementWorld)
    cases.add(new Case("PUT /api/v1/fee-schedules/{year}", true, () -> new Call(TestApp.admin(), "/fee-schedules/2097",
        map("items", List.of(map("serviceType", "REHAB_TRAINING", "maxFee", "300.00"))), "fee_schedule_versions", "fee_schedule_items")));
    cases.add(new Case("POST /api/v1/settlements", true, () -> new Call(TestApp.admin(), "/settlements",
        map("institutionId", SettlementWorld.designatedInstitution(), "period", SettlementWorld.closedMonth()), "settlements", "settlement_lines")));
    cases.add(new Case("POST /api/v1/settlements/{id}/lines/{sessionId}/reject", true, () -> {
      String[] line = SettlementWorld.draftWithLine();
      return new Call(TestApp.admin(), "/settlements/" + line[0] + "/lines/" + line[1] + "/reject", map("reason", "无治疗记录"),
          "settlement_lines", "aid_ledger");
    }));
    cases.add(new Case("PUT /api/v1/me/notification-preferences", true, () -> new Call(Fixtures.login(Fixtures.createUserDirect(
        Fixtures.username("req-pref"), "ADMIN", null, null, List.of(), null)), "/me/notification-preferences",
        map("language", "en", "emailOn", true, "webhookOn", false), "notification_preferences")));
    // issue 19: referrals (a doctor refers a contracted person; the receiving institution declines with a reason)
    cases.add(new Case("POST /api/v1/referrals", true, () -> {
      ContractFixtures.World w = ContractFixtures.world();
      String person = w.person();
      ContractFixtures.activeContract(person, w.doctorId());
      return new Call(w.doctor(), "/referrals", map("personId", person, "toInstitutionId", w.rehabId(), "serviceType", "REHAB_TRAINING",
          "reason", "建议机构康复"), "referrals");
    }));
    cases.add(new Case("POST /api/v1/referrals/{id}/decline", true, () -> {
      ContractFixtures.World w = ContractFixtures.world();
      String person = w.person();
      ContractFixtures.activeContract(person, w.doctorId());
      Api.Resp r = w.doctor().post("/referrals", map("personId", person, "toInstitutionId", w.rehabId(), "serviceType", "REHAB_TRAINING",
          "reason", "建议机构康复"));
      assertEquals(201, r.status(), r.toString());
      return new Call(Fixtures.institutionUser(w.rehabId()), "/referrals/" + r.str("id") + "/decline", map("reason", "暂无名额"), "referrals");
    }));
    return cases;
  }

  /** A past year given a standard for ages 0-17, so a person who is an adult today can be enrolled without consent. */
  private static final int WIDE_AID_YEAR = 2001;

  private static Map<String, Object> wideStandard() {
    return map("minAge", 0, "maxAge", 17, "amounts", map("PHYSICAL", "20000.00", "INTELLECTUAL", "20000.00", "AUTISM", "20000.00",
        "HEARING", "24000.00", "LOW_VISION", "5000.00"));
  }

  private static Map<String, Object> planBody() {
    Map<String, Object> intervention = map("serviceType", "REHAB_TRAINING", "setting", "HOME", "sessionsPerMonth", 8, "notes", "上门训练");
    return map("goals", List.of("独立行走 50 米"), "interventions", List.of(intervention), "startDate", today().toString(),
        "reviewDate", today().plusMonths(6).toString());
  }

  private static Map<String, Object> sessionBody(String person) {
    return map("personId", person, "serviceType", "REHAB_TRAINING", "date", today().toString(), "durationMinutes", 45,
        "therapist", "王芳", "fee", "120.00", "useChildAid", false, "notes", "下肢力量训练");
  }

  /** A community with a DEVICE institution, its staff and a person living there. */
  private record Site(String community, String institution, Api staff, String person) {}

  private static Site site() {
    String community = Fixtures.community();
    String inst = Fixtures.institution(community, false, "DEVICE").path("id").asText();
    return new Site(community, inst, Fixtures.institutionUser(inst), Fixtures.person(community).path("id").asText());
  }

  private static String deviceType(boolean rentable) {
    String code = newTypeCode();
    Api.Resp r = TestApp.admin().post("/device-types", map("code", code, "name", "测试辅具" + code, "category", "MOBILITY",
        "subsidy", "800.00", "serviceLifeMonths", 36, "rentable", rentable));
    assertEquals(201, r.status(), r.toString());
    return code;
  }

  private static String newTypeCode() { return "REQ_" + Fixtures.next() + "_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(); }

  private static String serial() { return "SN-" + UUID.randomUUID().toString().substring(0, 13); }

  private static String item(Site s) {
    Api.Resp r = s.staff().post("/device-items", map("deviceTypeCode", deviceType(true), "serialNo", serial(), "condition", "GOOD"));
    assertEquals(201, r.status(), r.toString());
    return r.str("id");
  }

  private static String loan(Site s) {
    Api.Resp r = s.staff().post("/loans", map("itemId", item(s), "personId", s.person(), "startDate", today().toString(),
        "dueDate", today().plusMonths(3).toString()));
    assertEquals(201, r.status(), r.toString());
    return r.str("id");
  }

  /** A fitting moved through {@code steps} of: requested, assessed, delivered. */
  private static String fitting(Site s, int steps) {
    Api.Resp f = s.staff().post("/fittings", map("personId", s.person(), "deviceTypeCode", deviceType(false)));
    assertEquals(201, f.status(), f.toString());
    String id = f.str("id");
    if (steps >= 1) assertEquals(200, s.staff().post("/fittings/" + id + "/assess", map("suitable", true)).status());
    if (steps >= 2) {
      assertEquals(200, s.staff().post("/fittings/" + id + "/deliver", map("deliveredOn", today().toString(), "subsidy", "500.00")).status());
    }
    return id;
  }

  private static String freeCommunityCode(String town) {
    for (int i = 1; i < 1000; i++) {
      String code = town.substring(0, 9) + String.format("%03d", (Fixtures.next() + i) % 999 + 1);
      long taken = TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM regions WHERE code = :c").bind("c", code).mapTo(Long.class).one());
      if (taken == 0) return code;
    }
    throw new IllegalStateException("no free community code under " + town);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // reading the document and editing bodies

  /** The name of the operation's JSON body schema. */
  private static String bodySchema(String operation) {
    String[] verbAndPath = operation.split(" ", 2);
    JsonNode op = doc.path("paths").path(verbAndPath[1]).path(verbAndPath[0].toLowerCase());
    assertFalse(op.isMissingNode(), operation + " is not in the document");
    JsonNode ref = op.path("requestBody").path("content").path("application/json").path("schema").path("$ref");
    assertTrue(ref.isTextual(), operation + " has no JSON body schema");
    return name(ref.asText());
  }

  private static String name(String ref) { return ref.substring(ref.lastIndexOf('/') + 1); }

  private static JsonNode schema(String name) { return doc.path("components").path("schemas").path(name); }

  /** The component schema an object property or the items of an array property refer to, or null. */
  private static String refOf(JsonNode property) {
    for (JsonNode alternative : property.path("anyOf")) { // a nullable nested record: anyOf [its $ref, Null]
      if (!alternative.path("$ref").asText().endsWith("/Null")) return refOf(alternative);
    }
    JsonNode ref = property.has("$ref") ? property.path("$ref") : property.path("items").path("$ref");
    return ref.isTextual() ? name(ref.asText()) : null;
  }

  private static void reachable(String name, Set<String> seen) {
    if (!seen.add(name)) return;
    schema(name).path("properties").forEach(p -> { if (refOf(p) != null) reachable(refOf(p), seen); });
  }

  /**
   * The required fields of {@code schema}, as error field paths ({@code guardian.name}, {@code interventions[0].setting}),
   * descending into the nested objects the body carries (the first element of an array).
   */
  private static void requiredPaths(String name, JsonNode body, String prefix, List<String> out, Set<String> exercised) {
    JsonNode schema = schema(name);
    if (schema.path("required").size() > 0) exercised.add(name);
    schema.path("required").forEach(r -> out.add(prefix + r.asText()));
    schema.path("properties").fields().forEachRemaining(p -> {
      String nested = refOf(p.getValue());
      JsonNode value = body.path(p.getKey());
      if (nested == null) return;
      if (value.isObject()) {
        requiredPaths(nested, value, prefix + p.getKey() + ".", out, exercised);
      } else if (value.isArray() && !value.isEmpty() && value.get(0).isObject()) {
        requiredPaths(nested, value.get(0), prefix + p.getKey() + "[0].", out, exercised);
      }
    });
  }

  /** Removes the member at a path like {@code a}, {@code a.b} or {@code a[0].b}. */
  private static void remove(ObjectNode body, String path) {
    JsonNode at = body;
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      String part = parts[i];
      int bracket = part.indexOf('[');
      at = bracket < 0 ? at.path(part) : at.path(part.substring(0, bracket)).path(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
    }
    assertTrue(at.isObject() && at.has(parts[parts.length - 1]), "the valid body has no " + path);
    ((ObjectNode) at).remove(parts[parts.length - 1]);
  }

  /** Only the required members, recursively (optional nested objects are left out entirely). */
  private static JsonNode minimal(String name, JsonNode body) {
    JsonNode schema = schema(name);
    ObjectNode out = Api.JSON.createObjectNode();
    for (JsonNode r : schema.path("required")) {
      String field = r.asText();
      JsonNode value = body.path(field);
      String nested = refOf(schema.path("properties").path(field));
      if (nested != null && value.isObject()) {
        out.set(field, minimal(nested, value));
      } else if (nested != null && value.isArray()) {
        ArrayNode items = out.putArray(field);
        value.forEach(v -> items.add(v.isObject() ? minimal(nested, v) : v));
      } else {
        out.set(field, value);
      }
    }
    return out;
  }

  private static Api.Resp send(Call call, String operation, JsonNode body) {
    return call.perRequest().apply(call.caller()).send(operation.split(" ", 2)[0], call.path(), body, "application/json");
  }

  private static List<String> fields(Api.Resp r) {
    List<String> fields = new ArrayList<>();
    r.get("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }

  private static Map<String, Long> counts(List<String> tables) {
    Map<String, Long> counts = new TreeMap<>();
    counts.put("audit_events", Fixtures.count("audit_events"));
    tables.forEach(t -> counts.put(t, Fixtures.count(t)));
    return counts;
  }

  private static LocalDate today() { return ContractFixtures.today(); }

  /** An insertion-ordered map that, unlike {@code Map.of}, takes nulls and keeps the order for readable failures. */
  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }
}
