package cn.donghe.rehab.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.donghe.rehab.common.ProblemAssert;
import cn.donghe.rehab.contracts.ContractFixtures;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 item 1 (DESIGN section 12): a family doctor logs home sessions for persons contracted to them; the session
 * belongs to the doctor's clinic, uses no child aid, obeys the late-entry window, and counts in the rates like any other.
 */
class DoctorSessionTest {

  static Map<String, Object> home(String personId, String serviceType, LocalDate date) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("personId", personId);
    m.put("serviceType", serviceType);
    m.put("date", date.toString());
    m.put("durationMinutes", 30);
    m.put("therapist", "张医生");
    m.put("fee", "0.00");
    m.put("useChildAid", false);
    m.put("setting", "HOME");
    return m;
  }

  @Test
  void doctor_logsAHomeSession_forAContractedPerson_recordedForTheirClinic_andAudited() {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    ContractFixtures.activeContract(person, w.doctorId());
    Api.Resp r = AidFixtures.log(w.doctor(), home(person, "REHAB_NURSING", AidFixtures.today()));
    assertEquals(201, r.status(), r.toString());
    assertEquals(w.clinicId(), r.str("institutionId"));
    assertEquals("HOME", r.str("setting"));
    assertEquals("0.00", r.str("aidCharged"));
    assertEquals(1, AidFixtures.countWhere("SELECT count(*) FROM audit_events WHERE entity = 'session' AND entity_id = ? "
        + "AND actor_role = 'DOCTOR' AND action = 'CREATE'", r.str("id")));
    assertEquals(200, w.doctor().get("/sessions/" + r.str("id")).status());
  }

  @Test
  void doctor_personOutOfContract_is404_andNothingIsStored() {
    ContractFixtures.World w = ContractFixtures.world();
    String stranger = w.person();
    long before = Fixtures.count("sessions");
    ProblemAssert.problem(404, AidFixtures.log(w.doctor(), home(stranger, "REHAB_NURSING", AidFixtures.today())));
    // a contract with another doctor does not help
    ContractFixtures.World other = ContractFixtures.world();
    ContractFixtures.activeContract(stranger, other.doctorId());
    ProblemAssert.problem(404, AidFixtures.log(w.doctor(), home(stranger, "REHAB_NURSING", AidFixtures.today())));
    assertEquals(before, Fixtures.count("sessions"));
  }

  @Test
  void doctor_withChildAid_is422_andNothingIsStored() {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    ContractFixtures.activeContract(person, w.doctorId());
    Map<String, Object> b = home(person, "REHAB_NURSING", AidFixtures.today());
    b.put("useChildAid", true);
    long before = Fixtures.count("sessions");
    ProblemAssert.invalid(AidFixtures.log(w.doctor(), b), "useChildAid");
    assertEquals(before, Fixtures.count("sessions"));
  }

  @Test
  void doctor_lateEntryWindow_is31Days_andNoReasonOrOtherInstitution() {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    ContractFixtures.contract(person, w.doctorId(), AidFixtures.today().minusMonths(3));
    LocalDate today = AidFixtures.today();
    assertEquals(201, AidFixtures.log(w.doctor(), home(person, "HEALTH_EDUCATION", today.minusDays(31))).status());
    ProblemAssert.invalid(AidFixtures.log(w.doctor(), home(person, "HEALTH_EDUCATION", today.minusDays(32))), "date");
    Map<String, Object> reason = home(person, "HEALTH_EDUCATION", today);
    reason.put("lateEntryReason", "补录");
    ProblemAssert.invalid(AidFixtures.log(w.doctor(), reason), "lateEntryReason");
    Map<String, Object> other = home(person, "HEALTH_EDUCATION", today);
    other.put("institutionId", w.rehabId());
    ProblemAssert.invalid(AidFixtures.log(w.doctor(), other), "institutionId");
  }

  @Test
  void setting_isValidated_andDefaultsToInstitution() {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    ContractFixtures.activeContract(person, w.doctorId());
    Map<String, Object> bad = home(person, "REHAB_NURSING", AidFixtures.today());
    bad.put("setting", "GARDEN");
    ProblemAssert.invalid(AidFixtures.log(w.doctor(), bad), "setting");
    AidFixtures.Clinic clinic = AidFixtures.clinic(w.community(), false);
    Api.Resp r = AidFixtures.log(clinic.staff(), AidFixtures.session(w.person(), "10.00", false));
    assertEquals(201, r.status(), r.toString());
    assertEquals("INSTITUTION", r.str("setting"));
  }

  @Test
  void doctorsHomeSessions_countInTheRehabRate_exactlyAsABruteForceCountSays() {
    ContractFixtures.World w = ContractFixtures.world();
    int year = AidFixtures.thisYear();
    LocalDate today = AidFixtures.today();
    LocalDate assessedOn = LocalDate.of(year, 1, 1).isAfter(today) ? today : LocalDate.of(year, 1, 1);
    String[] persons = new String[4];
    for (int i = 0; i < persons.length; i++) {
      persons[i] = w.person();
      ContractFixtures.activeContract(persons[i], w.doctorId());
      Api.Resp a = TestApp.admin().put("/persons/" + persons[i] + "/assessments/" + year,
          Map.of("assessedOn", assessedOn.toString(), "rehabNeeds", List.of("REHAB_NURSING"), "deviceNeeds", List.of()));
      assertEquals(true, a.status() == 200 || a.status() == 201, a.toString());
    }
    // 0: a matching home session; 1: a session of a service they do not need; 2: a matching one voided; 3: nothing.
    // The report's default is the precise definition (version 2): only a non-voided session of an assessed need
    // counts, so the brute force counts person 0 alone.
    assertEquals(201, AidFixtures.log(w.doctor(), home(persons[0], "REHAB_NURSING", today)).status());
    assertEquals(201, AidFixtures.log(w.doctor(), home(persons[1], "HEALTH_EDUCATION", today)).status());
    Api.Resp voided = AidFixtures.log(w.doctor(), home(persons[2], "REHAB_NURSING", today));
    assertEquals(201, voided.status());
    assertEquals(200, TestApp.admin().post("/sessions/" + voided.str("id") + "/void", Map.of("reason", "误录")).status());

    JsonNode report = TestApp.admin().get("/reports/indicators?year=" + year + "&regionCode=" + w.town()).json();
    JsonNode rate = null;
    for (JsonNode i : report.path("indicators")) if (i.path("code").asText().equals("REHAB_SERVICE_RATE")) rate = i;
    long brute = AidFixtures.countWhere("SELECT count(DISTINCT a.person_id) FROM assessments a JOIN sessions s ON s.person_id = a.person_id"
        + " WHERE a.region_code LIKE ? AND a.year = ? AND a.needs_rehab AND s.voided_at IS NULL"
        + " AND s.service_type = ANY(a.rehab_needs)"
        + " AND s.date >= make_date(a.year, 1, 1) AND s.date < make_date(a.year + 1, 1, 1)", w.town().substring(0, 9) + "%", year);
    assertEquals(1, brute);
    assertEquals(brute, rate.path("numerator").asLong(), rate.toString());
    assertEquals(4, rate.path("denominator").asLong(), rate.toString());
  }
}
