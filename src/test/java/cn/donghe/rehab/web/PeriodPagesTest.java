package cn.donghe.rehab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The federation's months page: status per month, close and reopen forms (PRG), and what is still pending in an open month. */
class PeriodPagesTest {
  private static WebClient login(AppUser u) { return new WebClient().login(u.username(), Fixtures.PASSWORD); }

  @Test
  void admin_seesTwelveMonths_closesOne_andReopensItOnlyWithAReason() {
    WebClient a = login(WebFixtures.user("ADMIN", null, null, List.of()));
    try {
      WebClient.Page p = a.get("/app/admin/periods?year=2012");
      assertEquals(200, p.status(), p.toString());
      for (int m = 1; m <= 12; m++) assertTrue(p.body().contains(YearMonth.of(2012, m).toString()), "month " + m);
      assertTrue(p.body().contains("name=\"_csrf\""), "forms carry the CSRF token");

      WebClient.Page closed = a.post("/app/admin/periods/2012-05/close", Map.of("note", "已上报"));
      assertEquals(303, closed.status(), closed.toString());
      assertTrue(closed.header("Location").endsWith("/app/admin/periods?year=2012&done=closed"), closed.toString());
      assertEquals("CLOSED", TestApp.admin().get("/periods?year=2012").get("items").get(4).path("status").asText());

      WebClient.Page noReason = a.post("/app/admin/periods/2012-05/reopen", Map.of("reason", ""));
      assertEquals(422, noReason.status(), noReason.toString());
      assertTrue(noReason.body().contains("id=\"e-reason\""), noReason.body());
      assertEquals("CLOSED", TestApp.admin().get("/periods?year=2012").get("items").get(4).path("status").asText());

      assertEquals(303, a.post("/app/admin/periods/2012-05/reopen", Map.of("reason", "更正")).status());
      assertEquals("OPEN", TestApp.admin().get("/periods?year=2012").get("items").get(4).path("status").asText());
    } finally {
      TestApp.admin().post("/periods/2012-05/reopen", Map.of("reason", "test over"));
    }
  }

  @Test
  void closingTheCurrentMonth_answers422OnThePage_andChangesNothing() {
    WebClient a = login(WebFixtures.user("ADMIN", null, null, List.of()));
    YearMonth now = YearMonth.from(WebFixtures.today());
    a.get("/app/admin/periods"); // the form token comes with a page
    WebClient.Page r = a.post("/app/admin/periods/" + now + "/close", Map.of("note", ""));
    assertEquals(422, r.status(), r.toString());
    assertTrue(r.body().contains("id=\"e-period\""), r.body());
  }

  @Test
  void anOpenMonth_showsWhatIsStillPending() {
    YearMonth last = YearMonth.from(WebFixtures.today()).minusMonths(1);
    String community = Fixtures.community();
    String rehab = Fixtures.institution(community, false, "REHAB").path("id").asText();
    String person = Fixtures.person(community).path("id").asText();
    Api.Resp s = Fixtures.institutionUser(rehab).withHeader("Idempotency-Key", UUID.randomUUID().toString()).post("/sessions",
        Map.of("personId", person, "serviceType", "REHAB_TRAINING", "date", last.atEndOfMonth().toString(), "durationMinutes", 30,
            "therapist", "王", "fee", "10.00", "useChildAid", false));
    assertEquals(201, s.status(), s.toString());

    WebClient a = login(WebFixtures.user("ADMIN", null, null, List.of()));
    WebClient.Page p = a.get("/app/admin/periods?year=" + last.getYear());
    assertTrue(p.body().contains("id=\"pending-" + last + "\""), p.body());
  }

  @Test
  void regionalAdmin_seesTheMonthsButMayNotCloseThem() {
    AppUser regional = Fixtures.createUserDirect(Fixtures.username("web-radmin"), "ADMIN", null, null, List.of(), Fixtures.town());
    WebClient r = login(regional);
    WebClient.Page p = r.get("/app/admin/periods?year=2012");
    assertEquals(200, p.status());
    assertFalse(p.body().contains("/close\""), "no close forms for a regional admin");
    assertEquals(403, r.post("/app/admin/periods/2012-06/close", Map.of("note", "x")).status());
    assertEquals("OPEN", TestApp.admin().get("/periods?year=2012").get("items").get(5).path("status").asText());
  }
}
