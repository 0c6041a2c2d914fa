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
    final String deviceTypeCode;
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
      deviceTypeCode = "WEB_" + Fixtures.next() + "_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase().replace('-', '_');
      String code = deviceTypeCode;
      deviceTypeName = "轮椅" + code;
      ok(TestApp.admin().post("/device-types", Map.of("code", code, "name", deviceTypeName, "category", "MOBILITY",
          "subsidy", "800.00", "serviceLifeMonths", 36, "rentable", true)), 201);
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

    /**
     * Removes this scene's device type with its pool items, loans, reminders and repairs. Other test
     * classes read the device catalogue as a whole (assessment codes must be in it once it has rows;
     * the demos draw needs from it), so the web tests leave it as they found it.
     */
    void removeDevices() {
      TestApp.jdbi().useTransaction(h -> {
        String items = "SELECT id FROM device_items WHERE device_type_code = :c";
        h.createUpdate("DELETE FROM loan_notifications WHERE loan_id IN (SELECT id FROM loans WHERE item_id IN (" + items + "))")
            .bind("c", deviceTypeCode).execute();
        h.createUpdate("DELETE FROM repairs WHERE item_id IN (" + items + ")").bind("c", deviceTypeCode).execute();
        h.createUpdate("DELETE FROM loans WHERE item_id IN (" + items + ")").bind("c", deviceTypeCode).execute();
        h.createUpdate("DELETE FROM recycling WHERE device_type_code = :c").bind("c", deviceTypeCode).execute();
        h.createUpdate("DELETE FROM device_items WHERE device_type_code = :c").bind("c", deviceTypeCode).execute();
        h.createUpdate("DELETE FROM device_types WHERE code = :c").bind("c", deviceTypeCode).execute();
      });
    }
  }

}
