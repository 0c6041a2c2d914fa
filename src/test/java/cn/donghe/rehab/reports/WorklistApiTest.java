package cn.donghe.rehab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worklists (persons in the denominator, not the numerator) of {@link Scenario2025}. */
class WorklistApiTest {
  static Scenario2025 s;

  @BeforeAll
  static void scenario() { s = Scenario2025.get(); }

  private static Api.Resp get(String code, String extra) {
    Api.Resp r = ReportFixtures.admin().get("/reports/indicators/" + code + "/unserved?" + s.query(extra));
    assertEquals(200, r.status(), r.toString());
    return r;
  }

  private static Map<String, JsonNode> byId(Api.Resp page) {
    Map<String, JsonNode> m = new TreeMap<>();
    page.get("items").forEach(n -> m.put(n.path("personId").asText(), n));
    return m;
  }

  @Test
  void rehabWorklist_listsTheUnserved_withMaskedIdCommunityNeedsAndDoctor() {
    Map<String, JsonNode> items = byId(get("REHAB_SERVICE_RATE", ""));
    // p2 (voided), p3 (served only in 2024), p7 (deceased during the year); not p6 (gone before the year)
    assertEquals(new TreeMap<>(Map.of(s.p2, 0, s.p3, 0, s.p7, 0)).keySet(), items.keySet());
    JsonNode p3 = items.get(s.p3);
    assertTrue(p3.path("idNumber").asText().matches("\\d{6}\\*{12}"), p3.toString());
    assertEquals(s.area.a(), p3.path("communityCode").asText());
    assertEquals("测试社区" + s.area.a().substring(9), p3.path("communityName").asText());
    assertEquals(List.of("REHAB_TRAINING"), List.of(p3.path("rehabNeeds").get(0).asText()));
    assertEquals(s.area.doctorId(), p3.path("doctorId").asText());
    assertNotNull(p3.path("doctorName").textValue());
    assertTrue(items.get(s.p2).path("doctorName").isNull(), "p2's contract ended in 2024");
    assertEquals("DECEASED", items.get(s.p7).path("status").asText());
  }

  @Test
  void worklist_isPaged_byCursor() {
    Api.Resp first = get("REHAB_SERVICE_RATE", "&limit=2");
    assertEquals(2, first.get("items").size());
    String cursor = first.str("nextCursor");
    assertNotNull(cursor);
    Api.Resp second = get("REHAB_SERVICE_RATE", "&limit=2&cursor=" + cursor);
    assertEquals(1, second.get("items").size());
    assertTrue(second.get("nextCursor").isNull());
    List<String> all = new ArrayList<>(byId(first).keySet());
    all.addAll(byId(second).keySet());
    assertEquals(List.copyOf(new TreeMap<>(byId(get("REHAB_SERVICE_RATE", ""))).keySet()), all);
  }

  @Test
  void deviceWorklist_showsDeviceNeeds() {
    Map<String, JsonNode> items = byId(get("DEVICE_FITTING_RATE", ""));
    assertEquals(new TreeMap<>(Map.of(s.p9, 0, s.p11, 0)).keySet(), items.keySet());
    assertEquals(s.deviceNeed, items.get(s.p9).path("deviceNeeds").get(0).asText());
    assertEquals(s.area.b(), items.get(s.p11).path("communityCode").asText());
  }

  @Test
  void contractWorklist_listsActivePersonsWithoutAContractOnTheAsOfDay() {
    Map<String, JsonNode> items = byId(get("DOCTOR_CONTRACT_RATE", ""));
    assertEquals(new TreeMap<>(Map.of(s.p2, 0, s.p3, 0, s.p4, 0, s.p5, 0, s.p8, 0, s.p9, 0, s.p10, 0)).keySet(), items.keySet());
    // p8 moved: the contract indicator counts them in their record's community
    assertEquals(s.area.b(), items.get(s.p8).path("communityCode").asText());
    assertEquals(0, items.get(s.p10).path("rehabNeeds").size());
  }

  @Test
  void regionalAdmin_ofAnotherTown_getsNotFound() {
    Api other = Fixtures.regionalAdmin(Fixtures.town());
    Api.Resp r = other.get("/reports/indicators/REHAB_SERVICE_RATE/unserved?" + s.query(""));
    assertEquals(404, r.status(), r.toString());
    assertEquals("application/problem+json", r.contentType());
  }
}
