package cn.donghe.rehab.hardening;

import static cn.donghe.rehab.hardening.MatrixWorld.map;
import static cn.donghe.rehab.hardening.MatrixWorld.today;
import static cn.donghe.rehab.hardening.MatrixWorld.year;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.settlement.SettlementWorld;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.ServedEndpoints;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.Normalizer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile input (issue 9, item 2): every write endpoint under /api/v1 (discovered from the registered Jersey
 * resources) gets, as a caller allowed to use it, every variant {@link HostileBodies} makes of its valid example
 * body. Every answer must be 4xx problem+json (never 5xx); a refusal must leave the database unchanged (per
 * request: no committed write, see {@link DbState}; per endpoint: md5 of every row of every table equal before
 * and after its refusals). Odd but valid text (CJK extension B, RTL and zero-width marks, SQL or HTML characters
 * in free text) may be accepted, and then must come back exactly as sent (after trimming and NFC).
 *
 * <p>A new write endpoint without an example fails {@link #everyWriteEndpointHasAnExample}; add one
 * {@code example(...)} line to {@link #examples}: the endpoint, who may call it, the path (built on the HOME
 * world; use a {@code fresh...} record when a success changes its state), the valid body and its optional fields.
 */
// Runs after the feature tests (but before OpenApiContractTest, which judges every exchange): it visits every
// endpoint, fills the device catalogue and creates many records, and some feature tests assume an empty catalogue.
@org.junit.jupiter.api.Order(Integer.MAX_VALUE - 10)
class HostileInputTest {
  /** Write endpoints whose body is not JSON; their hostile input (bad CSV, bad UTF-8, over 1 MiB) is in PersonImportTest. */
  private static final Set<String> NOT_JSON = Set.of("POST /api/v1/persons/import", "POST /api/v1/persons/reconcile");

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static final AtomicInteger FUTURE_YEAR = new AtomicInteger(2070);
  private static MatrixWorld home;
  private static AppUser loginUser;
  private static AppUser logoutUser;

  /** What to send: as whom, where, the valid body (null: the endpoint takes none) and extra headers. */
  record Target(Api caller, String method, String path, Map<String, Object> body, Map<String, String> headers) {}

  /** One row of the table: the endpoint, how to build a fresh target, which fields are optional. */
  record Example(String endpoint, Function<MatrixWorld, Target> target, List<String> optional, Set<String> mayChange,
                 boolean optionalBody, List<String> freeCodes) {
    Example bodyOptional() { return new Example(endpoint, target, optional, mayChange, true, freeCodes); }

    Example freeCodes(String... fields) { return new Example(endpoint, target, optional, mayChange, optionalBody, List.of(fields)); }
  }

  @BeforeAll
  static void world() {
    home = MatrixWorld.build();
    loginUser = Fixtures.createUserDirect(Fixtures.username("hx-login"), "INSTITUTION", UUID.fromString(home.centre), null, List.of(), null);
    logoutUser = Fixtures.createUserDirect(Fixtures.username("hx-logout"), "INSTITUTION", UUID.fromString(home.centre), null, List.of(), null);
  }

  private static Target as(Api caller, String method, String path, Map<String, Object> body) {
    return new Target(caller, method, path, body, Map.of());
  }

  private static Api admin() { return TestApp.admin(); }

  private static UUID freshStaff(MatrixWorld w) {
    return Fixtures.createUserDirect(Fixtures.username("hx-u"), "INSTITUTION", UUID.fromString(w.centre), null, List.of(), null).id();
  }

  private static Example example(String endpoint, Function<MatrixWorld, Target> target, String... optional) {
    return new Example(endpoint, target, List.of(optional), Set.of(), false, List.of());
  }

  /** THE TABLE: one valid example per write endpoint. */
  static List<Example> examples() {
    List<Example> x = new ArrayList<>();
    // auth and users: a refused login records the failure for throttling (rate_limits) by design
    x.add(new Example("POST /api/v1/auth/token", w -> as(TestApp.anonymous(), "POST", "/auth/token",
        map("username", loginUser.username(), "password", "wrong-" + Fixtures.PASSWORD)), List.of(), Set.of("rate_limits"), false, List.of()));
    x.add(example("DELETE /api/v1/auth/token", w -> as(Fixtures.login(logoutUser), "DELETE", "/auth/token", null)));
    x.add(example("POST /api/v1/users", w -> as(admin(), "POST", "/users", map("username", Fixtures.username("hx"), "password", "Hostile-Pass-2026!x",
        "role", "GUARDIAN", "displayName", "王家长", "childPersonIds", List.of(w.child)))));
    // user lifecycle: every target acts on a fresh user
    x.add(example("POST /api/v1/users/{id}/disable", w -> as(admin(), "POST", "/users/" + freshStaff(w) + "/disable", null)));
    x.add(example("POST /api/v1/users/{id}/enable", w -> as(admin(), "POST", "/users/" + freshStaff(w) + "/enable", null)));
    x.add(example("DELETE /api/v1/users/{id}/tokens", w -> as(admin(), "DELETE", "/users/" + freshStaff(w) + "/tokens", null)));
    x.add(example("PUT /api/v1/users/{id}/children", w -> as(admin(), "PUT", "/users/" + Fixtures.createUserDirect(Fixtures.username("hx-g"),
        "GUARDIAN", null, null, List.of(UUID.fromString(w.child)), null).id() + "/children", map("childPersonIds", List.of(w.child)))));
    // a hostile current password is a wrong one: it counts like a failed login (rate_limits), by design; "new" comes
    // first, so that its variants are judged before the wrong current passwords reach the throttle
    x.add(new Example("POST /api/v1/me/password", w -> as(Fixtures.login(Fixtures.createUserDirect(Fixtures.username("hx-pw"), "INSTITUTION",
        UUID.fromString(w.centre), null, List.of(), null)), "POST", "/me/password", map("new", "Hostile-Pass-2027!y", "current", Fixtures.PASSWORD)),
        List.of(), Set.of("rate_limits"), false, List.of()));
    // notifications: preferences on a fresh user; read and retry have no fresh target here (an unknown id: 404 for every body)
    x.add(example("PUT /api/v1/me/notification-preferences", w -> as(Fixtures.login(Fixtures.createUserDirect(Fixtures.username("hx-pref"),
        "ADMIN", null, null, List.of(), null)), "PUT", "/me/notification-preferences", map("language", "en", "emailOn", true, "webhookOn", false))));
    x.add(example("POST /api/v1/me/notifications/{id}/read", w -> as(admin(), "POST", "/me/notifications/" + UUID.randomUUID() + "/read", null)));
    x.add(example("POST /api/v1/notification-deliveries/{id}/retry", w -> as(admin(), "POST",
        "/notification-deliveries/" + UUID.randomUUID() + "/retry", null)));
    // registry
    x.add(example("POST /api/v1/regions", w -> as(admin(), "POST", "/regions",
        map("code", w.newCommunityCode(), "name", "测试社区", "level", "COMMUNITY", "parentCode", w.town))));
    x.add(example("POST /api/v1/institutions", w -> as(admin(), "POST", "/institutions",
        map("name", "测试机构", "regionCode", w.community, "services", List.of("REHAB"), "childAidDesignated", false)), "childAidDesignated"));
    x.add(example("POST /api/v1/doctors", w -> as(admin(), "POST", "/doctors",
        map("name", "李医生", "institutionId", w.clinic, "licenseNo", "HX-" + UUID.randomUUID().toString().substring(0, 18)))));
    x.add(example("POST /api/v1/persons", w -> {
      Map<String, Object> b = Fixtures.personBody(w.community, Category.PHYSICAL, 2, LocalDate.of(1980, 5, 17));
      b.put("phone", "13800000000");
      b.put("guardian", map("name", "王家长", "phone", "13900000000", "relation", "母亲"));
      return as(admin(), "POST", "/persons", b);
    }, "certificateNo", "phone", "guardian", "autism", "guardian.phone", "guardian.relation"));
    x.add(example("POST /api/v1/persons/lookup", w -> as(admin(), "POST", "/persons/lookup", map("idNumber", w.childIdNumber))));
    x.add(example("PATCH /api/v1/persons/{id}", w -> as(admin(), "PATCH", "/persons/" + w.freshPerson(), map("status", "ACTIVE",
        "phone", "13900000000", "regionCode", w.community, "guardian", map("name", "王家长", "phone", "13900000000", "relation", "父亲"))),
        "status", "phone", "regionCode", "guardian", "guardian.phone", "guardian.relation"));
    x.add(example("POST /api/v1/persons/{id}/ratings", w -> as(admin(), "POST", "/persons/" + w.freshChild() + "/ratings",
        MatrixWorld.ratingBody(today().minusDays(1))), "grade"));
    // contracts, assessments, plans
    x.add(example("POST /api/v1/contracts", w -> {
      Map<String, Object> b = MatrixWorld.contractBody(w.freshPerson(), w.doctor);
      b.put("endDate", today().plusMonths(6).toString());
      return as(admin(), "POST", "/contracts", b);
    }, "endDate"));
    x.add(example("POST /api/v1/contracts/{id}/terminate", w -> as(admin(), "POST", "/contracts/" + w.freshContract() + "/terminate",
        map("date", today().toString(), "reason", "迁出本区"))));
    x.add(example("PUT /api/v1/persons/{personId}/assessments/{year}", w -> as(admin(), "PUT", "/persons/" + w.child + "/assessments/" + year(),
        map("assessedOn", today().minusDays(2).toString(), "rehabNeeds", List.of("REHAB_TRAINING"), "deviceNeeds", List.of(w.type))),
        "rehabNeeds", "deviceNeeds"));
    x.add(example("POST /api/v1/persons/{personId}/plans", w -> as(admin(), "POST", "/persons/" + w.freshContractedPerson() + "/plans",
        MatrixWorld.planBody(w.centre)), "interventions[0].institutionId", "interventions[0].notes"));
    x.add(example("PUT /api/v1/plans/{planId}", w -> new Target(admin(), "PUT", "/plans/" + w.freshPlan(), MatrixWorld.planBody(w.centre),
        Map.of("If-Match", "\"1\"")), "interventions[0].institutionId", "interventions[0].notes"));
    x.add(example("POST /api/v1/plans/{planId}/review", w -> as(admin(), "POST", "/plans/" + w.freshPlan() + "/review",
        map("on", today().toString(), "goals", List.of(map("text", "独立行走", "status", "IN_PROGRESS")), "notes", "进展良好",
            "nextReviewDate", today().plusMonths(3).toString())), "notes", "nextReviewDate"));
    x.add(example("POST /api/v1/plans/{planId}/close", w -> as(admin(), "POST", "/plans/" + w.freshPlan() + "/close", map("reason", "目标达成")),
        "reason").bodyOptional());
    // sessions and child aid (Idempotency-Key: a new one per request, see send)
    x.add(example("POST /api/v1/sessions", w -> {
      Map<String, Object> b = MatrixWorld.sessionBody(w.child);
      b.put("notes", "表现良好");
      return new Target(w.staff, "POST", "/sessions", b, Map.of("Idempotency-Key", "new"));
    }, "notes", "useChildAid"));
    x.add(example("POST /api/v1/sessions/{id}/void", w -> as(w.staff, "POST", "/sessions/" + w.freshSession() + "/void", map("reason", "录入错误"))));
    // referrals (issue 19)
    x.add(example("POST /api/v1/referrals", w -> as(w.doctorApi, "POST", "/referrals", map("personId", w.freshContractedPerson(),
        "toInstitutionId", w.centre, "serviceType", "REHAB_TRAINING", "reason", "建议机构康复"))));
    x.add(example("POST /api/v1/referrals/{id}/accept", w -> as(w.staff, "POST", "/referrals/" + w.freshReferral() + "/accept",
        map("appointmentOn", today().plusDays(3).toString())), "appointmentOn").bodyOptional());
    x.add(example("POST /api/v1/referrals/{id}/decline", w -> as(w.staff, "POST", "/referrals/" + w.freshReferral() + "/decline",
        map("reason", "暂无名额"))));
    x.add(example("POST /api/v1/referrals/{id}/cancel", w -> as(w.doctorApi, "POST", "/referrals/" + w.freshReferral() + "/cancel", null)));
    x.add(example("POST /api/v1/aid-accounts", w -> as(admin(), "POST", "/aid-accounts", map("personId", w.freshChild(), "year", year(),
        "category", "HEARING", "guardianConsent", map("name", "王家长", "relation", "母亲", "signedOn", today().toString())))));
    x.add(example("PUT /api/v1/aid-standards/{year}", w -> as(admin(), "PUT", "/aid-standards/" + FUTURE_YEAR.incrementAndGet(),
        map("minAge", 0, "maxAge", 10, "amounts", map("PHYSICAL", "20000.00", "HEARING", "24000.00"))), "amounts.PHYSICAL", "amounts.HEARING"));
    // devices
    x.add(example("POST /api/v1/device-types", w -> as(admin(), "POST", "/device-types", map("code", "HX" + Fixtures.next(), "name", "轮椅",
        "category", "MOBILITY", "subsidy", "800.00", "serviceLifeMonths", 36, "rentable", true))).freeCodes("code"));
    x.add(example("POST /api/v1/device-items", w -> as(w.staff, "POST", "/device-items", MatrixWorld.itemBody(w.type, w.centre)), "institutionId"));
    x.add(example("POST /api/v1/fittings", w -> as(w.staff, "POST", "/fittings", map("personId", w.child, "deviceTypeCode", MatrixWorld.newType(),
        "institutionId", w.centre)), "institutionId"));
    x.add(example("POST /api/v1/fittings/{id}/assess", w -> as(w.staff, "POST", "/fittings/" + w.freshFitting() + "/assess",
        map("suitable", true, "notes", "适合使用")), "notes"));
    x.add(example("POST /api/v1/fittings/{id}/deliver", w -> as(w.staff, "POST", "/fittings/" + w.freshAssessedFitting() + "/deliver",
        map("deliveredOn", today().toString(), "serialNo", "SN-" + UUID.randomUUID().toString().substring(0, 8), "subsidy", "100.00")), "serialNo"));
    x.add(example("POST /api/v1/fittings/{id}/follow-up", w -> as(w.staff, "POST", "/fittings/" + w.freshDeliveredFitting() + "/follow-up",
        map("on", today().toString(), "outcome", "IN_USE", "notes", "使用良好")), "notes"));
    x.add(example("POST /api/v1/fittings/{id}/cancel", w -> as(w.staff, "POST", "/fittings/" + w.freshFitting() + "/cancel",
        map("reason", "不再需要")), "reason").bodyOptional());
    x.add(example("POST /api/v1/loans", w -> as(w.staff, "POST", "/loans", MatrixWorld.loanBody(w.freshItem(), w.child))));
    x.add(example("POST /api/v1/loans/{id}/return", w -> as(w.staff, "POST", "/loans/" + w.freshLoan() + "/return",
        map("returnedOn", today().toString(), "condition", "GOOD"))));
    x.add(example("POST /api/v1/loans/{id}/extend", w -> as(w.staff, "POST", "/loans/" + w.freshLoan() + "/extend",
        map("dueDate", today().plusDays(60).toString()))));
    x.add(example("POST /api/v1/repairs", w -> as(w.staff, "POST", "/repairs", map("itemId", w.freshItem(), "problem", "刹车失灵"))));
    x.add(example("POST /api/v1/repairs/{id}/start", w -> as(w.staff, "POST", "/repairs/" + w.freshRepair() + "/start", null)));
    x.add(example("POST /api/v1/repairs/{id}/done", w -> as(w.staff, "POST", "/repairs/" + w.freshStartedRepair() + "/done",
        map("cost", "50.00", "notes", "更换刹车片", "condition", "GOOD")), "notes", "condition"));
    x.add(example("POST /api/v1/repairs/{id}/unrepairable", w -> as(w.staff, "POST", "/repairs/" + w.freshStartedRepair() + "/unrepairable",
        map("notes", "车架断裂")), "notes").bodyOptional());
    x.add(example("POST /api/v1/recycling", w -> as(w.staff, "POST", "/recycling", MatrixWorld.recyclingBody(w.type, w.centre)),
        "serialNo", "institutionId"));
    x.add(example("POST /api/v1/recycling/{id}/inspect", w -> as(w.staff, "POST", "/recycling/" + w.freshRecycling() + "/inspect",
        map("outcome", "SCRAP"))));
    x.add(example("POST /api/v1/reports/snapshots", w -> as(TestApp.admin(), "POST", "/reports/snapshots",
        map("year", year(), "regionCode", w.town)), "regionCode"));
    // fee schedule and settlement: each success is a new statement, or a line of its own
    // (every success is one more version of 2099, all starting on 1 January: a future year may take any number)
    x.add(example("PUT /api/v1/fee-schedules/{year}", w -> as(admin(), "PUT", "/fee-schedules/2099",
        map("items", List.of(map("serviceType", "REHAB_TRAINING", "maxFee", "300.00")), "effectiveFrom", "2099-01-01")), "effectiveFrom"));
    x.add(example("POST /api/v1/settlements", w -> as(admin(), "POST", "/settlements",
        map("institutionId", SettlementWorld.designatedInstitution(), "period", SettlementWorld.closedMonth()))));
    x.add(example("POST /api/v1/settlements/{id}/lines/{sessionId}/reject", w -> {
      String[] line = SettlementWorld.draftWithLine();
      return as(admin(), "POST", "/settlements/" + line[0] + "/lines/" + line[1] + "/reject", map("reason", "无治疗记录"));
    }));
    x.add(example("POST /api/v1/settlements/{id}/approve", w -> as(admin(), "POST", "/settlements/"
        + SettlementWorld.draft(SettlementWorld.designatedInstitution()) + "/approve", null)));
    // periods: each success closes (or reopens) its month, so every target gets a month of its own, long past
    x.add(example("POST /api/v1/periods/{period}/close", w -> as(admin(), "POST", "/periods/" + hostileMonth() + "/close",
        map("note", "已上报省残联")), "note").bodyOptional());
    x.add(example("POST /api/v1/periods/{period}/reopen", w -> {
      String month = hostileMonth();
      Api.Resp closed = admin().post("/periods/" + month + "/close", map("note", "待重开"));
      if (closed.status() != 200) throw new IllegalStateException(closed.toString());
      return as(admin(), "POST", "/periods/" + month + "/reopen", map("reason", "更正数据"));
    }));
    return x;
  }

  private static final AtomicInteger HOSTILE_MONTH = new AtomicInteger();

  /** A month long past that no other test writes into (2014-01 onwards, one per call). */
  private static String hostileMonth() { return java.time.YearMonth.of(2014, 1).plusMonths(HOSTILE_MONTH.getAndIncrement()).toString(); }

  @Test
  void everyWriteEndpointHasAnExample() {
    Set<String> served = new TreeSet<>(ServedEndpoints.writes());
    served.removeAll(NOT_JSON);
    Set<String> covered = new TreeSet<>();
    examples().forEach(e -> covered.add(e.endpoint()));
    Set<String> missing = new TreeSet<>(served);
    missing.removeAll(covered);
    Set<String> stale = new TreeSet<>(covered);
    stale.removeAll(served);
    assertTrue(missing.isEmpty(), "write endpoints without an example in HostileInputTest.examples(): " + missing);
    assertTrue(stale.isEmpty(), "examples for endpoints the application does not serve: " + stale);
  }

  @Test
  void everyHostileBody_isRefusedWith4xxProblem_andChangesNothing_orRoundTripsExactly() {
    List<String> failures = new ArrayList<>();
    int sent = 0;
    int accepted = 0;
    for (Example ex : examples()) {
      Target t = ex.target().apply(home);
      String template = ex.endpoint().substring(ex.endpoint().indexOf(' ') + 1);
      assertTrue(ServedEndpoints.fits(template, "/api/v1" + t.path()) && ex.endpoint().startsWith(t.method() + " "),
          ex.endpoint() + ": example builds " + t.method() + " " + t.path());
      List<HostileBodies.Mutation> mutations = new ArrayList<>();
      if (t.body() == null) {
        mutations.addAll(HostileBodies.junk());
      } else {
        mutations.addAll(HostileBodies.structural(t.body(), ex.optionalBody()));
        mutations.addAll(HostileBodies.perField(t.body(), ex.optional(), ex.freeCodes()));
      }
      Map<String, String> baseline = DbState.checksum();
      long xid = DbState.nextXid();
      for (HostileBodies.Mutation m : mutations) {
        String where = ex.endpoint() + " [" + m.label() + "]";
        Answer a = send(t, m);
        sent++;
        if (a.status() >= 500 || a.status() < 200 || (a.status() >= 300 && a.status() < 400)) {
          failures.add(where + ": " + a.status() + " " + a.abbreviated());
        } else if (a.status() >= 400) {
          a.problemShape().ifPresent(p -> failures.add(where + ": " + p));
        } else if (!m.mayPass()) {
          failures.add(where + ": accepted (" + a.status() + ") " + a.abbreviated());
        } else {
          roundTrip(m, a, ex.endpoint()).ifPresent(p -> failures.add(where + ": " + p));
        }
        if (a.status() >= 300) {
          Set<String> changed = DbState.committedWritesSince(xid, ex.mayChange());
          if (!changed.isEmpty()) failures.add(where + ": refused with " + a.status() + " but wrote " + changed);
        } else {
          // the success changed its target: verify the refusals so far, then start over on a fresh target
          accepted++;
          t = ex.target().apply(home);
          baseline = DbState.checksum();
        }
        xid = DbState.nextXid();
      }
      Set<String> differ = DbState.differing(baseline, DbState.checksum(), ex.mayChange());
      if (!differ.isEmpty()) failures.add(ex.endpoint() + ": refused requests changed tables " + differ);
    }
    System.out.println("hostile input: " + examples().size() + " write endpoints, " + sent + " requests, " + accepted + " legitimately accepted");
    assertTrue(failures.isEmpty(), failures.size() + " hostile requests were not handled well:\n" + String.join("\n", failures));
  }

  @Test
  void rareCjkNames_areAccepted_andRoundTripCodePointForCodePoint() {
    for (String name : List.of("𠀀𪚥", "王𠮷明", "𡈽𪚥𠀀李", "李\u200B明", "\u202E王明")) {
      Map<String, Object> body = Fixtures.personBody(home.community, Category.VISUAL, 3, LocalDate.of(1975, 2, 3));
      body.put("name", name);
      body.put("guardian", map("name", name + "家长", "phone", "13900000000", "relation", "子女"));
      Api.Resp created = TestApp.admin().post("/persons", body);
      assertEquals(201, created.status(), created.toString());
      Api.Resp read = TestApp.admin().get("/persons/" + created.str("id"));
      assertEquals(200, read.status(), read.toString());
      assertEquals(name.codePoints().boxed().toList(), read.str("name").codePoints().boxed().toList(), "name " + name);
      assertEquals(name + "家长", read.get("guardian").path("name").asText());
      Api.Resp found = TestApp.admin().get("/persons?q=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
          + "&regionCode=" + home.community);
      assertTrue(found.text().contains(created.str("id")), "found by its name " + name + ": " + found);
    }
  }

  // ---- sending and judging ----

  record Answer(int status, String contentType, byte[] body) {
    String text() { return new String(body, java.nio.charset.StandardCharsets.UTF_8); }

    String abbreviated() { String s = text(); return s.length() > 300 ? s.substring(0, 300) + "…" : s; }

    JsonNode json() {
      try {
        return Api.JSON.readTree(body);
      } catch (IOException e) {
        return null;
      }
    }

    java.util.Optional<String> problemShape() {
      if (contentType == null || !contentType.startsWith("application/problem+json")) {
        return java.util.Optional.of(status + " is not problem+json but " + contentType + ": " + abbreviated());
      }
      JsonNode p = json();
      if (p == null || !p.path("type").isTextual() || !p.path("title").isTextual() || p.path("status").asInt() != status) {
        return java.util.Optional.of(status + " problem lacks type/title/status: " + abbreviated());
      }
      if (text().contains("Exception") || text().contains("org.") || text().contains("SQL")) {
        return java.util.Optional.of(status + " problem leaks internals: " + abbreviated());
      }
      return java.util.Optional.empty();
    }
  }

  private static Answer send(Target t, HostileBodies.Mutation m) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(TestApp.baseUrl() + "/api/v1" + t.path())).timeout(Duration.ofSeconds(60));
      if (t.caller().token() != null) b.header("Authorization", "Bearer " + t.caller().token());
      t.headers().forEach((k, v) -> b.header(k, k.equals("Idempotency-Key") ? "hx-" + UUID.randomUUID() : v));
      b.header("Accept", "application/json");
      if (m.contentType() != null) b.header("Content-Type", m.contentType());
      b.method(t.method(), HttpRequest.BodyPublishers.ofByteArray(m.body()));
      HttpRequest request = b.build();
      HttpResponse<byte[]> r = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
      // hostile on purpose: the answer must match the document, the request need not
      cn.donghe.rehab.openapi.ContractCheck.observeAnswer(request, r.statusCode(), r.headers(), r.body());
      return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
    } catch (IOException e) {
      return new Answer(599, null, ("connection failed: " + e).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An accepted text value comes back exactly (trimmed, NFC) wherever the answer shows that field. */
  private static java.util.Optional<String> roundTrip(HostileBodies.Mutation m, Answer a, String endpoint) {
    if (m.echo() == null) return java.util.Optional.empty();
    JsonNode n = a.json();
    if (n == null) return java.util.Optional.empty();
    // where the answer shows a body field under another name (a decline's reason is the referral's declinedReason)
    String shown = ECHOED_AS.getOrDefault(endpoint + " " + m.field(), m.field());
    for (String part : shown.split("\\.")) {
      n = part.endsWith("[0]") ? n.path(part.substring(0, part.length() - 3)).path(0) : n.path(part);
    }
    if (n.isMissingNode() || n.isNull()) return java.util.Optional.empty();
    String want = Normalizer.normalize(m.echo().strip(), Normalizer.Form.NFC);
    return want.equals(n.asText()) ? java.util.Optional.empty()
        : java.util.Optional.of("accepted but stored " + n + " instead of " + want);
  }

  private static final Map<String, String> ECHOED_AS = Map.of("POST /api/v1/referrals/{id}/decline reason", "declinedReason");

  static Map<String, Object> mapOf(Object... kv) { return new LinkedHashMap<>(map(kv)); }
}
