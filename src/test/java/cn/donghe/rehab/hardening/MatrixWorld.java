package cn.donghe.rehab.hardening;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One town's worth of realistic records, as the authorization matrix and the hostile-input test need them: a
 * rehab + device centre (child-aid designated), a family-doctor clinic with its doctor, a child with a guardian,
 * an active contract, an assessment, a plan naming the centre, an aid account, a session, a fitting, pool items,
 * a loan, a repair and a recycling intake; plus the logins of the people who work there.
 *
 * <p>The matrix builds two: HOME (the callers' own) and AWAY (someone else's). A {@link #ghost()} world has the
 * same shape with ids that exist nowhere: an out-of-scope answer must be indistinguishable from a ghost's.
 *
 * <p>The {@code fresh...} methods make a new record in the state a state-changing endpoint needs (e.g. an
 * ASSESSED fitting for {@code deliver}), so that every expected 2xx acts on its own record.
 */
final class MatrixWorld {
  private static final AtomicInteger SERIAL = new AtomicInteger();
  private static String sharedType;

  final boolean ghost;
  final String town;
  final String community;
  final String centre;
  final String centreName;
  final String clinic;
  final String doctor;
  final String child;
  final String childIdNumber;
  final String contract;
  final String plan;
  final String account;
  final String session;
  final String type;
  final String fitting;
  final String item;
  final String loan;
  final String repair;
  final String repairItem;
  final String recycling;
  final Api staff;
  final Api doctorApi;
  final Api guardian;
  final Api townAdmin;
  final AppUser guardianUser;
  private final AtomicInteger regionSeq = new AtomicInteger(500);
  private String referral;
  private String overduePerson;

  private MatrixWorld(Map<String, String> ids, Api staff, Api doctorApi, Api guardian, Api townAdmin, AppUser guardianUser, boolean ghost) {
    this.ghost = ghost;
    town = ids.get("town");
    community = ids.get("community");
    centre = ids.get("centre");
    centreName = ids.get("centreName");
    clinic = ids.get("clinic");
    doctor = ids.get("doctor");
    child = ids.get("child");
    childIdNumber = ids.get("childIdNumber");
    contract = ids.get("contract");
    plan = ids.get("plan");
    account = ids.get("account");
    session = ids.get("session");
    type = ids.get("type");
    fitting = ids.get("fitting");
    item = ids.get("item");
    loan = ids.get("loan");
    repair = ids.get("repair");
    repairItem = ids.get("repairItem");
    recycling = ids.get("recycling");
    this.staff = staff;
    this.doctorApi = doctorApi;
    this.guardian = guardian;
    this.townAdmin = townAdmin;
    this.guardianUser = guardianUser;
  }

  static LocalDate today() { return LocalDate.now(TestApp.context().clock()); }

  static int year() { return today().getYear(); }

  /** A rentable catalogue entry shared by all worlds (the catalogue is district-wide). */
  static synchronized String sharedType() {
    if (sharedType == null) sharedType = newType();
    return sharedType;
  }

  static String newType() {
    String code = "MX" + Fixtures.next() + "_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase().replace('-', '_');
    created(TestApp.admin().post("/device-types", Map.of("code", code, "name", "矩阵测试辅具" + code, "category", "MOBILITY",
        "subsidy", "500.00", "serviceLifeMonths", 36, "rentable", true)));
    return code;
  }

  static MatrixWorld build() {
    Map<String, String> ids = new LinkedHashMap<>();
    String town = Fixtures.town();
    String community = Fixtures.community(town);
    ids.put("town", town);
    ids.put("community", community);
    JsonNode centreJson = Fixtures.institution(community, true, "REHAB", "DEVICE");
    String centre = centreJson.path("id").asText();
    ids.put("centreName", centreJson.path("name").asText());
    String clinic = Fixtures.institution(community, false, "PRIMARY_CARE").path("id").asText();
    String doctor = Fixtures.doctor(clinic).path("id").asText();
    ids.put("centre", centre);
    ids.put("clinic", clinic);
    ids.put("doctor", doctor);
    Api staff = Fixtures.institutionUser(centre);
    Api doctorApi = Fixtures.doctorUser(doctor);

    Map<String, Object> childBody = Fixtures.personBody(community, Category.HEARING, 2, LocalDate.of(year() - 6, 6, 15));
    childBody.remove("certificateNo");
    childBody.put("guardian", Map.of("name", "家长" + Fixtures.next(), "phone", "13800000000", "relation", "母亲"));
    String child = created(TestApp.admin().post("/persons", childBody)).str("id");
    ids.put("child", child);
    ids.put("childIdNumber", (String) childBody.get("idNumber"));
    AppUser guardianUser = Fixtures.createUserDirect(Fixtures.username("mx-guard"), "GUARDIAN", null, null, List.of(UUID.fromString(child)), null);

    ids.put("contract", created(TestApp.admin().post("/contracts", contractBody(child, doctor))).str("id"));
    created(doctorApi.put("/persons/" + child + "/assessments/" + year(), assessmentBody()));
    ids.put("plan", created(doctorApi.post("/persons/" + child + "/plans", planBody(centre))).str("id"));
    ids.put("account", created(TestApp.admin().post("/aid-accounts", Map.of("personId", child, "year", year(), "category", "HEARING",
        "guardianConsent", Map.of("name", "家长", "relation", "母亲", "signedOn", today().minusDays(1).toString())))).str("id"));
    ids.put("session", created(staff.withHeader("Idempotency-Key", "mx-" + UUID.randomUUID()).post("/sessions", sessionBody(child))).str("id"));

    String type = sharedType();
    ids.put("type", type);
    ids.put("fitting", created(staff.post("/fittings", Map.of("personId", child, "deviceTypeCode", type))).str("id"));
    ids.put("item", item(staff, type, centre));
    String loaned = item(staff, type, centre);
    ids.put("loan", created(staff.post("/loans", loanBody(loaned, child))).str("id"));
    String broken = item(staff, type, centre);
    ids.put("repairItem", broken);
    ids.put("repair", created(staff.post("/repairs", Map.of("itemId", broken, "problem", "刹车失灵"))).str("id"));
    ids.put("recycling", created(staff.post("/recycling", recyclingBody(type, centre))).str("id"));
    return new MatrixWorld(ids, staff, doctorApi, Fixtures.login(guardianUser), Fixtures.regionalAdmin(town), guardianUser, false);
  }

  /** The same shape, every id unknown to the service. */
  MatrixWorld ghost() {
    Map<String, String> ids = new LinkedHashMap<>();
    for (String k : List.of("centre", "clinic", "doctor", "child", "contract", "plan", "account", "session", "fitting", "item", "loan", "repairItem",
        "repair", "recycling")) {
      ids.put(k, UUID.randomUUID().toString());
    }
    ids.put("centreName", "幽灵机构" + Fixtures.next());
    ids.put("town", "150202998000");
    ids.put("community", "150202998001");
    ids.put("type", "GHOST_TYPE_" + Fixtures.next());
    ids.put("childIdNumber", Fixtures.idNumber(LocalDate.of(year() - 6, 6, 15), "F"));
    return new MatrixWorld(ids, null, null, null, null, null, true);
  }

  // ---- request bodies ----

  static Map<String, Object> contractBody(String person, String doctor) {
    return map("personId", person, "doctorId", doctor, "startDate", today().minusMonths(1).toString(), "servicePackage", "BASIC");
  }

  static Map<String, Object> assessmentBody() {
    return map("assessedOn", today().minusDays(2).toString(), "rehabNeeds", List.of("REHAB_TRAINING"), "deviceNeeds", List.of());
  }

  static Map<String, Object> planBody(String institution) {
    return map("goals", List.of("独立行走 50 米"),
        "interventions", List.of(map("serviceType", "REHAB_TRAINING", "institutionId", institution, "setting", "INSTITUTION",
            "sessionsPerMonth", 8, "notes", "每周两次")),
        "startDate", today().toString(), "reviewDate", today().plusMonths(6).toString());
  }

  static Map<String, Object> sessionBody(String person) {
    return map("personId", person, "serviceType", "REHAB_TRAINING", "date", today().minusDays(1).toString(), "durationMinutes", 45,
        "therapist", "王治疗师", "fee", "10.00", "useChildAid", true);
  }

  /** A session without child aid (for a person who holds no aid account). */
  static Map<String, Object> plainSessionBody(String person) {
    Map<String, Object> m = sessionBody(person);
    m.put("useChildAid", false);
    return m;
  }

  static Map<String, Object> loanBody(String item, String person) {
    return map("itemId", item, "personId", person, "startDate", today().toString(), "dueDate", today().plusDays(30).toString());
  }

  static Map<String, Object> recyclingBody(String type, String institution) {
    return map("deviceTypeCode", type, "serialNo", "RC-" + SERIAL.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8),
        "condition", "FAIR", "institutionId", institution);
  }

  static Map<String, Object> itemBody(String type, String institution) {
    return map("deviceTypeCode", type, "serialNo", "MX-" + SERIAL.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8),
        "condition", "GOOD", "institutionId", institution);
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  // ---- fresh records (a ghost makes none: it answers with an unknown id) ----

  private String unknown() { return UUID.randomUUID().toString(); }

  /** A new community code under this world's town (for POST /regions). */
  String newCommunityCode() { return town.substring(0, 9) + String.format("%03d", regionSeq.incrementAndGet() % 1000); }

  /** A new adult in this world's community. */
  private String settlement;

  /** The DRAFT statement of this world's centre for June 2006 (made once; a ghost's is an unknown id). */
  synchronized String settlement() {
    if (settlement == null) settlement = ghost ? unknown() : cn.donghe.rehab.settlement.SettlementWorld.draft(centre);
    return settlement;
  }

  String freshPerson() { return ghost ? unknown() : Fixtures.person(community).path("id").asText(); }

  /** A valid body of POST /persons/{id}/ratings for a child without a certificate ({@link #freshChild()}). */
  static Map<String, Object> ratingBody(LocalDate effective) {
    return map("category", "PHYSICAL", "grade", 2, "effectiveDate", effective.toString(), "reason", "矩阵复评");
  }

  /** The full ID number of a new adult in this world's community (a ghost: a valid number registered nowhere). */
  String freshPersonIdNumber() {
    Map<String, Object> body = Fixtures.personBody(community, Category.PHYSICAL, 2, LocalDate.of(1980, 5, 17));
    if (!ghost) created(TestApp.admin().post("/persons", body));
    return (String) body.get("idNumber");
  }

  /** A new adult with an active contract with this world's doctor (and no plan yet). */
  String freshContractedPerson() {
    if (ghost) return unknown();
    String p = freshPerson();
    created(TestApp.admin().post("/contracts", contractBody(p, doctor)));
    return p;
  }

  String freshContract() {
    return ghost ? unknown() : created(TestApp.admin().post("/contracts", contractBody(freshPerson(), doctor))).str("id");
  }

  String freshPlan() {
    return ghost ? unknown() : created(doctorApi.post("/persons/" + freshContractedPerson() + "/plans", planBody(centre))).str("id");
  }

  /** A new child (aged 5) of this world, not yet enrolled in child aid. */
  String freshChild() {
    if (ghost) return unknown();
    return Fixtures.child(community, Category.HEARING, LocalDate.of(year() - 6, 3, 3)).path("id").asText();
  }

  String freshSession() {
    return ghost ? unknown() : created(staff.withHeader("Idempotency-Key", "mx-" + UUID.randomUUID()).post("/sessions", sessionBody(child))).str("id");
  }

  /** A referral body (issue 19): the person to this world's centre for rehab training. */
  Map<String, Object> referralBody(String person) {
    return map("personId", person, "toInstitutionId", ghost ? unknown() : centre, "serviceType", "REHAB_TRAINING", "reason", "建议机构康复");
  }

  /** A PENDING referral by this world's doctor of a new contracted person to this world's centre. */
  String freshReferral() {
    return ghost ? unknown() : created(doctorApi.post("/referrals", referralBody(freshContractedPerson()))).str("id");
  }

  /**
   * The HOME child's referral for the page half: a PENDING referral of this world's child by its doctor to its centre,
   * made on first use and kept (a ghost's is an unknown id). PENDING gives the centre no reach (docs/referrals.md).
   */
  synchronized String referral() {
    if (referral == null) referral = ghost ? unknown() : created(doctorApi.post("/referrals", referralBody(child))).str("id");
    return referral;
  }

  /**
   * For the page half: a new adult contracted to this world's doctor whose ACTIVE plan's review date passed three days
   * ago (on the review-overdue list of this world's doctor and town), made on first use and kept; a ghost's is unknown.
   */
  synchronized String overduePerson() {
    if (overduePerson == null) {
      if (ghost) return overduePerson = unknown();
      String p = freshContractedPerson();
      Map<String, Object> body = planBody(centre);
      body.put("startDate", today().minusDays(60).toString());
      body.put("reviewDate", today().minusDays(3).toString());
      created(doctorApi.post("/persons/" + p + "/plans", body));
      overduePerson = p;
    }
    return overduePerson;
  }

  String freshItem() { return ghost ? unknown() : item(staff, type, centre); }

  /** A REQUESTED fitting of a new device type (one pending fitting per person and type). */
  String freshFitting() {
    return ghost ? unknown() : created(staff.post("/fittings", Map.of("personId", child, "deviceTypeCode", newType()))).str("id");
  }

  String freshAssessedFitting() {
    String f = freshFitting();
    if (!ghost) ok(staff.post("/fittings/" + f + "/assess", Map.of("suitable", true)));
    return f;
  }

  String freshDeliveredFitting() {
    String f = freshAssessedFitting();
    if (!ghost) ok(staff.post("/fittings/" + f + "/deliver", Map.of("deliveredOn", today().toString(), "subsidy", "0.00")));
    return f;
  }

  /** One valid CSV line of a new adult in the given community (header: name,gender,birthDate,idNumber,certificateNo,category,grade,regionCode). */
  static String csvPersonLine(String community) {
    java.time.LocalDate birth = java.time.LocalDate.of(1980, 1, 2);
    String id = Fixtures.idNumber(birth, "M");
    return "导入人员,M," + birth + "," + id + "," + cn.donghe.rehab.registry.IdNumbers.certificate(id, Category.PHYSICAL, 2) + ",PHYSICAL,2," + community + "\n";
  }

  /** A published report snapshot of this world's town (made by the global admin). */
  String freshSnapshot() {
    return ghost ? unknown() : created(TestApp.admin().post("/reports/snapshots", map("year", year(), "regionCode", town))).str("id");
  }

  String freshLoan() { return ghost ? unknown() : created(staff.post("/loans", loanBody(freshItem(), child))).str("id"); }

  String freshRepair() {
    return ghost ? unknown() : created(staff.post("/repairs", Map.of("itemId", freshItem(), "problem", "轮子松动"))).str("id");
  }

  String freshStartedRepair() {
    String r = freshRepair();
    if (!ghost) ok(staff.post("/repairs/" + r + "/start", null));
    return r;
  }

  String freshRecycling() { return ghost ? unknown() : created(staff.post("/recycling", recyclingBody(type, centre))).str("id"); }

  private static String item(Api staff, String type, String centre) {
    return created(staff.post("/device-items", itemBody(type, centre))).str("id");
  }

  static Api.Resp created(Api.Resp r) {
    if (r.status() != 201 && r.status() != 200) throw new IllegalStateException("fixture not created: " + r);
    return r;
  }

  private static void ok(Api.Resp r) {
    if (r.status() != 200) throw new IllegalStateException("fixture step failed: " + r);
  }

  /** Used by tests that need the raw JSON of a record. */
  static JsonNode json(Api.Resp r) { return created(r).json(); }
}
