package cn.donghe.rehab.registry;

import static cn.donghe.rehab.common.ProblemAssert.invalid;
import static cn.donghe.rehab.common.ProblemAssert.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegionApiTest {
  private static Map<String, Object> region(String code, String name, String level, String parent) {
    Map<String, Object> m = new HashMap<>();
    m.put("code", code);
    m.put("name", name);
    m.put("level", level);
    m.put("parentCode", parent);
    return m;
  }

  private static String freeCommunityCode(String town) {
    return town.substring(0, 9) + String.format("%03d", 1 + (Fixtures.next() * 7) % 998);
  }

  @Test
  void community_isCreatedUnderItsTown_andListedByParent() {
    String town = Fixtures.town();
    String code = freeCommunityCode(town);
    Api.Resp r = TestApp.admin().post("/regions", region(code, "幸福社区", "COMMUNITY", town));
    assertEquals(201, r.status(), r.toString());
    assertEquals("COMMUNITY", r.str("level"));
    JsonNode items = TestApp.admin().get("/regions?parentCode=" + town).get("items");
    boolean listed = false;
    for (JsonNode i : items) {
      listed |= i.path("code").asText().equals(code) && i.path("parentCode").asText().equals(town);
      assertEquals(town, i.path("parentCode").asText());
    }
    assertTrue(listed, items.toString());
    int audited = TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_events WHERE entity = 'region' AND entity_id = :c")
        .bind("c", code).mapTo(Integer.class).one());
    assertEquals(1, audited);
  }

  @Test
  void codeAndLevelAndParentRules_are422_andStoreNothing() {
    String town = Fixtures.town();
    long before = Fixtures.count("regions");
    Api admin = TestApp.admin();
    invalid(admin.post("/regions", region("15020200100", "短", "COMMUNITY", town)), "code");
    invalid(admin.post("/regions", region("15020200A001", "字母", "COMMUNITY", town)), "code");
    invalid(admin.post("/regions", region(town.substring(0, 9) + "000", "零尾社区", "COMMUNITY", town)), "code");
    invalid(admin.post("/regions", region("150202" + "777" + "001", "非零尾街道", "TOWN", "150202000000")), "code");
    invalid(admin.post("/regions", region("150203" + "001" + "005", "别处社区", "COMMUNITY", town)), "code");
    invalid(admin.post("/regions", region(freeCommunityCode(town), "无上级", "COMMUNITY", null)), "parentCode");
    invalid(admin.post("/regions", region("150202888005", "上级不存在", "COMMUNITY", "150202888000")), "parentCode");
    invalid(admin.post("/regions", region("150202" + town.substring(6, 9) + "000", "级别错", "TOWN", town)), "code");
    String community = Fixtures.community(town);
    invalid(admin.post("/regions", region(community.substring(0, 9) + "998", "上级是社区", "COMMUNITY", community)), "code");
    invalid(admin.post("/regions", region("150299000000", "区县带上级", "DISTRICT", "150000000000")), "parentCode");
    invalid(admin.post("/regions", region(freeCommunityCode(town), "级别", "VILLAGE", town)), "level");
    invalid(admin.post("/regions", region(freeCommunityCode(town), " ", "COMMUNITY", town)), "name");
    assertEquals(before + 1, Fixtures.count("regions"));   // only Fixtures.community above
  }

  @Test
  void parentOfTheWrongLevel_is422() {
    String town = Fixtures.town();
    String community = Fixtures.community(town);
    // a TOWN whose parent is a TOWN
    Api.Resp r = TestApp.admin().post("/regions", region("150202" + town.substring(6, 9) + "000", "x", "COMMUNITY", community));
    problem(422, r);
  }

  @Test
  void duplicateCode_is409() {
    String town = Fixtures.town();
    String code = freeCommunityCode(town);
    assertEquals(201, TestApp.admin().post("/regions", region(code, "一", "COMMUNITY", town)).status());
    problem(409, TestApp.admin().post("/regions", region(code, "二", "COMMUNITY", town)));
  }

  @Test
  void regionalAdmin_mayAddOnlyInsideTheirRegion_othersMayNotAddAtAll() {
    String town = Fixtures.town();
    String otherTown = Fixtures.town();
    Api regional = Fixtures.regionalAdmin(town);
    assertEquals(201, regional.post("/regions", region(freeCommunityCode(town), "本镇社区", "COMMUNITY", town)).status());
    invalid(regional.post("/regions", region(freeCommunityCode(otherTown), "外镇社区", "COMMUNITY", otherTown)), "code");
    String inst = Fixtures.institution(Fixtures.community(town), false, "REHAB").path("id").asText();
    problem(403, Fixtures.institutionUser(inst).post("/regions", region(freeCommunityCode(town), "x", "COMMUNITY", town)));
    problem(401, TestApp.anonymous().get("/regions"));
    assertEquals(200, Fixtures.institutionUser(inst).get("/regions").status());
  }
}
