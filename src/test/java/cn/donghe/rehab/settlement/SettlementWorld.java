package cn.donghe.rehab.settlement;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Statements for the cross-cutting tests (authorization matrix, hostile input, required fields), in 2006, a year only
 * they use: June stays closed for statements without lines; a statement with a line reopens July, has the federation
 * record a late aid session in it for a fresh designated institution, and closes it again. No clock moves.
 */
public final class SettlementWorld {
  private static final int YEAR = 2006;
  public static final String EMPTY_MONTH = "2006-06";
  private static final String LINE_MONTH = "2006-07";
  private static String community;
  private static String child;

  private SettlementWorld() {}

  /** One fresh record per call: a designated institution, with its id. */
  public static String designatedInstitution() {
    return Fixtures.institution(community(), true, "REHAB").path("id").asText();
  }

  /** June 2006, closed (once). */
  public static synchronized String closedMonth() {
    Api.Resp r = TestApp.admin().post("/periods/" + EMPTY_MONTH + "/close", Map.of("note", "结算矩阵"));
    if (r.status() != 200 && r.status() != 409) throw new IllegalStateException(r.toString());
    return EMPTY_MONTH;
  }

  /** A DRAFT statement without lines of the institution for June 2006. */
  public static String draft(String institutionId) {
    return created(TestApp.admin().post("/settlements", Map.of("institutionId", institutionId, "period", closedMonth()))).str("id");
  }

  /** A DRAFT statement of a fresh designated institution for July 2006 with one PENDING line: {settlementId, sessionId}. */
  public static synchronized String[] draftWithLine() {
    String inst = designatedInstitution();
    TestApp.admin().post("/periods/" + LINE_MONTH + "/reopen", Map.of("reason", "补录"));
    Map<String, Object> s = SettlementFixtures.session(child(), "REHAB_TRAINING", LocalDate.of(YEAR, 7, 10), "10.00", null, true);
    s.put("institutionId", inst);
    s.put("lateEntryReason", "结算测试补录");
    String session = created(TestApp.admin().withHeader("Idempotency-Key", "sw-" + java.util.UUID.randomUUID()).post("/sessions", s)).str("id");
    created(TestApp.admin().post("/periods/" + LINE_MONTH + "/close", Map.of("note", "结算测试")));
    String id = created(TestApp.admin().post("/settlements", Map.of("institutionId", inst, "period", LINE_MONTH))).str("id");
    return new String[] {id, session};
  }

  private static synchronized String community() {
    if (community == null) community = Fixtures.community();
    return community;
  }

  private static synchronized String child() {
    if (child != null) return child;
    SettlementFixtures.aidStandard(YEAR);
    Api.Resp schedule = SettlementFixtures.putSchedule(YEAR, null, "REHAB_TRAINING", "500.00");
    if (schedule.status() != 200 && TestApp.admin().get("/fee-schedules/" + YEAR).status() != 200) throw new IllegalStateException(schedule.toString());
    Map<String, Object> enrol = new LinkedHashMap<>();
    child = Fixtures.person(community(), cn.donghe.rehab.registry.Category.PHYSICAL, 2, LocalDate.of(YEAR - 6, 6, 15)).path("id").asText();
    enrol.put("personId", child);
    enrol.put("year", YEAR);
    enrol.put("category", "PHYSICAL");
    enrol.put("guardianConsent", Map.of("name", "家长", "relation", "母亲", "signedOn", "2006-01-02"));
    created(TestApp.admin().post("/aid-accounts", enrol));
    return child;
  }

  private static Api.Resp created(Api.Resp r) {
    if (r.status() != 200 && r.status() != 201) throw new IllegalStateException(r.toString());
    return r;
  }

  static List<String> months() { return List.of(EMPTY_MONTH, LINE_MONTH); }
}
