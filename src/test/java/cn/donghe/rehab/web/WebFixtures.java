package cn.donghe.rehab.web;

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

/** Test data the web tests need beyond the shared fixtures, made through the real API. */
final class WebFixtures {
  private WebFixtures() {}

  static LocalDate today() { return LocalDate.now(TestApp.context().clock()); }

  static AppUser user(String role, UUID institutionId, UUID doctorId, List<UUID> children) {
    return Fixtures.createUserDirect(Fixtures.username("web-" + role.toLowerCase()), role, institutionId, doctorId, children, null);
  }

  /** A family-doctor contract active today (through the contracts API). */
  static JsonNode contract(String personId, String doctorId) {
    return contract(personId, doctorId, today().minusDays(30), null);
  }

  static JsonNode contract(String personId, String doctorId, LocalDate start, LocalDate end) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("personId", personId);
    body.put("doctorId", doctorId);
    body.put("startDate", start.toString());
    if (end != null) body.put("endDate", end.toString());
    body.put("servicePackage", "BASIC");
    return ok(TestApp.admin().post("/contracts", body), 201);
  }

  static JsonNode ok(Api.Resp r, int status) {
    if (r.status() != status) throw new IllegalStateException(r.toString());
    return r.json();
  }

  /**
   * One community with everything the role pages show: a child-aid designated REHAB institution and its
   * staff, a DEVICE institution with a pool item on an overdue loan and one in repair, a family doctor
   * contracted with the child (and a contract ending within 30 days, and an unsigned person), the child
   * enrolled in this year's aid with a plan naming the institution and one session charged, a guardian.
   */
  static final class Scene {
    final String community = Fixtures.community();
    final String institutionId;
    final AppUser staff;
    final String deviceInstitutionId;
    final AppUser deviceStaff;
    final String doctorId;
    final AppUser doctor;
    final JsonNode child;
    final String childId;
    final AppUser guardian;
    final String accountId;
    final String planId;
    final JsonNode expiring;
    final JsonNode unsigned;
    final String deviceTypeName;
    final String loanedSerial;
    final String loanId;
    final String repairId;

    Scene() {
      institutionId = Fixtures.institution(community, true, "REHAB").path("id").asText();
      staff = user("INSTITUTION", UUID.fromString(institutionId), null, List.of());
      String clinic = Fixtures.institution(community, false, "PRIMARY_CARE").path("id").asText();
      doctorId = Fixtures.doctor(clinic).path("id").asText();
      doctor = user("DOCTOR", null, UUID.fromString(doctorId), List.of());
      LocalDate today = today();
      child = Fixtures.child(community, Category.INTELLECTUAL, LocalDate.of(today.getYear() - 7, 3, 9));
      childId = child.path("id").asText();
      guardian = user("GUARDIAN", null, null, List.of(UUID.fromString(childId)));
      accountId = ok(TestApp.admin().post("/aid-accounts", Map.of("personId", childId, "year", today.getYear(), "category", "INTELLECTUAL",
          "guardianConsent", Map.of("name", "家长" + Fixtures.next(), "relation", "母亲", "signedOn", today.minusDays(1).toString()))), 201)
          .path("id").asText();
      contract(childId, doctorId);
      JsonNode soon = Fixtures.person(community);
      contract(soon.path("id").asText(), doctorId, today.minusDays(340), today.plusDays(20));
      expiring = soon;
      unsigned = Fixtures.person(community);
      Api doctorApi = Fixtures.login(doctor);
      planId = ok(doctorApi.post("/persons/" + childId + "/plans", Map.of(
          "goals", List.of("独立行走 20 米", "能说出 10 个常用词"),
          "interventions", List.of(Map.of("serviceType", "REHAB_TRAINING", "institutionId", institutionId, "setting", "INSTITUTION",
              "sessionsPerMonth", 8, "notes", "每周两次")),
          "startDate", today.minusDays(10).toString(), "reviewDate", today.plusMonths(6).toString())), 201).path("id").asText();
      ok(Fixtures.login(staff).withHeader("Idempotency-Key", "web-" + UUID.randomUUID()).post("/sessions", Map.of(
          "personId", childId, "serviceType", "REHAB_TRAINING", "date", today.toString(), "durationMinutes", 45,
          "therapist", "王治疗师", "fee", "300.00", "useChildAid", true)), 201);

      deviceInstitutionId = Fixtures.institution(community, false, "DEVICE", "REHAB").path("id").asText();
      deviceStaff = user("INSTITUTION", UUID.fromString(deviceInstitutionId), null, List.of());
      Api devices = Fixtures.login(deviceStaff);
      starterCatalogue();
      String code = "WHEELCHAIR";
      deviceTypeName = "普通轮椅";
      loanedSerial = "SN-" + UUID.randomUUID().toString().substring(0, 8);
      String loaned = ok(devices.post("/device-items", Map.of("deviceTypeCode", code, "serialNo", loanedSerial, "condition", "GOOD")), 201)
          .path("id").asText();
      loanId = ok(devices.post("/loans", Map.of("itemId", loaned, "personId", expiring.path("id").asText(),
          "startDate", today.minusDays(40).toString(), "dueDate", today.minusDays(3).toString())), 201).path("id").asText();
      String broken = ok(devices.post("/device-items", Map.of("deviceTypeCode", code, "serialNo", "SN-" + UUID.randomUUID().toString().substring(0, 8),
          "condition", "FAIR")), 201).path("id").asText();
      repairId = ok(devices.post("/repairs", Map.of("itemId", broken, "problem", "刹车失灵")), 201).path("id").asText();
    }

    String childName() { return child.path("name").asText(); }
  }

  /**
   * The starter catalogue of the devices demo (codes, names, categories as in DevicesDemo), created when
   * missing. Other tests read the catalogue as a whole (an assessment's device needs must be in it once it
   * has rows; the contracts demo draws needs from it), so the web tests never leave a catalogue without it.
   */
  static void starterCatalogue() {
    Object[][] starter = {
        {"WHEELCHAIR", "普通轮椅", "MOBILITY", "800.00", 60, true}, {"WALKER", "助行器", "MOBILITY", "200.00", 36, true},
        {"CRUTCH", "拐杖（腋拐/肘拐）", "MOBILITY", "100.00", 36, true}, {"HEARING_AID", "助听器", "HEARING", "3000.00", 72, false},
        {"MAGNIFIER", "助视器（放大镜）", "VISION", "300.00", 48, false}, {"WHITE_CANE", "盲杖", "VISION", "80.00", 24, false},
        {"COMMODE_CHAIR", "坐便椅", "DAILY_LIVING", "260.00", 48, true}, {"COMMUNICATION_BOARD", "沟通板", "COMMUNICATION", "150.00", 36, false},
        {"ANTI_BEDSORE_MATTRESS", "防褥疮气垫床", "DAILY_LIVING", "600.00", 36, true}, {"BATH_CHAIR", "洗澡椅", "DAILY_LIVING", "180.00", 48, true},
        {"ELECTRIC_WHEELCHAIR", "电动轮椅", "MOBILITY", "3000.00", 72, true}, {"CHILD_STANDING_FRAME", "儿童站立架", "MOBILITY", "1200.00", 36, true},
        {"ORTHOSIS", "矫形器", "MOBILITY", "1500.00", 24, false}, {"LOWER_LIMB_PROSTHESIS", "下肢假肢", "MOBILITY", "8000.00", 48, false},
        {"READING_DEVICE", "盲人听书机", "VISION", "500.00", 60, false}};
    for (Object[] t : starter) {
      Api.Resp r = TestApp.admin().post("/device-types", Map.of("code", t[0], "name", t[1], "category", t[2], "subsidy", t[3],
          "serviceLifeMonths", t[4], "rentable", t[5]));
      if (r.status() != 201 && r.status() != 409) throw new IllegalStateException(r.toString());
    }
  }
}
