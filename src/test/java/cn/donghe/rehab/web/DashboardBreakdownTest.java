package cn.donghe.rehab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's breakdowns by age band and sex (the same figures as the API's groupBy=AGE_BAND|SEX), PLAN_ADHERENCE
 * with its month, and the definition in force; unknown breakdowns are a 400 page naming groupBy.
 */
class DashboardBreakdownTest {

  private static WebClient login(AppUser u) { return new WebClient().login(u.username(), Fixtures.PASSWORD); }

  @Test
  void ageBandAndSex_breakdowns_matchTheApi_andPlanAdherenceIsShown() {
    int year = WebFixtures.today().getYear();
    String town = Fixtures.town();
    String community = Fixtures.community(town);
    String rehab = Fixtures.institution(community, true, "REHAB").path("id").asText();
    Api staff = Fixtures.institutionUser(rehab);
    String child = Fixtures.person(community, Category.PHYSICAL, 2, WebFixtures.today().minusYears(5)).path("id").asText();
    String adult = Fixtures.person(community, Category.PHYSICAL, 2, LocalDate.of(1980, 5, 17)).path("id").asText();
    String old = Fixtures.person(community, Category.PHYSICAL, 2, LocalDate.of(1940, 5, 17)).path("id").asText();
    for (String p : List.of(child, adult, old)) {
      Api.Resp r = TestApp.admin().put("/persons/" + p + "/assessments/" + year, Map.of("assessedOn", WebFixtures.today().toString(),
          "rehabNeeds", List.of("REHAB_TRAINING"), "deviceNeeds", List.of()));
      assertTrue(r.status() == 200 || r.status() == 201, r.toString());
    }
    Api.Resp s = staff.withHeader("Idempotency-Key", "dash-" + java.util.UUID.randomUUID()).post("/sessions", Map.of("personId", adult,
        "serviceType", "REHAB_TRAINING", "date", WebFixtures.today().toString(), "durationMinutes", 45, "therapist", "王",
        "fee", "80.00", "useChildAid", false));
    assertEquals(201, s.status(), s.toString());
    AppUser townAdmin = Fixtures.createUserDirect(Fixtures.username("web-dash-age"), "ADMIN", null, null, List.of(), town);
    WebClient c = login(townAdmin);

    JsonNode api = TestApp.admin().get("/reports/indicators?year=" + year + "&regionCode=" + town + "&groupBy=AGE_BAND").json();
    WebClient.Page byAge = c.get("/app/admin/dashboard?year=" + year + "&regionCode=" + town + "&groupBy=AGE_BAND");
    assertEquals(200, byAge.status(), byAge.toString());
    String html = byAge.body();
    for (JsonNode i : api.path("indicators")) {
      if (!i.path("code").asText().equals("REHAB_SERVICE_RATE")) continue;
      for (JsonNode g : i.path("groups")) assertTrue(html.contains(g.path("name").asText()), "group " + g + " on the page");
      assertEquals(3, i.path("groups").size(), i.toString());
    }
    assertTrue(html.contains("按年龄段"), "the breakdown is named");
    assertTrue(html.contains("0-6 岁") && html.contains("18-59 岁") && html.contains("60+ 岁"), html);
    assertFalse(html.contains("groupBy=COMMUNITY\">") && html.contains("regionCode=0-6"), "age bands are not regions: no drill-down by band");
    assertTrue(html.contains("ind-PLAN_ADHERENCE") && html.contains("一人一案落实率"), "PLAN_ADHERENCE has its panel");
    assertTrue(html.contains(api.path("month").asText()), "the month PLAN_ADHERENCE counts is shown");
    assertTrue(html.contains("第 2 版"), "the definition in force is shown");

    WebClient.Page bySex = c.get("/app/admin/dashboard?year=" + year + "&regionCode=" + town + "&groupBy=SEX");
    assertEquals(200, bySex.status(), bySex.toString());
    assertTrue(bySex.body().contains("按性别"), bySex.body());
    assertTrue(bySex.body().contains(">男<") || bySex.body().contains(">女<"), "sex groups shown");

    // the dashboard offers the breakdowns
    WebClient.Page towns = c.get("/app/admin/dashboard?year=" + year);
    assertTrue(towns.body().contains("groupBy=AGE_BAND") && towns.body().contains("groupBy=SEX"), "links to the breakdowns");

    WebClient.Page bad = c.get("/app/admin/dashboard?year=" + year + "&groupBy=AGE");
    assertEquals(400, bad.status(), bad.toString());
    assertTrue(bad.body().contains("groupBy"), bad.body());
    WebClient.Page csv = c.get("/app/admin/dashboard/export?year=" + year + "&regionCode=" + town + "&groupBy=SEX&format=csv");
    assertEquals(200, csv.status(), csv.toString());
    assertTrue(csv.body().contains("PLAN_ADHERENCE"), "the download holds every indicator");
  }
}
