package cn.donghe.rehab.contracts;

import static cn.donghe.rehab.contracts.ContractFixtures.assertProblem;
import static cn.donghe.rehab.contracts.ContractFixtures.contract;
import static cn.donghe.rehab.contracts.ContractFixtures.ids;
import static cn.donghe.rehab.contracts.ContractFixtures.today;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorklistApiTest {
  @Test
  void unsigned_listsActivePersonsWithoutAContractToday() {
    ContractFixtures.World w = ContractFixtures.world();
    String signed = w.person();
    contract(signed, w.doctorId(), today().minusMonths(2));
    String lapsed = w.person();
    JsonNode old = contract(lapsed, w.doctorId(), today().minusYears(2));
    String never = w.person();
    String pending = w.person();
    contract(pending, w.doctorId(), today().plusDays(3));
    String deceased = w.person();
    TestApp.admin().patch("/persons/" + deceased, Map.of("status", "DECEASED", "statusDate", today().toString()));

    Api.Resp r = TestApp.admin().get("/contracts/worklist/unsigned?regionCode=" + w.community());
    assertEquals(200, r.status(), r.toString());
    assertEquals(List.of(lapsed, never, pending), ids(r, "personId"));
    JsonNode first = r.get("items").get(0);
    assertEquals(old.path("endDate").asText(), first.path("lastContractEndedOn").asText());
    assertTrue(first.path("idNumber").asText().contains("********"), first.toString());
    assertTrue(r.get("items").get(1).path("lastContractEndedOn").isNull());
    // The town's worklist includes the community's.
    assertTrue(ids(TestApp.admin().get("/contracts/worklist/unsigned?regionCode=" + w.town() + "&limit=500"), "personId").containsAll(List.of(lapsed, never)));
  }

  @Test
  void unsigned_pages_andRejectsBadRegion() {
    ContractFixtures.World w = ContractFixtures.world();
    String a = w.person();
    String b = w.person();
    Api.Resp p1 = TestApp.admin().get("/contracts/worklist/unsigned?regionCode=" + w.community() + "&limit=1");
    assertEquals(List.of(a), ids(p1, "personId"));
    assertNotNull(p1.str("nextCursor"));
    Api.Resp p2 = TestApp.admin().get("/contracts/worklist/unsigned?regionCode=" + w.community() + "&limit=1&cursor=" + p1.str("nextCursor"));
    assertEquals(List.of(b), ids(p2, "personId"));
    assertProblem(TestApp.admin().get("/contracts/worklist/unsigned?regionCode=15020"), 400);
    assertProblem(TestApp.admin().get("/contracts/worklist/unsigned?limit=501"), 400);
  }

  @Test
  void doctor_seesTheWorklistOfTheirInstitutionsRegionOnly() {
    ContractFixtures.World w = ContractFixtures.world();
    String mine = w.person();
    ContractFixtures.World elsewhere = ContractFixtures.world();
    String theirs = elsewhere.person();
    List<String> seen = ids(w.doctor().get("/contracts/worklist/unsigned?limit=500"), "personId");
    assertTrue(seen.contains(mine));
    assertTrue(!seen.contains(theirs));
    // Asking for another region gives nothing rather than widening the doctor's area.
    assertEquals(List.of(), ids(w.doctor().get("/contracts/worklist/unsigned?regionCode=" + elsewhere.community()), "personId"));
    // After signing, the person leaves the worklist.
    assertEquals(201, w.doctor().post("/contracts", ContractFixtures.contractBody(mine, w.doctorId(), today())).status());
    assertTrue(!ids(w.doctor().get("/contracts/worklist/unsigned?limit=500"), "personId").contains(mine));
  }

  @Test
  void regionalAdmin_seesOnlyTheirRegion() {
    ContractFixtures.World w = ContractFixtures.world();
    String inside = w.person();
    ContractFixtures.World other = ContractFixtures.world();
    String outside = other.person();
    Api regional = Fixtures.regionalAdmin(w.town());
    List<String> seen = ids(regional.get("/contracts/worklist/unsigned?limit=500"), "personId");
    assertTrue(seen.contains(inside));
    assertTrue(!seen.contains(outside));
    assertEquals(List.of(), ids(regional.get("/contracts/worklist/unsigned?regionCode=" + other.community()), "personId"));
  }
}
