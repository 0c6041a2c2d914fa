package cn.donghe.rehab.hardening;

import static cn.donghe.rehab.hardening.MatrixWorld.map;
import static cn.donghe.rehab.hardening.MatrixWorld.today;
import static cn.donghe.rehab.hardening.MatrixWorld.year;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.settlement.SettlementWorld;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.ServedEndpoints;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The authorization matrix (issue 9, item 1): every endpoint under /api/v1 that the running application serves
 * (discovered from the registered Jersey resources) x every caller x {own / in-scope record, someone else's /
 * out-of-scope record}, plus no token, an expired token and a revoked token. Each cell asserts the DESIGN answer;
 * every refusal must leave the database unchanged (row counts of all tables + no committed write, see
 * {@link DbState}); out-of-scope 404s must be indistinguishable from the 404 for an id that does not exist; and
 * list endpoints must not show an out-of-scope record to a scoped caller.
 *
 * <p>Callers: A = global ADMIN, R = town ADMIN of the HOME town, I = INSTITUTION staff of the HOME centre (REHAB +
 * DEVICE, child-aid designated), D = the HOME family doctor, G = the guardian of the HOME child. "Own" records are
 * the HOME world's, "other" records the AWAY world's (another town, centre, doctor and child).
 *
 * <p>Expectations read {@code "A=201 R=201/404 I=403 D=403 G=403"}: one status for both records, or
 * {@code own/other}. Rows marked {@code pub} are @Public: every token case answers like a caller; all others answer
 * 401 to no, expired and revoked tokens.
 *
 * <p><b>Adding endpoints</b> (e.g. the indicator reports under /api/v1/reports): a new resource method makes
 * {@link #everyServedEndpointHasARow_andEveryRowIsServed} fail naming it; add one {@code row(...)} to
 * {@link #rows()} in the section of its feature: the endpoint exactly as the failure names it, the expected answer
 * per caller, and a function building the request against a world (use {@code w.town}/{@code w.community} for a
 * region parameter, {@code w.child} for a person). For reports that would be, e.g.:
 * <pre>
 * row("GET /api/v1/reports/indicators", "A=200 R=200/404 I=403 D=403 G=403",
 *     w -> get("/reports/indicators?year=" + year() + "&amp;regionCode=" + w.town));
 * </pre>
 */
// Runs after the feature tests (but before OpenApiContractTest, which judges every exchange): it visits every
// endpoint, fills the device catalogue and creates many records, and some feature tests assume an empty catalogue.
@org.junit.jupiter.api.Order(Integer.MAX_VALUE - 10)
class AuthorizationMatrixTest {
  enum Who { A, R, I, D, G }

  enum Token { NONE, EXPIRED, REVOKED }

  /** A request: path under /api/v1, body (or null), extra headers. */
  record Req(String method, String path, Object body, Map<String, String> headers) {
    Req with(String header, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(header, value);
      return new Req(method, path, body, h);
    }
  }

  /** One endpoint: what each caller gets for own/other, how to build the request against a world. */
  record Row(String endpoint, Map<Who, int[]> expect, boolean isPublic, Function<MatrixWorld, Req> request,
             Function<MatrixWorld, String> hidden, Set<Who> hiddenFrom, Set<String> mayChange, boolean freshLogin) {
    Row hides(Function<MatrixWorld, String> id, Who... from) {
      return new Row(endpoint, expect, isPublic, request, id, Set.of(from), mayChange, freshLogin);
    }

    Row mayChange(String... tables) { return new Row(endpoint, expect, isPublic, request, hidden, hiddenFrom, Set.of(tables), freshLogin); }

    Row withFreshLogin() { return new Row(endpoint, expect, isPublic, request, hidden, hiddenFrom, mayChange, true); }
  }

  private static final AtomicInteger FUTURE_YEAR = new AtomicInteger(2060);
  private static final List<Row> ROWS = new ArrayList<>();

  private static Row row(String endpoint, String expect, Function<MatrixWorld, Req> request) {
    boolean pub = expect.startsWith("pub ");
    Map<Who, int[]> m = new EnumMap<>(Who.class);
    for (String cell : expect.replaceFirst("^pub ", "").trim().split("\\s+")) {
      String[] kv = cell.split("=");
      String[] v = kv[1].split("/");
      m.put(Who.valueOf(kv[0]), new int[] {Integer.parseInt(v[0]), Integer.parseInt(v[v.length - 1])});
    }
    if (m.size() != Who.values().length) throw new IllegalArgumentException("every caller needs an answer: " + endpoint);
    Row r = new Row(endpoint, m, pub, request, null, Set.of(), Set.of(), false);
    ROWS.add(r);
    return r;
  }

  private static void replace(Row r) { ROWS.set(ROWS.size() - 1, r); }

  static Req get(String path) { return new Req("GET", path, null, Map.of()); }
  static Req post(String path, Object body) { return new Req("POST", path, body, Map.of()); }
  static Req put(String path, Object body) { return new Req("PUT", path, body, Map.of()); }
  static Req patch(String path, Object body) { return new Req("PATCH", path, body, Map.of()); }
  static Req delete(String path) { return new Req("DELETE", path, null, Map.of()); }

  private static final String L = "&limit=500";

  /** THE TABLE. One row per endpoint; see the class comment for how to read and extend it. */
  static synchronized List<Row> rows() {
    if (!ROWS.isEmpty()) return ROWS;
    // ---- auth and users ----
    row("POST /api/v1/auth/token", "pub A=200 R=200 I=200 D=200 G=200",
        w -> post("/auth/token", map("username", loginUser.username(), "password", Fixtures.PASSWORD)));
    replace(row("DELETE /api/v1/auth/token", "A=204 R=204 I=204 D=204 G=204", w -> delete("/auth/token")).withFreshLogin());
    row("GET /api/v1/me", "A=200 R=200 I=200 D=200 G=200", w -> get("/me"));
    row("POST /api/v1/users", "A=201 R=201/422 I=403 D=403 G=403", w -> post("/users", map("username", Fixtures.username("mx-new"),
        "password", "Matrix-Pass-2026!x", "role", "GUARDIAN", "displayName", "矩阵家长", "childPersonIds", List.of(w.child))));
    replace(row("GET /api/v1/users", "A=200 R=200 I=403 D=403 G=403", w -> get("/users?limit=500"))
        .hides(w -> w.guardianUser.id().toString(), Who.R));
    // user lifecycle: each 2xx acts on a fresh user of the world (an INSTITUTION login of its centre, a guardian of its child)
    row("POST /api/v1/users/{id}/disable", "A=204 R=204/404 I=403 D=403 G=403", w -> post("/users/" + freshStaffUser(w) + "/disable", null));
    row("POST /api/v1/users/{id}/enable", "A=204 R=204/404 I=403 D=403 G=403", w -> post("/users/" + freshStaffUser(w) + "/enable", null));
    row("DELETE /api/v1/users/{id}/tokens", "A=204 R=204/404 I=403 D=403 G=403", w -> delete("/users/" + freshStaffUser(w) + "/tokens"));
    row("PUT /api/v1/users/{id}/children", "A=200 R=200/404 I=403 D=403 G=403", w -> put("/users/" + freshGuardian(w) + "/children",
        map("childPersonIds", List.of(w.child))));
    // a wrong current password: every role may ask, nobody's password changes here; the miss counts like a failed
    // login (rate_limits), by design
    replace(row("POST /api/v1/me/password", "A=422 R=422 I=422 D=422 G=422", w -> post("/me/password",
        map("current", "not-the-password-1", "new", "Matrix-Pass-2026!y"))).mayChange("rate_limits"));
    row("GET /api/v1/openapi.json", "pub A=200 R=200 I=200 D=200 G=200", w -> get("/openapi.json"));
    row("GET /api/v1/audit", "A=200 R=403 I=403 D=403 G=403", w -> get("/audit?entity=person&entityId=" + w.child));
    // ---- regions, institutions, doctors ----
    row("GET /api/v1/regions", "A=200 R=200 I=200 D=200 G=200", w -> get("/regions?parentCode=" + w.town));
    row("POST /api/v1/regions", "A=201 R=201/422 I=403 D=403 G=403", w -> post("/regions",
        map("code", w.newCommunityCode(), "name", "矩阵社区", "level", "COMMUNITY", "parentCode", w.town)));
    replace(row("GET /api/v1/institutions", "A=200 R=200 I=200 D=200 G=200", w -> get("/institutions?service=DEVICE" + L))
        .hides(w -> w.centre, Who.R));
    // designating institutions and doctors is a district act (DESIGN section 2): a town admin gets 403
    row("POST /api/v1/institutions", "A=201 R=403 I=403 D=403 G=403", w -> post("/institutions",
        map("name", "矩阵机构", "regionCode", w.community, "services", List.of("REHAB"), "childAidDesignated", false)));
    row("GET /api/v1/institutions/{id}", "A=200 R=200/404 I=200 D=200 G=200", w -> get("/institutions/" + w.centre));
    replace(row("GET /api/v1/doctors", "A=200 R=200 I=200 D=200 G=200", w -> get("/doctors?institutionId=" + w.clinic + L))
        .hides(w -> w.doctor, Who.R));
    row("POST /api/v1/doctors", "A=201 R=403 I=403 D=403 G=403", w -> post("/doctors",
        map("name", "矩阵医生", "institutionId", w.clinic, "licenseNo", "MX-" + UUID.randomUUID())));
    // ---- persons ----
    row("POST /api/v1/persons", "A=201 R=201/422 I=403 D=403 G=403",
        w -> post("/persons", Fixtures.personBody(w.community, Category.PHYSICAL, 2, LocalDate.of(1980, 5, 17))));
    replace(row("GET /api/v1/persons", "A=200 R=200 I=403 D=200 G=200", w -> get("/persons?regionCode=" + w.community + L))
        .hides(w -> w.child, Who.R, Who.D, Who.G));
    // INSTITUTION reach: the HOME centre serves the HOME child (session, fitting, loan, plan); it never served the AWAY one
    row("GET /api/v1/persons/{id}", "A=200 R=200/404 I=200/404 D=200/404 G=200/404", w -> get("/persons/" + w.child));
    // an institution finds anyone by full number (card in hand); on the AWAY side a fresh person, so that the
    // 24-hour reach this gives does not open the AWAY child to the rows below. A non-admin's refused look-up is a
    // miss: audited (LOOKUP_PERSON, without the number) and counted for the throttle
    replace(row("POST /api/v1/persons/lookup", "A=200 R=200/404 I=200 D=200/404 G=200/404",
        w -> post("/persons/lookup", map("idNumber", w == home ? w.childIdNumber : w.freshPersonIdNumber()))).mayChange("audit_events", "rate_limits"));
    row("PATCH /api/v1/persons/{id}", "A=200 R=200/404 I=403 D=403 G=403", w -> patch("/persons/" + w.child, map("phone", "13900000000")));
    // ---- keeping the register true (issue 20): re-rating, history, reconciliation ----
    row("POST /api/v1/persons/{id}/ratings", "A=201 R=201/404 I=403 D=403 G=403",
        w -> post("/persons/" + w.freshChild() + "/ratings", MatrixWorld.ratingBody(LocalDate.now(TestApp.context().clock()).minusDays(1))));
    row("GET /api/v1/persons/{id}/ratings", "A=200 R=200/404 I=403 D=403 G=403", w -> get("/persons/" + w.child + "/ratings"));
    row("POST /api/v1/persons/reconcile", "A=200 R=200 I=403 D=403 G=403",
        w -> post("/persons/reconcile", "idNumber,name,category,grade,regionCode,status\n"));
    // ---- contracts, assessments, plans ----
    row("POST /api/v1/contracts", "A=201 R=201/422 I=403 D=201/422 G=403",
        w -> post("/contracts", MatrixWorld.contractBody(w.freshPerson(), w.doctor)));
    replace(row("GET /api/v1/contracts", "A=200 R=200 I=403 D=200 G=403", w -> get("/contracts?personId=" + w.child + L))
        .hides(w -> w.contract, Who.R, Who.D));
    replace(row("GET /api/v1/contracts/worklist/unsigned", "A=200 R=200 I=403 D=200 G=403",
        w -> get("/contracts/worklist/unsigned?regionCode=" + w.community + L)).hides(w -> w.community, Who.R, Who.D));
    row("GET /api/v1/contracts/{id}", "A=200 R=200/404 I=403 D=200/404 G=403", w -> get("/contracts/" + w.contract));
    row("POST /api/v1/contracts/{id}/terminate", "A=200 R=200/404 I=403 D=200/404 G=403",
        w -> post("/contracts/" + w.freshContract() + "/terminate", map("date", today().toString(), "reason", "迁出")));
    row("PUT /api/v1/persons/{personId}/assessments/{year}", "A=200 R=200/404 I=403 D=200/404 G=403",
        w -> put("/persons/" + w.child + "/assessments/" + year(), MatrixWorld.assessmentBody()));
    row("GET /api/v1/persons/{personId}/assessments", "A=200 R=200/404 I=403 D=200/404 G=403", w -> get("/persons/" + w.child + "/assessments"));
    row("POST /api/v1/persons/{personId}/plans", "A=201 R=201/404 I=403 D=201/404 G=403",
        w -> post("/persons/" + w.freshContractedPerson() + "/plans", MatrixWorld.planBody(w.centre)));
    row("GET /api/v1/persons/{personId}/plans", "A=200 R=200/404 I=403 D=200/404 G=403", w -> get("/persons/" + w.child + "/plans"));
    row("GET /api/v1/persons/{personId}/plan", "A=200 R=200/404 I=200/404 D=200/404 G=200/404", w -> get("/persons/" + w.child + "/plan"));
    row("GET /api/v1/plans/{planId}", "A=200 R=200/404 I=200/404 D=200/404 G=200/404", w -> get("/plans/" + w.plan));
    row("PUT /api/v1/plans/{planId}", "A=200 R=200/404 I=403 D=200/404 G=403",
        w -> put("/plans/" + w.freshPlan(), MatrixWorld.planBody(w.centre)).with("If-Match", "\"1\""));
    row("GET /api/v1/plans/{planId}/revisions", "A=200 R=200/404 I=200/404 D=200/404 G=403", w -> get("/plans/" + w.plan + "/revisions"));
    row("POST /api/v1/plans/{planId}/close", "A=200 R=200/404 I=403 D=200/404 G=403",
        w -> post("/plans/" + w.freshPlan() + "/close", map("reason", "目标达成")));
    row("POST /api/v1/plans/{planId}/review", "A=200 R=200/404 I=403 D=200/404 G=403",
        w -> post("/plans/" + w.freshPlan() + "/review", map("on", today().toString(), "goals", List.of(map("text", "独立行走", "status", "ACHIEVED")))));
    row("GET /api/v1/plans/worklist/review-overdue", "A=200 R=200 I=403 D=200 G=403", w -> get("/plans/worklist/review-overdue"));
    // ---- sessions and child rehab aid ----
    // an ADMIN records late entries for a named institution (issue 15 item 4); without institutionId: 422.
    // Writes carrying a personId are allowed for any ACTIVE person; a fresh one, so that being "served" does not
    // open the AWAY child to the rows below
    // a DOCTOR logs for persons contracted to them (issue 19): the other world's contracted person answers 404
    row("POST /api/v1/sessions", "A=422 R=422 I=201 D=201/404 G=403",
        w -> post("/sessions", MatrixWorld.plainSessionBody(w.freshContractedPerson())).with("Idempotency-Key", "mx-" + UUID.randomUUID()));
    row("POST /api/v1/sessions/{id}/void", "A=200 R=200/404 I=200/404 D=403 G=403",
        w -> post("/sessions/" + w.freshSession() + "/void", map("reason", "录入错误")));
    replace(row("GET /api/v1/sessions", "A=200 R=200/404 I=200 D=200/404 G=200/404", w -> get("/sessions?personId=" + w.child + L))
        .hides(w -> w.session, Who.I));
    row("GET /api/v1/sessions/{id}", "A=200 R=200/404 I=200/404 D=200/404 G=200/404", w -> get("/sessions/" + w.session));
    row("POST /api/v1/aid-accounts", "A=201 R=201/422 I=403 D=403 G=403", w -> post("/aid-accounts", map("personId", w.freshChild(),
        "year", year(), "category", "HEARING", "guardianConsent", map("name", "家长", "relation", "母亲", "signedOn", today().toString()))));
    // aid accounts: an institution reads them only for a year it logged a non-voided session in, or when named in the plan
    row("GET /api/v1/aid-accounts", "A=200 R=200/404 I=200/404 D=200/404 G=200/404", w -> get("/aid-accounts?personId=" + w.child + L));
    row("GET /api/v1/aid-accounts/{id}", "A=200 R=200/404 I=200/404 D=200/404 G=200/404", w -> get("/aid-accounts/" + w.account));
    // ---- referrals (issue 19): the HOME doctor refers to the HOME centre; the receiving institution accepts or declines ----
    row("POST /api/v1/referrals", "A=201 R=201/404 I=403 D=201/404 G=403", w -> post("/referrals", w.referralBody(w.freshContractedPerson())));
    row("POST /api/v1/referrals/{id}/accept", "A=403 R=403 I=200/404 D=403 G=403", w -> post("/referrals/" + w.freshReferral() + "/accept", map()));
    row("POST /api/v1/referrals/{id}/decline", "A=403 R=403 I=200/404 D=403 G=403",
        w -> post("/referrals/" + w.freshReferral() + "/decline", map("reason", "暂无名额")));
    row("POST /api/v1/referrals/{id}/cancel", "A=200 R=200/404 I=403 D=200/404 G=403", w -> post("/referrals/" + w.freshReferral() + "/cancel", null));
    replace(row("GET /api/v1/referrals", "A=200 R=200 I=200 D=200 G=403", w -> get("/referrals?limit=500"))
        .hides(MatrixWorld::freshReferral, Who.R, Who.I, Who.D));
    row("GET /api/v1/referrals/{id}", "A=200 R=200/404 I=200/404 D=200/404 G=403", w -> get("/referrals/" + w.freshReferral()));
    row("GET /api/v1/referrals/take-up", "A=200 R=200 I=403 D=403 G=403", w -> get("/referrals/take-up?year=" + year()));
    row("GET /api/v1/aid-standards/{year}", "A=200 R=200 I=200 D=200 G=200", w -> get("/aid-standards/" + year()));
    row("PUT /api/v1/aid-standards/{year}", "A=200 R=403 I=403 D=403 G=403", w -> put("/aid-standards/" + FUTURE_YEAR.incrementAndGet(),
        map("minAge", 0, "maxAge", 10, "amounts", map("PHYSICAL", "20000.00", "HEARING", "24000.00"))));
    // ---- devices ----
    row("POST /api/v1/device-types", "A=201 R=403 I=403 D=403 G=403", w -> post("/device-types", map("code", "MXT" + Fixtures.next(),
        "name", "矩阵辅具", "category", "MOBILITY", "subsidy", "100.00", "serviceLifeMonths", 12, "rentable", false)));
    row("GET /api/v1/device-types", "A=200 R=200 I=200 D=200 G=200", w -> get("/device-types?category=MOBILITY" + L));
    row("GET /api/v1/device-types/{code}", "A=200 R=200 I=200 D=200 G=200", w -> get("/device-types/" + w.type));
    row("POST /api/v1/device-items", "A=201 R=201/422 I=201/422 D=403 G=403", w -> post("/device-items", MatrixWorld.itemBody(w.type, w.centre)));
    replace(row("GET /api/v1/device-items", "A=200 R=200 I=200 D=403 G=403", w -> get("/device-items?institutionId=" + w.centre + L))
        .hides(w -> w.item, Who.R, Who.I));
    row("GET /api/v1/device-items/{id}", "A=200 R=200/404 I=200/404 D=403 G=403", w -> get("/device-items/" + w.item));
    row("POST /api/v1/fittings", "A=201 R=201/404 I=201 D=403 G=403",
        w -> post("/fittings", map("personId", w.freshPerson(), "deviceTypeCode", w.ghost ? "GHOST" : MatrixWorld.sharedType())));
    replace(row("GET /api/v1/fittings", "A=200 R=200/404 I=200/404 D=200/404 G=200/404", w -> get("/fittings?personId=" + w.child + L))
        .hides(w -> w.fitting, Who.I));
    row("GET /api/v1/fittings/{id}", "A=200 R=200/404 I=200/404 D=200/404 G=200/404", w -> get("/fittings/" + w.fitting));
    row("GET /api/v1/fittings/{id}/matching-items", "A=200 R=200/404 I=200/404 D=403 G=403", w -> get("/fittings/" + w.fitting + "/matching-items"));
    row("POST /api/v1/fittings/{id}/assess", "A=200 R=200/404 I=200/404 D=403 G=403",
        w -> post("/fittings/" + w.freshFitting() + "/assess", map("suitable", true, "notes", "适合")));
    row("POST /api/v1/fittings/{id}/deliver", "A=200 R=200/404 I=200/404 D=403 G=403",
        w -> post("/fittings/" + w.freshAssessedFitting() + "/deliver", map("deliveredOn", today().toString(), "subsidy", "0.00")));
    row("POST /api/v1/fittings/{id}/follow-up", "A=200 R=200/404 I=200/404 D=403 G=403",
        w -> post("/fittings/" + w.freshDeliveredFitting() + "/follow-up", map("on", today().toString(), "outcome", "IN_USE")));
    row("POST /api/v1/fittings/{id}/cancel", "A=200 R=200/404 I=200/404 D=403 G=403",
        w -> post("/fittings/" + w.freshFitting() + "/cancel", map("reason", "不需要了")));
    replace(row("GET /api/v1/notifications", "A=200 R=200/404 I=200/404 D=200/404 G=200/404", w -> get("/notifications?personId=" + w.child + L))
        .hides(w -> w.loan, Who.I));
    row("POST /api/v1/loans", "A=201 R=201/404 I=201/404 D=403 G=403", w -> post("/loans", MatrixWorld.loanBody(w.freshItem(), w.child)));
    replace(row("GET /api/v1/loans", "A=200 R=200/404 I=200/404 D=200/404 G=200/404", w -> get("/loans?personId=" + w.child + L))
        .hides(w -> w.loan, Who.I));
    row("GET /api/v1/loans/{id}", "A=200 R=200/404 I=200/404 D=200/404 G=200/404", w -> get("/loans/" + w.loan));
    row("POST /api/v1/loans/{id}/return", "A=200 R=200/404 I=200/404 D=403 G=403",
        w -> post("/loans/" + w.freshLoan() + "/return", map("returnedOn", today().toString(), "condition", "GOOD")));
    row("POST /api/v1/loans/{id}/extend", "A=200 R=200/404 I=200/404 D=403 G=403",
        w -> post("/loans/" + w.freshLoan() + "/extend", map("dueDate", today().plusDays(90).toString())));
    row("POST /api/v1/repairs", "A=201 R=201/404 I=201/404 D=403 G=403", w -> post("/repairs", map("itemId", w.freshItem(), "problem", "异响")));
    replace(row("GET /api/v1/repairs", "A=200 R=200/404 I=200/404 D=403 G=403", w -> get("/repairs?itemId=" + w.repairItem + L))
        .hides(w -> w.repair, Who.R, Who.I));
    row("GET /api/v1/repairs/{id}", "A=200 R=200/404 I=200/404 D=403 G=403", w -> get("/repairs/" + w.repair));
    row("POST /api/v1/repairs/{id}/start", "A=200 R=200/404 I=200/404 D=403 G=403", w -> post("/repairs/" + w.freshRepair() + "/start", null));
    row("POST /api/v1/repairs/{id}/done", "A=200 R=200/404 I=200/404 D=403 G=403",
        w -> post("/repairs/" + w.freshStartedRepair() + "/done", map("cost", "50.00", "notes", "更换轴承")));
    row("POST /api/v1/repairs/{id}/unrepairable", "A=200 R=200/404 I=200/404 D=403 G=403",
        w -> post("/repairs/" + w.freshStartedRepair() + "/unrepairable", map("notes", "无法修复")));
    row("POST /api/v1/recycling", "A=201 R=201/422 I=201/422 D=403 G=403", w -> post("/recycling", MatrixWorld.recyclingBody(w.type, w.centre)));
    replace(row("GET /api/v1/recycling", "A=200 R=200 I=200 D=403 G=403", w -> get("/recycling?status=RECEIVED" + L))
        .hides(w -> w.recycling, Who.R, Who.I));
    row("GET /api/v1/recycling/{id}", "A=200 R=200/404 I=200/404 D=403 G=403", w -> get("/recycling/" + w.recycling));
    row("POST /api/v1/recycling/{id}/inspect", "A=200 R=200/404 I=200/404 D=403 G=403",
        w -> post("/recycling/" + w.freshRecycling() + "/inspect", map("outcome", "SCRAP")));
    // ---- notification outbox (issue 21): every role's own inbox; dead letters for the global ADMIN only ----
    row("GET /api/v1/me/notifications", "A=200 R=200 I=200 D=200 G=200", w -> get("/me/notifications?limit=500"));
    row("GET /api/v1/me/notifications/unread-count", "A=200 R=200 I=200 D=200 G=200", w -> get("/me/notifications/unread-count"));
    row("POST /api/v1/me/notifications/{id}/read", "A=404 R=404 I=404 D=404 G=404", w -> post("/me/notifications/" + UUID.randomUUID() + "/read", null));
    row("GET /api/v1/me/notification-preferences", "A=200 R=200 I=200 D=200 G=200", w -> get("/me/notification-preferences"));
    row("PUT /api/v1/me/notification-preferences", "A=200 R=200 I=200 D=200 G=200",
        w -> put("/me/notification-preferences", map("language", "zh-CN", "emailOn", false, "webhookOn", true)));
    row("GET /api/v1/notification-deliveries", "A=200 R=403 I=403 D=403 G=403", w -> get("/notification-deliveries?status=DEAD" + L));
    row("POST /api/v1/notification-deliveries/{id}/retry", "A=404 R=403 I=403 D=403 G=403",
        w -> post("/notification-deliveries/" + UUID.randomUUID() + "/retry", null));
    // CSV import (a String body is sent as text/csv): a town admin importing into another town is refused row by row (422)
    row("POST /api/v1/persons/import", "A=200 R=200/422 I=403 D=403 G=403", w -> post("/persons/import?dryRun=true",
        "name,gender,birthDate,idNumber,certificateNo,category,grade,regionCode\n"
            + MatrixWorld.csvPersonLine(w.community)));
    // ---- indicator reports (federation staff only; a town admin only their own subtree) ----
    row("GET /api/v1/reports/indicators", "A=200 R=200/404 I=403 D=403 G=403",
        w -> get("/reports/indicators?year=" + year() + "&regionCode=" + w.town));
    row("GET /api/v1/reports/indicators/{code}/unserved", "A=200 R=200/404 I=403 D=403 G=403",
        w -> get("/reports/indicators/REHAB_SERVICE_RATE/unserved?year=" + year() + "&regionCode=" + w.town));
    row("GET /api/v1/reports/indicators/{code}/measure-report", "A=200 R=200/404 I=403 D=403 G=403",
        w -> get("/reports/indicators/DEVICE_FITTING_RATE/measure-report?year=" + year() + "&regionCode=" + w.town));
    row("POST /api/v1/reports/snapshots", "A=201 R=201/404 I=403 D=403 G=403",
        w -> post("/reports/snapshots", map("year", year(), "regionCode", w.town)));
    row("GET /api/v1/reports/snapshots", "A=200 R=200 I=403 D=403 G=403", w -> get("/reports/snapshots?year=" + year() + L));
    row("GET /api/v1/reports/snapshots/{id}", "A=200 R=200/404 I=403 D=403 G=403", w -> get("/reports/snapshots/" + w.freshSnapshot()));
    row("GET /api/v1/reports/snapshots/{id}/verification", "A=200 R=200/404 I=403 D=403 G=403",
        w -> get("/reports/snapshots/" + w.freshSnapshot() + "/verification"));
    // ---- periods (DESIGN section 10): closing and reopening is a district act; each cell gets a month of its own ----
    row("GET /api/v1/periods", "A=200 R=200 I=403 D=403 G=403", w -> get("/periods?year=" + year()));
    row("POST /api/v1/periods/{period}/close", "A=200 R=403 I=403 D=403 G=403",
        w -> post("/periods/" + matrixMonth() + "/close", map("note", "矩阵")));
    row("POST /api/v1/periods/{period}/reopen", "A=200 R=403 I=403 D=403 G=403",
        w -> post("/periods/" + closedMatrixMonth() + "/reopen", map("reason", "矩阵")));
    // ---- fee schedule and settlement (DESIGN section 11): the district federation settles; an institution reads its own ----
    row("GET /api/v1/fee-schedules/{year}", "A=200 R=200 I=200 D=200 G=200", w -> get("/fee-schedules/" + year()));
    row("PUT /api/v1/fee-schedules/{year}", "A=200 R=403 I=403 D=403 G=403", w -> put("/fee-schedules/2098",
        map("items", List.of(map("serviceType", "REHAB_TRAINING", "maxFee", "300.00")), "effectiveFrom", "2098-01-01")));
    row("POST /api/v1/settlements", "A=201 R=403 I=403 D=403 G=403", w -> post("/settlements",
        map("institutionId", w.ghost ? UUID.randomUUID().toString() : SettlementWorld.designatedInstitution(), "period", SettlementWorld.closedMonth())));
    row("GET /api/v1/settlements", "A=200 R=200 I=200 D=403 G=403", w -> get("/settlements?institutionId=" + w.centre));
    row("GET /api/v1/settlements/{id}", "A=200 R=200/404 I=200/404 D=403 G=403", w -> get("/settlements/" + w.settlement()));
    replace(ROWS.get(ROWS.size() - 1).hides(MatrixWorld::settlement, Who.R, Who.I));
    row("POST /api/v1/settlements/{id}/lines/{sessionId}/reject", "A=200 R=403 I=403 D=403 G=403", w -> {
      String[] line = w.ghost ? new String[] {UUID.randomUUID().toString(), UUID.randomUUID().toString()} : SettlementWorld.draftWithLine();
      return post("/settlements/" + line[0] + "/lines/" + line[1] + "/reject", map("reason", "矩阵核减"));
    });
    row("POST /api/v1/settlements/{id}/approve", "A=200 R=403 I=403 D=403 G=403",
        w -> post("/settlements/" + (w.ghost ? UUID.randomUUID().toString() : SettlementWorld.draft(SettlementWorld.designatedInstitution())) + "/approve", null));
    return ROWS;
  }

  private static final AtomicInteger MATRIX_MONTH = new AtomicInteger();

  /** A month long past that no other test writes into (2008 onwards, one per call). */
  private static String matrixMonth() { return java.time.YearMonth.of(2008, 1).plusMonths(MATRIX_MONTH.getAndIncrement()).toString(); }

  private static String closedMatrixMonth() {
    String m = matrixMonth();
    Api.Resp r = TestApp.admin().post("/periods/" + m + "/close", map("note", "矩阵"));
    if (r.status() != 200) throw new IllegalStateException(r.toString());
    return m;
  }

  // ---- the run ----

  private static AppUser loginUser;
  private final List<String> failures = new ArrayList<>();
  private final Map<String, Integer> counts = new LinkedHashMap<>();

  @Test
  void everyServedEndpointHasARow_andEveryRowIsServed() {
    Set<String> rowed = new TreeSet<>();
    rows().forEach(r -> rowed.add(r.endpoint()));
    assertRowsMatch(ServedEndpoints.all(), rowed, "endpoints without a row in AuthorizationMatrixTest.rows() (add one per endpoint)");
  }

  /** Every served endpoint has a row, and every row names a served endpoint. */
  private static void assertRowsMatch(Set<String> served, Set<String> rowed, String missingMessage) {
    Set<String> missing = new TreeSet<>(served);
    missing.removeAll(rowed);
    Set<String> stale = new TreeSet<>(rowed);
    stale.removeAll(served);
    assertTrue(missing.isEmpty(), missingMessage + ": " + missing);
    assertTrue(stale.isEmpty(), "rows for endpoints the application does not serve: " + stale);
  }

  private static MatrixWorld home;
  private static MatrixWorld away;

  private static synchronized void worlds() {
    if (home == null) {
      home = MatrixWorld.build();
      away = MatrixWorld.build();
    }
  }

  /** A town admin may not designate doctors at all: the same 403 for another town's, an unknown and its own institution. */
  @Test
  void townAdmin_isRefusedDoctors_alikeForEveryInstitution() {
    worlds();
    Api townAdmin = home.townAdmin;
    Api.Resp other = townAdmin.post("/doctors", map("name", "医生", "institutionId", away.clinic, "licenseNo", "MX-" + UUID.randomUUID()));
    Api.Resp unknown = townAdmin.post("/doctors", map("name", "医生", "institutionId", UUID.randomUUID().toString(), "licenseNo", "MX-" + UUID.randomUUID()));
    Api.Resp here = townAdmin.post("/doctors", map("name", "医生", "institutionId", home.clinic, "licenseNo", "MX-" + UUID.randomUUID()));
    org.junit.jupiter.api.Assertions.assertEquals(403, other.status(), other.toString());
    org.junit.jupiter.api.Assertions.assertEquals(problem(unknown), problem(other));
    org.junit.jupiter.api.Assertions.assertEquals(problem(here), problem(other));
  }

  /**
   * Referrals (issue 19) beyond the table's HOME/AWAY pairs: a second doctor of the SAME clinic (B) must get nothing of
   * doctor A's referrals or contracted person (the design scopes a referral to its referring doctor, not to the
   * clinic); neither may the other clinic's doctor, an institution that is not the receiving one (even after
   * acceptance), a guardian, or the admin of another town. Each refusal leaves the database unchanged, and each 404
   * equals the 404 for an id that exists nowhere. Positive controls (A, the receiving centre, the HOME town admin)
   * keep the test able to fail.
   */
  @Test
  void referrals_twoDoctorsInOneClinic_otherClinic_otherInstitution_guardian_otherTownAdmin() {
    worlds();
    List<String> bad = new ArrayList<>();
    String person = home.freshContractedPerson();
    String pending = created(home.doctorApi.post("/referrals", home.referralBody(person)));
    String acceptedPerson = home.freshContractedPerson();
    String accepted = created(home.doctorApi.post("/referrals", home.referralBody(acceptedPerson)));
    expect(bad, "centre accepts", home.staff.post("/referrals/" + accepted + "/accept", map()), 200);
    String doctorBId = Fixtures.doctor(home.clinic).path("id").asText();
    Api doctorB = Fixtures.doctorUser(doctorBId);
    String bPerson = home.freshPerson();
    created(TestApp.admin().post("/contracts", MatrixWorld.contractBody(bPerson, doctorBId)));
    Api otherCentre = Fixtures.institutionUser(Fixtures.institution(home.community, false, "REHAB").path("id").asText());
    String unknown = UUID.randomUUID().toString();

    // positive controls
    expect(bad, "A reads own", home.doctorApi.get("/referrals/" + pending), 200);
    expect(bad, "centre reads incoming", home.staff.get("/referrals/" + pending), 200);
    expect(bad, "HOME town admin reads", home.townAdmin.get("/referrals/" + pending), 200);
    expect(bad, "centre reaches the accepted person", home.staff.get("/persons/" + acceptedPerson), 200);

    Map<String, Api> outsiders = new LinkedHashMap<>();
    outsiders.put("doctor B of the same clinic", doctorB);
    outsiders.put("the other clinic's doctor", away.doctorApi);
    outsiders.put("another institution of the same community", otherCentre);
    outsiders.put("the other town's institution", away.staff);
    outsiders.put("the other town's admin", away.townAdmin);
    outsiders.put("a guardian", home.guardian);
    for (Map.Entry<String, Api> o : outsiders.entrySet()) {
      String who = o.getKey();
      Api api = o.getValue();
      for (String rid : List.of(pending, accepted)) {
        sameAsUnknown(bad, who + " GET referral", api, "GET", "/referrals/" + rid, "/referrals/" + unknown, null);
      }
      sameAsUnknown(bad, who + " cancel", api, "POST", "/referrals/" + pending + "/cancel", "/referrals/" + unknown + "/cancel", null);
      sameAsUnknown(bad, who + " accept", api, "POST", "/referrals/" + pending + "/accept", "/referrals/" + unknown + "/accept", map());
      sameAsUnknown(bad, who + " decline", api, "POST", "/referrals/" + pending + "/decline", "/referrals/" + unknown + "/decline",
          map("reason", "不收"));
      Api.Resp list = api.get("/referrals?limit=500");
      if (list.status() == 200 && (list.text().contains(pending) || list.text().contains(accepted))) bad.add(who + ": lists A's referral");
      if (!who.equals("a guardian")) {
        sameAsUnknown(bad, who + " GET A's accepted person", api, "GET", "/persons/" + acceptedPerson, "/persons/" + unknown, null);
      }
    }
    // doctor B: A's contracted person answers like an unknown person, for referring, logging and planning
    sameAsUnknown(bad, "doctor B refers A's person", doctorB, "POST", "/referrals", "/referrals", home.referralBody(person),
        home.referralBody(unknown));
    sameAsUnknown(bad, "doctor B logs for A's person", doctorB.withHeader("Idempotency-Key", "mx-" + UUID.randomUUID()), "POST", "/sessions",
        "/sessions", homeVisit(person), homeVisit(unknown));
    sameAsUnknown(bad, "doctor B plans for A's person", doctorB, "POST", "/persons/" + person + "/plans", "/persons/" + unknown + "/plans",
        MatrixWorld.planBody(home.centre), MatrixWorld.planBody(home.centre));
    // doctor B may not name A's referral in a plan of B's own contracted person
    DbState.Snapshot before = DbState.snapshot();
    Map<String, Object> plan = MatrixWorld.planBody(home.centre);
    @SuppressWarnings("unchecked")
    Map<String, Object> iv = new LinkedHashMap<>(((List<Map<String, Object>>) plan.get("interventions")).get(0));
    iv.put("referralId", pending);
    plan.put("interventions", List.of(iv));
    Api.Resp named = doctorB.post("/persons/" + bPerson + "/plans", plan);
    expect(bad, "doctor B names A's referral in a plan", named, 422);
    if (!named.text().contains("interventions[0].referralId")) bad.add("doctor B's plan refusal does not name interventions[0].referralId: " + named.text());
    if (!DbState.changedSince(before, Set.of()).isEmpty()) bad.add("doctor B's refused plan changed " + DbState.changedSince(before, Set.of()));
    // the other town's admin: take-up shows no HOME town
    Api.Resp takeUp = away.townAdmin.get("/referrals/take-up?year=" + year());
    if (takeUp.text().contains(home.town)) bad.add("the other town's admin sees the HOME town's take-up");
    expect(bad, "status unchanged", home.doctorApi.get("/referrals/" + pending), 200);
    if (!"PENDING".equals(home.doctorApi.get("/referrals/" + pending).json().path("status").asText())) bad.add("A's referral changed state");
    assertTrue(bad.isEmpty(), String.join("\n", bad));
  }

  private static Map<String, Object> homeVisit(String person) {
    Map<String, Object> m = MatrixWorld.plainSessionBody(person);
    m.put("setting", "HOME");
    m.put("fee", "0.00");
    return m;
  }

  private static String created(Api.Resp r) {
    if (r.status() != 201) throw new IllegalStateException(r.toString());
    return r.json().path("id").asText();
  }

  private static void expect(List<String> bad, String cell, Api.Resp r, int status) {
    if (r.status() != status) bad.add(cell + ": expected " + status + " but got " + r.status() + " " + abbreviate(r.text()));
  }

  private static void sameAsUnknown(List<String> bad, String cell, Api api, String method, String path, String unknownPath, Object body) {
    sameAsUnknown(bad, cell, api, method, path, unknownPath, body, body);
  }

  /** A refusal (4xx) that changes nothing and, when 404, reads exactly like the answer for an unknown id. */
  private static void sameAsUnknown(List<String> bad, String cell, Api api, String method, String path, String unknownPath, Object body,
                                    Object unknownBody) {
    DbState.Snapshot before = DbState.snapshot();
    Api.Resp r = api.send(method, path, body, body == null ? null : "application/json");
    if (r.status() < 400) {
      bad.add(cell + ": allowed (" + r.status() + ")");
      return;
    }
    Set<String> changed = DbState.changedSince(before, Set.of("idempotency_keys"));
    if (!changed.isEmpty()) bad.add(cell + ": refused with " + r.status() + " but changed " + changed);
    if (r.status() == 404) {
      Api.Resp u = api.send(method, unknownPath, unknownBody, unknownBody == null ? null : "application/json");
      if (!problem(u).equals(problem(r))) bad.add(cell + ": differs from an unknown id: " + problem(r) + " vs " + problem(u));
    }
  }

  @Test
  void everyCallerGetsTheDesignAnswer_andRefusalsChangeNothing() {
    worlds();
    MatrixWorld ghost = away.ghost();
    loginUser = user("ADMIN", null, null, List.of(), null);
    Map<Who, AppUser> users = new EnumMap<>(Who.class);
    users.put(Who.A, user("ADMIN", null, null, List.of(), null));
    users.put(Who.R, user("ADMIN", null, null, List.of(), home.town));
    users.put(Who.I, user("INSTITUTION", UUID.fromString(home.centre), null, List.of(), null));
    users.put(Who.D, user("DOCTOR", null, UUID.fromString(home.doctor), List.of(), null));
    users.put(Who.G, home.guardianUser);
    Map<Who, Api> callers = new EnumMap<>(Who.class);
    users.forEach((who, u) -> callers.put(who, Fixtures.login(u)));
    Map<Token, Api> tokens = tokens(users.get(Who.A));
    MatrixContents contents = new MatrixContents(home, away, failures);
    Map<Who, Set<String>> full = Map.of(Who.A, Set.of(home.child, away.child), Who.R, Set.of(home.child), Who.I, Set.of(), Who.D, Set.of(),
        Who.G, Set.of(home.child));

    for (Row row : rows()) {
      Map<MatrixWorld, Req> cached = new HashMap<>();
      for (Who who : Who.values()) {
        for (int side = 0; side < 2; side++) {
          Api caller = row.freshLogin() ? Fixtures.login(users.get(who)) : callers.get(who);
          MatrixWorld w = side == 0 ? home : away;
          int want = row.expect().get(who)[side];
          String cell = row.endpoint() + " as " + who + (side == 0 ? " on own" : " on other's");
          // a 2xx acts on a record of its own; refusals share one request per world
          Req req = want < 300 ? row.request().apply(w) : cached.computeIfAbsent(w, row.request());
          Map<String, Long> audited = contents.mark(users.get(who));
          Api.Resp r = check(cell, row, caller, req, want);
          if (r == null) continue;
          contents.judge(cell, who.name(), users.get(who), full.get(who), r, audited,
              row.endpoint().equals("POST /api/v1/persons/lookup") && who != Who.A && who != Who.R);
          if (side == 1 && want == 404) compareWithGhost(cell, row, caller, req, r, ghost);
          if (side == 1 && r.status() < 300 && row.hidden() != null && row.hiddenFrom().contains(who)
              && r.text().contains(row.hidden().apply(away))) {
            failures.add(cell + ": lists the out-of-scope record " + row.hidden().apply(away));
          }
        }
      }
      for (Token t : Token.values()) {
        int want = row.isPublic() ? row.expect().get(Who.A)[0] : 401;
        Req req = want < 300 ? row.request().apply(home) : cached.computeIfAbsent(home, row.request());
        check(row.endpoint() + " with " + t + " token", row, tokens.get(t), req, want);
      }
    }
    contents.finish();
    System.out.println("authorization matrix: " + rows().size() + " endpoints, " + counts + "; views of a child judged by the candidates rule: "
        + contents.views());
    assertTrue(failures.isEmpty(), failures.size() + " cells differ from the design:\n" + String.join("\n", failures));
  }

  /** The pages have rows too (the page half of the matrix, {@link PageMatrix}): every one served, none stale. */
  @Test
  void everyServedPageHasARow_andEveryRowIsServed() {
    Set<String> rowed = new TreeSet<>();
    PageMatrix.rows().forEach(r -> rowed.add(r.endpoint()));
    assertRowsMatch(ServedEndpoints.pages(), rowed, "pages without a row in PageMatrix.rows() (add one per page and form)");
  }

  @Test
  void everyPageAndForm_givesEveryCallerTheDesignAnswer_andRefusalsChangeNothing() {
    worlds();
    Map<Token, Api> stale = tokens(user("ADMIN", null, null, List.of(), null));
    PageMatrixRun run = PageMatrixRun.run(home, away, stale.get(Token.EXPIRED).token(), stale.get(Token.REVOKED).token());
    System.out.println("authorization matrix, pages: " + PageMatrix.rows().size() + " rows, " + run.counts);
    assertTrue(run.failures.isEmpty(), run.failures.size() + " page cells differ from the design:\n" + String.join("\n", run.failures));
  }

  /** Sends one request; checks status, problem shape and (for refusals) that nothing changed. Null when it failed. */
  private Api.Resp check(String cell, Row row, Api caller, Req req, int want) {
    String template = row.endpoint().substring(row.endpoint().indexOf(' ') + 1);
    if (!req.method().equals(row.endpoint().substring(0, row.endpoint().indexOf(' '))) || !ServedEndpoints.fits(template, "/api/v1" + req.path())) {
      failures.add(cell + ": the row builds " + req.method() + " " + req.path() + ", which is not this endpoint");
      return null;
    }
    DbState.Snapshot before = want >= 300 ? DbState.snapshot() : null;
    Api.Resp r = send(caller, req);
    counts.merge(r.status() < 300 ? "2xx" : String.valueOf(r.status()), 1, Integer::sum);
    if (r.status() != want) {
      failures.add(cell + ": expected " + want + " but got " + r.status() + " " + abbreviate(r.text()));
      return null;
    }
    if (want >= 400 && !"application/problem+json".equals(r.contentType())) failures.add(cell + ": refusal is not problem+json: " + r.contentType());
    if (before != null) {
      Set<String> changed = DbState.changedSince(before, row.mayChange());
      if (!changed.isEmpty()) failures.add(cell + ": refused with " + r.status() + " but the database changed: " + changed);
    }
    return r;
  }

  /** An out-of-scope record must answer exactly like an id that exists nowhere (no existence leak). */
  private void compareWithGhost(String cell, Row row, Api caller, Req real, Api.Resp answer, MatrixWorld ghost) {
    Api.Resp unknown = send(caller, row.request().apply(ghost));
    if (!problem(unknown).equals(problem(answer))) {
      failures.add(cell + ": out-of-scope answer differs from the answer for an unknown id: " + problem(answer) + " vs " + problem(unknown));
    }
  }

  private static String problem(Api.Resp r) {
    JsonNode j = r.json();
    return r.status() + " " + j.path("type").asText() + " " + j.path("title").asText() + " " + j.path("detail").asText() + " " + j.path("errors");
  }

  private static Api.Resp send(Api caller, Req req) {
    Api a = caller;
    for (Map.Entry<String, String> h : req.headers().entrySet()) a = a.withHeader(h.getKey(), h.getValue());
    String type = req.body() == null ? null : req.body() instanceof String ? "text/csv" : "application/json";
    return a.send(req.method(), req.path(), req.body(), type);
  }

  private static String abbreviate(String s) { return s.length() > 300 ? s.substring(0, 300) + "…" : s; }

  /** A new INSTITUTION user of the world's centre (a random id in a ghost world). */
  private static String freshStaffUser(MatrixWorld w) {
    if (w.ghost) return UUID.randomUUID().toString();
    return user("INSTITUTION", UUID.fromString(w.centre), null, List.of(), null).id().toString();
  }

  /** A new GUARDIAN of the world's child (a random id in a ghost world). */
  private static String freshGuardian(MatrixWorld w) {
    if (w.ghost) return UUID.randomUUID().toString();
    return user("GUARDIAN", null, null, List.of(UUID.fromString(w.child)), null).id().toString();
  }

  private static AppUser user(String role, UUID institution, UUID doctor, List<UUID> children, String region) {
    return Fixtures.createUserDirect(Fixtures.username("mx-" + role.toLowerCase()), role, institution, doctor, children, region);
  }

  /** No token; a token of a real ADMIN that expired an hour ago (row inserted directly); a revoked one. */
  private static Map<Token, Api> tokens(AppUser admin) {
    Map<Token, Api> out = new EnumMap<>(Token.class);
    out.put(Token.NONE, TestApp.anonymous());
    String expired = "mx-expired-" + UUID.randomUUID();
    Instant now = TestApp.context().clock().instant();
    TestApp.jdbi().useHandle(h -> h.createUpdate(
            "INSERT INTO auth_tokens (token_hash, user_id, created_at, expires_at) VALUES (:h, :u, :c, :e)")
        .bind("h", sha256(expired)).bind("u", admin.id()).bind("c", now.minus(13, ChronoUnit.HOURS)).bind("e", now.minus(1, ChronoUnit.HOURS))
        .execute());
    out.put(Token.EXPIRED, new Api(TestApp.baseUrl(), expired));
    Api revoked = Fixtures.login(admin);
    if (revoked.delete("/auth/token").status() != 204) throw new IllegalStateException("logout failed");
    out.put(Token.REVOKED, revoked);
    return out;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
