package cn.donghe.rehab.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test data for contracts, assessments and plans, built through the real API. */
public final class ContractFixtures {
  /** The eight demo device codes exist in the shared catalogue (tests must not depend on its other content). */
  public static void ensureDemoDeviceTypes() {
    cn.donghe.rehab.support.TestApp.jdbi().useHandle(h -> {
      for (String code : java.util.List.of("WHEELCHAIR", "WALKER", "CRUTCH", "HEARING_AID", "MAGNIFIER", "WHITE_CANE", "COMMODE_CHAIR", "COMMUNICATION_BOARD")) {
        h.createUpdate("INSERT INTO device_types (code, name, category, subsidy, service_life_months, rentable, created_at) "
            + "VALUES (:c, :c, 'OTHER', 100.00, 36, false, now()) ON CONFLICT (code) DO NOTHING").bind("c", code).execute();
      }
    });
  }

  private ContractFixtures() {}

  public static LocalDate today() { return LocalDate.now(TestApp.context().clock()); }

  /** A community with a clinic, a family doctor (and their login) and a rehab institution. */
  public record World(String town, String community, String clinicId, String doctorId, Api doctor, String rehabId) {
    public String person() { return Fixtures.person(community).path("id").asText(); }
  }

  public static World world() {
    String town = Fixtures.town();
    String community = Fixtures.community(town);
    String clinic = Fixtures.institution(community, false, "PRIMARY_CARE").path("id").asText();
    String doctorId = Fixtures.doctor(clinic).path("id").asText();
    String rehab = Fixtures.institution(community, true, "REHAB").path("id").asText();
    return new World(town, community, clinic, doctorId, Fixtures.doctorUser(doctorId), rehab);
  }

  public static Map<String, Object> contractBody(String personId, String doctorId, LocalDate start) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("personId", personId);
    m.put("doctorId", doctorId);
    m.put("startDate", start.toString());
    m.put("servicePackage", "BASIC");
    return m;
  }

  /** A one-year contract starting {@code start}, signed by the global admin. */
  public static JsonNode contract(String personId, String doctorId, LocalDate start) {
    Api.Resp r = TestApp.admin().post("/contracts", contractBody(personId, doctorId, start));
    assertEquals(201, r.status(), r.toString());
    return r.json();
  }

  /** A contract in force today (started a month ago). */
  public static JsonNode activeContract(String personId, String doctorId) {
    return contract(personId, doctorId, today().minusMonths(1));
  }

  public static Map<String, Object> intervention(String serviceType, String institutionId, String setting, int perMonth) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("serviceType", serviceType);
    if (institutionId != null) m.put("institutionId", institutionId);
    m.put("setting", setting);
    m.put("sessionsPerMonth", perMonth);
    m.put("notes", "备注");
    return m;
  }

  public static Map<String, Object> planBody(String institutionId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("goals", new ArrayList<>(List.of("独立行走 50 米", "生活自理")));
    List<Object> ivs = new ArrayList<>();
    ivs.add(intervention("REHAB_TRAINING", institutionId, "INSTITUTION", 8));
    ivs.add(intervention("HEALTH_EDUCATION", null, "HOME", 1));
    m.put("interventions", ivs);
    m.put("startDate", today().toString());
    m.put("reviewDate", today().plusMonths(6).toString());
    return m;
  }

  public static Map<String, Object> assessmentBody(LocalDate on, List<String> rehab, List<String> devices) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("assessedOn", on.toString());
    m.put("rehabNeeds", rehab);
    m.put("deviceNeeds", devices);
    return m;
  }

  /** Asserts a 422 problem naming {@code field}. */
  public static void assertInvalid(Api.Resp r, String field) {
    assertEquals(422, r.status(), r.toString());
    assertEquals("application/problem+json", r.contentType());
    List<String> fields = new ArrayList<>();
    for (JsonNode e : r.get("errors")) fields.add(e.path("field").asText());
    assertTrue(fields.contains(field), "expected field " + field + " in " + fields);
  }

  public static void assertProblem(Api.Resp r, int status) {
    assertEquals(status, r.status(), r.toString());
    assertEquals("application/problem+json", r.contentType(), r.toString());
  }

  public static List<String> ids(Api.Resp page, String field) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : page.get("items")) out.add(n.path(field).asText());
    return out;
  }
}
