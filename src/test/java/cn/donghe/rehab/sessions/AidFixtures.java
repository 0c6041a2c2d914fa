package cn.donghe.rehab.sessions;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Children, aid accounts and sessions for the sessions and child-aid tests. */
public final class AidFixtures {
  private AidFixtures() {}

  public static LocalDate today() { return LocalDate.now(TestApp.context().clock()); }

  public static int thisYear() { return today().getYear(); }

  /** A child whose age on 1 January of {@code year} is exactly {@code age}. */
  public static JsonNode child(String community, Category category, int year, int age) {
    return Fixtures.child(community, category, LocalDate.of(year - age - 1, 6, 15));
  }

  static Map<String, Object> consent() {
    return Map.of("name", "家长" + Fixtures.next(), "relation", "母亲", "signedOn", today().minusDays(1).toString());
  }

  static Map<String, Object> enrolBody(String personId, int year, String category) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("personId", personId);
    m.put("year", year);
    m.put("category", category);
    m.put("guardianConsent", consent());
    return m;
  }

  /** Enrols the child (201 expected) and returns the account. */
  static JsonNode enrol(String personId, int year, String category) {
    Api.Resp r = TestApp.admin().post("/aid-accounts", enrolBody(personId, year, category));
    if (r.status() != 201) throw new IllegalStateException(r.toString());
    return r.json();
  }

  /** A designated REHAB institution in the community with one logged-in staff member. */
  record Clinic(String id, Api staff) {}

  static Clinic clinic(String community, boolean designated) {
    String id = Fixtures.institution(community, designated, "REHAB").path("id").asText();
    return new Clinic(id, Fixtures.institutionUser(id));
  }

  static Map<String, Object> session(String personId, String fee, boolean useAid) {
    return session(personId, fee, useAid, today());
  }

  static Map<String, Object> session(String personId, String fee, boolean useAid, LocalDate date) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("personId", personId);
    m.put("serviceType", "REHAB_TRAINING");
    m.put("date", date.toString());
    m.put("durationMinutes", 45);
    m.put("therapist", "王治疗师");
    m.put("fee", fee);
    m.put("useChildAid", useAid);
    return m;
  }

  static String key() { return "test-" + UUID.randomUUID(); }

  static Api.Resp log(Api staff, Map<String, Object> body) {
    return staff.withHeader("Idempotency-Key", key()).post("/sessions", body);
  }

  static Api.Resp log(Api staff, String key, Map<String, Object> body) {
    return staff.withHeader("Idempotency-Key", key).post("/sessions", body);
  }

  /** An ADMIN's late entry for the institution (older than LATE_ENTRY_DAYS needs the reason). */
  static Api.Resp lateEntry(String institutionId, Map<String, Object> body, String reason) {
    Map<String, Object> m = new LinkedHashMap<>(body);
    m.put("institutionId", institutionId);
    if (reason != null) m.put("lateEntryReason", reason);
    return log(TestApp.admin(), m);
  }

  /** The account of the person and year as the ADMIN reads it. */
  static JsonNode account(String personId, int year) {
    Api.Resp r = TestApp.admin().get("/aid-accounts?personId=" + personId + "&year=" + year);
    if (r.status() != 200 || r.get("items").size() != 1) throw new IllegalStateException(r.toString());
    return r.get("items").get(0);
  }

  static BigDecimal money(JsonNode n, String field) { return new BigDecimal(n.path(field).asText()); }

  public static long countWhere(String sql, Object... args) {
    return TestApp.jdbi().withHandle(h -> {
      var q = h.createQuery(sql);
      for (int i = 0; i < args.length; i++) q.bind(i, args[i]);
      return q.mapTo(Long.class).one();
    });
  }

  static BigDecimal sumWhere(String sql, Object... args) {
    return TestApp.jdbi().withHandle(h -> {
      var q = h.createQuery(sql);
      for (int i = 0; i < args.length; i++) q.bind(i, args[i]);
      return q.mapTo(BigDecimal.class).one();
    });
  }
}
