package cn.donghe.rehab.hardening;

import static cn.donghe.rehab.hardening.MatrixWorld.today;
import static cn.donghe.rehab.hardening.MatrixWorld.year;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Fixtures;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The page half of the authorization matrix (issue 15: "every /app/** web page and form, not only /api/v1"): one
 * row per page and form the application serves outside /api/v1, with the designed answer of each caller for the
 * HOME world's record and the AWAY world's (docs/web.md: a page of another role is a 403 page, a record out of
 * scope the same 404 page as an unknown id, a form that succeeds redirects (303), signed out goes to sign-in).
 * {@link PageMatrixRun} sends them and judges the answers; the table is kept here, apart, like the API's.
 *
 * <p>Callers (more than the API half, each differing from a HOME caller in one thing): A global ADMIN, R town ADMIN
 * of the HOME town, I staff of the HOME centre (REHAB + DEVICE, child-aid designated, served the HOME child),
 * J staff of a REHAB-only, undesignated institution in the same community that never served anyone, D the HOME
 * doctor (contracted with the HOME child), E another doctor of the same clinic (no contract), G the HOME child's
 * guardian. AWAY is another town, centre, doctor, child and guardian.
 *
 * <p>Expectations read {@code "A=200 R=200/404 I=403 ..."} (one status for both records, or own/other) and may start
 * with {@code anon=N}: what a visitor without a valid session (none, expired, revoked) gets; default 303 to the
 * sign-in page. Anonymous clients read no page first, so they carry no form token.
 */
final class PageMatrix {
  enum Who { A, R, I, J, D, E, G }

  /** A page request: method, path with query, form fields (POST). */
  record Req(String method, String path, Map<String, String> form) {}

  /** One page or form: the endpoint as Jersey serves it, the answers, how to build the request against a world. */
  record Row(String endpoint, Map<Who, int[]> expect, int anon, Function<MatrixWorld, Req> request,
             Function<MatrixWorld, String> hidden, Set<Who> hiddenFrom, Set<String> mayChange, boolean freshLogin) {
    Row hides(Function<MatrixWorld, String> id, Who... from) {
      return new Row(endpoint, expect, anon, request, id, Set.of(from), mayChange, freshLogin);
    }

    Row mayChange(String... tables) { return new Row(endpoint, expect, anon, request, hidden, hiddenFrom, Set.of(tables), freshLogin); }

    Row withFreshLogin() { return new Row(endpoint, expect, anon, request, hidden, hiddenFrom, mayChange, true); }
  }

  private static final List<Row> ROWS = new ArrayList<>();
  private static final AtomicInteger FUTURE_YEAR = new AtomicInteger(2080);
  private static final AtomicInteger MONTH = new AtomicInteger();
  /** Set by the run: the HOME world, for rows that cross a body id of the AWAY world into a HOME page. */
  static MatrixWorld home;

  private PageMatrix() {}

  private static Row row(String endpoint, String expect, Function<MatrixWorld, Req> request) {
    Map<Who, int[]> m = new EnumMap<>(Who.class);
    int anon = 303;
    for (String cell : expect.trim().split("\\s+")) {
      String[] kv = cell.split("=");
      String[] v = kv[1].split("/");
      if (kv[0].equals("anon")) anon = Integer.parseInt(v[0]);
      else m.put(Who.valueOf(kv[0]), new int[] {Integer.parseInt(v[0]), Integer.parseInt(v[v.length - 1])});
    }
    if (m.size() != Who.values().length) throw new IllegalArgumentException("every caller needs an answer: " + endpoint);
    Row r = new Row(endpoint, m, anon, request, null, Set.of(), Set.of(), false);
    ROWS.add(r);
    return r;
  }

  private static void replace(Row r) { ROWS.set(ROWS.size() - 1, r); }

  static Req get(String path) { return new Req("GET", path, Map.of()); }

  static Req post(String path, Object... kv) {
    Map<String, String> f = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) f.put((String) kv[i], String.valueOf(kv[i + 1]));
    return new Req("POST", path, f);
  }

  private static final String ADMIN_ONLY = "R=403 I=403 J=403 D=403 E=403 G=403";
  private static final String DEVICE = "A=403 R=403 J=403 D=403 E=403 G=403 I=";
  private static final String DOCTOR = "A=403 R=403 I=403 J=403 G=403 ";

  /** THE TABLE. One row (or more) per page and form; extra rows carry ids of the AWAY world in a HOME form. */
  static synchronized List<Row> rows() {
    if (!ROWS.isEmpty()) return ROWS;
    // ---- sign-in, preferences, API reference: open to all; signed-in visitors of the sign-in page go home ----
    row("GET /", "anon=200 A=303 R=303 I=303 J=303 D=303 E=303 G=303", w -> get("/"));
    // a wrong password (for a name nobody has) is a counted failure; without the form token (anonymous) a 403
    replace(row("POST /login", "anon=403 A=401 R=401 I=401 J=401 D=401 E=401 G=401",
        w -> post("/login", "username", "nobody-" + Fixtures.next(), "password", "wrong-" + Fixtures.PASSWORD)).mayChange("rate_limits"));
    replace(row("POST /logout", "A=303 R=303 I=303 J=303 D=303 E=303 G=303", w -> post("/logout")).withFreshLogin());
    row("GET /prefs/lang", "anon=303 A=303 R=303 I=303 J=303 D=303 E=303 G=303", w -> get("/prefs/lang?to=en&back=/app"));
    row("GET /prefs/view", "anon=303 A=303 R=303 I=303 J=303 D=303 E=303 G=303", w -> get("/prefs/view?large=1&back=/app"));
    row("GET /api/docs", "anon=200 A=200 R=200 I=200 J=200 D=200 E=200 G=200", w -> get("/api/docs"));
    // ---- every role ----
    // an institution's home page leads with its incoming referrals: the HOME centre's, never the AWAY centre's
    replace(row("GET /app", "A=200 R=200 I=200 J=200 D=200 E=200 G=200", w -> get("/app")).hides(MatrixWorld::referral, Who.I, Who.J));
    row("GET /app/persons/{id}", "A=200 R=200/404 I=200/404 J=404 D=200/404 E=404 G=200/404", w -> get("/app/persons/" + w.child));
    row("GET /app/aid-accounts/{id}/statement.csv", "A=200 R=200/404 I=200/404 J=404 D=200/404 E=404 G=200/404",
        w -> get("/app/aid-accounts/" + w.account + "/statement.csv"));
    // ---- guardian ----
    row("GET /app/guardian/children", "A=403 R=403 I=403 J=403 D=403 E=403 G=200", w -> get("/app/guardian/children"));
    row("GET /app/guardian/children/{id}", "A=403 R=403 I=403 J=403 D=403 E=403 G=200/404", w -> get("/app/guardian/children/" + w.child));
    // ---- institution: find (anyone, card in hand: a fresh person, so the 24-hour reach opens nothing below), serve, sessions ----
    row("GET /app/institution/find", "A=403 R=403 I=200 J=200 D=403 E=403 G=403", w -> get("/app/institution/find"));
    replace(row("POST /app/institution/find", "A=403 R=403 I=200 J=200 D=403 E=403 G=403",
        w -> post("/app/institution/find", "kind", "idNumber", "number", w.freshPersonIdNumber())).mayChange("audit_events", "rate_limits"));
    row("GET /app/institution/persons/{id}", "A=403 R=403 I=200/404 J=404 D=403 E=403 G=403", w -> get("/app/institution/persons/" + w.child));
    row("POST /app/institution/persons/{id}/sessions", "A=403 R=403 I=303/404 J=404 D=403 E=403 G=403",
        w -> post("/app/institution/persons/" + w.child + "/sessions", sessionForm(null)));
    // the AWAY world's plan named in a HOME session form: like an unknown plan, nothing logged
    row("POST /app/institution/persons/{id}/sessions", "A=403 R=403 I=303/422 J=404 D=403 E=403 G=403",
        w -> post("/app/institution/persons/" + home.child + "/sessions", sessionForm(w.plan)));
    replace(row("GET /app/institution/sessions", "A=403 R=403 I=200 J=200 D=403 E=403 G=403", w -> get("/app/institution/sessions"))
        .hides(w -> w.session, Who.I, Who.J));
    row("GET /app/institution/sessions/{sid}", "A=403 R=403 I=200/404 J=404 D=403 E=403 G=403", w -> get("/app/institution/sessions/" + w.session));
    row("POST /app/institution/sessions/{sid}/void", "A=403 R=403 I=303/404 J=404 D=403 E=403 G=403",
        w -> post("/app/institution/sessions/" + w.freshSession() + "/void", "reason", "录入错误"));
    // ---- incoming referrals (issue 19): only the receiving institution (J, not the target, gets the 404 page) ----
    row("GET /app/institution/referrals/{rid}", "A=403 R=403 I=200/404 J=404 D=403 E=403 G=403",
        w -> get("/app/institution/referrals/" + w.referral()));
    row("POST /app/institution/referrals/{rid}/accept", "A=403 R=403 I=303/404 J=404 D=403 E=403 G=403",
        w -> post("/app/institution/referrals/" + w.freshReferral() + "/accept", "appointmentOn", today().plusDays(7)));
    row("POST /app/institution/referrals/{rid}/decline", "A=403 R=403 I=303/404 J=404 D=403 E=403 G=403",
        w -> post("/app/institution/referrals/" + w.freshReferral() + "/decline", "reason", "暂无名额"));
    // ---- device staff (a REHAB-only institution: 403 pages) ----
    replace(row("GET /app/institution/devices", DEVICE + "200", w -> get("/app/institution/devices")).hides(w -> w.loan, Who.I));
    row("GET /app/institution/devices/loans/{id}", DEVICE + "200/404", w -> get("/app/institution/devices/loans/" + w.loan));
    row("POST /app/institution/devices/loans/{id}/extend", DEVICE + "303/404",
        w -> post("/app/institution/devices/loans/" + w.freshLoan() + "/extend", "dueDate", today().plusDays(90)));
    row("POST /app/institution/devices/loans/{id}/return", DEVICE + "303/404",
        w -> post("/app/institution/devices/loans/" + w.freshLoan() + "/return", "returnedOn", today(), "condition", "GOOD"));
    row("GET /app/institution/devices/repairs/{id}", DEVICE + "200/404", w -> get("/app/institution/devices/repairs/" + w.repair));
    row("POST /app/institution/devices/repairs/{id}/start", DEVICE + "303/404",
        w -> post("/app/institution/devices/repairs/" + w.freshRepair() + "/start"));
    row("POST /app/institution/devices/repairs/{id}/done", DEVICE + "303/404",
        w -> post("/app/institution/devices/repairs/" + w.freshStartedRepair() + "/done", "cost", "50.00", "notes", "更换轴承", "condition", "GOOD"));
    row("POST /app/institution/devices/repairs/{id}/unrepairable", DEVICE + "303/404",
        w -> post("/app/institution/devices/repairs/" + w.freshStartedRepair() + "/unrepairable", "closingNotes", "无法修复"));
    row("GET /app/institution/devices/recycling", DEVICE + "200", w -> get("/app/institution/devices/recycling"));
    row("POST /app/institution/devices/recycling", DEVICE + "303", w -> post("/app/institution/devices/recycling",
        "deviceTypeCode", MatrixWorld.sharedType(), "serialNo", "PX-" + UUID.randomUUID().toString().substring(0, 12), "condition", "FAIR"));
    replace(row("GET /app/institution/fittings", DEVICE + "200", w -> get("/app/institution/fittings")).hides(w -> w.fitting, Who.I));
    // a fitting for a person found by number (a fresh one, as for find); a refusal looks nobody up (no audit, no reach)
    row("POST /app/institution/fittings", DEVICE + "303", w -> post("/app/institution/fittings",
        "kind", "idNumber", "number", w.freshPersonIdNumber(), "deviceTypeCode", MatrixWorld.sharedType()));
    row("GET /app/institution/fittings/{id}", DEVICE + "200/404", w -> get("/app/institution/fittings/" + w.fitting));
    row("POST /app/institution/fittings/{id}/assess", DEVICE + "303/404",
        w -> post("/app/institution/fittings/" + w.freshFitting() + "/assess", "suitable", "true", "notes", "适合"));
    row("POST /app/institution/fittings/{id}/deliver", DEVICE + "303/404",
        w -> post("/app/institution/fittings/" + w.freshAssessedFitting() + "/deliver", "deliveredOn", today(), "subsidy", "0.00"));
    row("POST /app/institution/fittings/{id}/follow-up", DEVICE + "303/404",
        w -> post("/app/institution/fittings/" + w.freshDeliveredFitting() + "/follow-up", "on", today(), "outcome", "IN_USE"));
    row("POST /app/institution/fittings/{id}/cancel", DEVICE + "303/404",
        w -> post("/app/institution/fittings/" + w.freshFitting() + "/cancel", "reason", "不需要了"));
    // ---- family doctor: D is contracted with the HOME child, E (same clinic) with nobody ----
    replace(row("GET /app/doctor/persons", DOCTOR + "D=200 E=200", w -> get("/app/doctor/persons")).hides(w -> w.child, Who.D, Who.E));
    row("GET /app/doctor/worklist", DOCTOR + "D=200 E=200", w -> get("/app/doctor/worklist"));
    row("GET /app/doctor/expiring", DOCTOR + "D=200 E=200", w -> get("/app/doctor/expiring"));
    row("GET /app/doctor/persons/{id}", DOCTOR + "D=200/404 E=404", w -> get("/app/doctor/persons/" + w.child));
    row("GET /app/doctor/persons/{id}/assessment", DOCTOR + "D=200/404 E=404",
        w -> get("/app/doctor/persons/" + w.child + "/assessment?year=" + year()));
    row("POST /app/doctor/persons/{id}/assessment", DOCTOR + "D=303/404 E=404", w -> post("/app/doctor/persons/" + w.child + "/assessment",
        "year", year(), "assessedOn", today().minusDays(1), "rehabNeeds", "REHAB_TRAINING"));
    row("GET /app/doctor/persons/{id}/plan", DOCTOR + "D=200/404 E=404", w -> get("/app/doctor/persons/" + w.child + "/plan"));
    row("POST /app/doctor/persons/{id}/plan", DOCTOR + "D=303/404 E=404", w -> post("/app/doctor/persons/" + w.freshContractedPerson() + "/plan",
        planForm(null, null, w.centre)));
    // the AWAY world's plan id in the HOME child's plan form: the form revises only the person's own plan
    row("POST /app/doctor/persons/{id}/plan", "A=403 R=403 I=403 J=403 G=403 D=303/404 E=404", w -> post("/app/doctor/persons/" + home.child + "/plan",
        planForm(w.plan, revision(w.plan), home.centre)));
    // home visits and referrals (issue 19): only for a person contracted to the doctor today; E gets the 404 page
    row("GET /app/doctor/persons/{id}/session", DOCTOR + "D=200/404 E=404", w -> get("/app/doctor/persons/" + w.child + "/session"));
    row("POST /app/doctor/persons/{id}/session", DOCTOR + "D=303/404 E=404", w -> post("/app/doctor/persons/" + w.freshContractedPerson() + "/session",
        "idempotencyKey", UUID.randomUUID(), "serviceType", "REHAB_NURSING", "setting", "HOME", "date", today().minusDays(1),
        "durationMinutes", "30", "therapist", "李医生", "notes", "上门护理"));
    row("GET /app/doctor/persons/{id}/referral", DOCTOR + "D=200/404 E=404", w -> get("/app/doctor/persons/" + w.child + "/referral"));
    row("POST /app/doctor/persons/{id}/referral", DOCTOR + "D=303/404 E=404", w -> post("/app/doctor/persons/" + w.freshContractedPerson() + "/referral",
        referralForm(w.centre, "REHAB_TRAINING", null)));
    // the AWAY world's plan named in a referral of the HOME child: not a plan of this person, nothing stored
    row("POST /app/doctor/persons/{id}/referral", DOCTOR + "D=303/422 E=404", w -> post("/app/doctor/persons/" + home.child + "/referral",
        referralForm(home.centre, "HEALTH_EDUCATION", w.plan)));
    // outgoing referrals: D's own only, never another doctor's of the same clinic (E) nor the AWAY doctor's
    replace(row("GET /app/doctor/referrals", DOCTOR + "D=200 E=200", w -> get("/app/doctor/referrals")).hides(MatrixWorld::referral, Who.D, Who.E));
    row("POST /app/doctor/referrals/{rid}/cancel", DOCTOR + "D=303/404 E=404", w -> post("/app/doctor/referrals/" + w.freshReferral() + "/cancel"));
    // plans past their review date: a doctor's contracted persons, an admin's region
    replace(row("GET /app/plans/review-overdue", "A=200 R=200 I=403 J=403 D=200 E=200 G=403", w -> get("/app/plans/review-overdue"))
        .hides(MatrixWorld::overduePerson, Who.R, Who.D, Who.E));
    row("GET /app/doctor/plans/{planId}/history", DOCTOR + "D=200/404 E=404", w -> get("/app/doctor/plans/" + w.plan + "/history"));
    // ---- federation staff: a town admin only within its town; designating and district acts are 403 ----
    replace(row("GET /app/admin/persons", "A=200 R=200 I=403 J=403 D=403 E=403 G=403", w -> get("/app/admin/persons?regionCode=" + w.community))
        .hides(w -> w.child, Who.R));
    row("GET /app/admin/persons/new", "A=200 R=200 I=403 J=403 D=403 E=403 G=403", w -> get("/app/admin/persons/new"));
    row("POST /app/admin/persons/new", "A=303 R=303/422 I=403 J=403 D=403 E=403 G=403", w -> post("/app/admin/persons/new", personForm(w.community)));
    replace(row("GET /app/admin/users", "A=200 R=200 I=403 J=403 D=403 E=403 G=403", w -> get("/app/admin/users"))
        .hides(w -> w.guardianUser.username(), Who.R));
    row("POST /app/admin/users", "A=303 R=303/422 I=403 J=403 D=403 E=403 G=403", w -> post("/app/admin/users", "username",
        Fixtures.username("px-g"), "password", "Page-Matrix-2026!x", "role", "GUARDIAN", "displayName", "矩阵家长", "childPersonIds", w.child));
    replace(row("GET /app/admin/institutions", "A=200 R=200 I=403 J=403 D=403 E=403 G=403", w -> get("/app/admin/institutions"))
        .hides(w -> w.centreName, Who.R));
    row("POST /app/admin/institutions", "A=303 " + ADMIN_ONLY, w -> post("/app/admin/institutions", "name", "矩阵页面机构", "regionCode", w.community,
        "services", "REHAB", "childAidDesignated", "true"));
    replace(row("GET /app/admin/doctors", "A=200 R=200 I=403 J=403 D=403 E=403 G=403", w -> get("/app/admin/doctors")).hides(w -> w.clinic, Who.R));
    row("POST /app/admin/doctors", "A=303 " + ADMIN_ONLY, w -> post("/app/admin/doctors", "name", "矩阵页面医生", "institutionId", w.clinic,
        "licenseNo", "PX-" + UUID.randomUUID()));
    row("GET /app/admin/aid-standards", "A=200 R=200 I=403 J=403 D=403 E=403 G=403", w -> get("/app/admin/aid-standards?year=" + year()));
    row("POST /app/admin/aid-standards", "A=303 " + ADMIN_ONLY, w -> post("/app/admin/aid-standards", "year", FUTURE_YEAR.incrementAndGet(),
        "minAge", 0, "maxAge", 10, "amounts.PHYSICAL", "20000.00", "amounts.HEARING", "24000.00"));
    row("GET /app/admin/dashboard", "A=200 R=200/404 I=403 J=403 D=403 E=403 G=403", w -> get("/app/admin/dashboard?year=" + year() + "&regionCode=" + w.town));
    row("GET /app/admin/dashboard/export", "A=200 R=200/404 I=403 J=403 D=403 E=403 G=403",
        w -> get("/app/admin/dashboard/export?year=" + year() + "&regionCode=" + w.town + "&format=csv"));
    row("POST /app/admin/dashboard/snapshots", "A=303 R=303/404 I=403 J=403 D=403 E=403 G=403",
        w -> post("/app/admin/dashboard/snapshots", "year", year(), "regionCode", w.town, "groupBy", "TOWN"));
    row("GET /app/admin/worklist", "A=200 R=200/404 I=403 J=403 D=403 E=403 G=403",
        w -> get("/app/admin/worklist?code=REHAB_SERVICE_RATE&year=" + year() + "&regionCode=" + w.town));
    row("GET /app/admin/worklist/export", "A=200 R=200/404 I=403 J=403 D=403 E=403 G=403",
        w -> get("/app/admin/worklist/export?code=REHAB_SERVICE_RATE&year=" + year() + "&regionCode=" + w.town + "&format=csv"));
    row("GET /app/admin/periods", "A=200 R=200 I=403 J=403 D=403 E=403 G=403", w -> get("/app/admin/periods?year=" + year()));
    row("POST /app/admin/periods/{period}/close", "A=303 " + ADMIN_ONLY, w -> post("/app/admin/periods/" + month() + "/close", "note", "页面矩阵"));
    row("POST /app/admin/periods/{period}/reopen", "A=303 " + ADMIN_ONLY, w -> post("/app/admin/periods/" + closedMonth() + "/reopen", "reason", "页面矩阵"));
    return ROWS;
  }

  // ---- form bodies ----

  private static Object[] sessionForm(String planId) {
    List<Object> f = new ArrayList<>(List.of("idempotencyKey", UUID.randomUUID().toString(), "serviceType", "REHAB_TRAINING",
        "date", today().minusDays(1).toString(), "durationMinutes", "45", "therapist", "王治疗师", "fee", "10.00"));
    if (planId != null) f.addAll(List.of("planId", planId));
    return f.toArray();
  }

  private static Object[] referralForm(String institution, String serviceType, String planId) {
    List<Object> f = new ArrayList<>(List.of("toInstitutionId", institution, "serviceType", serviceType, "reason", "建议机构康复"));
    if (planId != null) f.addAll(List.of("planId", planId));
    return f.toArray();
  }

  private static Object[] planForm(String planId, Integer revision, String institution) {
    List<Object> f = new ArrayList<>(List.of("goals", "独立行走 50 米", "rows", "1",
        "interventions[0].serviceType", "REHAB_TRAINING", "interventions[0].setting", "INSTITUTION",
        "interventions[0].institutionId", institution, "interventions[0].sessionsPerMonth", "8", "interventions[0].notes", "每周两次",
        "startDate", today().toString(), "reviewDate", today().plusMonths(6).toString()));
    if (planId != null) f.addAll(List.of("planId", planId, "revision", String.valueOf(revision)));
    return f.toArray();
  }

  /** The current revision of a plan (a ghost's: 1). */
  private static Integer revision(String planId) {
    var r = cn.donghe.rehab.support.TestApp.admin().get("/plans/" + planId);
    return r.status() == 200 ? r.get("revision").asInt() : 1;
  }

  private static Object[] personForm(String community) {
    Map<String, Object> body = Fixtures.personBody(community, Category.PHYSICAL, 2, LocalDate.of(1980, 5, 17));
    List<Object> f = new ArrayList<>();
    body.forEach((k, v) -> { if (!(v instanceof Map)) { f.add(k); f.add(String.valueOf(v)); } });
    return f.toArray();
  }

  /** A month long past that no other test writes into (2001 onwards, one per call; the API half uses 2008 onwards). */
  private static String month() { return YearMonth.of(2001, 1).plusMonths(MONTH.getAndIncrement()).toString(); }

  private static String closedMonth() {
    String m = month();
    var r = cn.donghe.rehab.support.TestApp.admin().post("/periods/" + m + "/close", MatrixWorld.map("note", "页面矩阵"));
    if (r.status() != 200) throw new IllegalStateException(r.toString());
    return m;
  }
}
