package cn.donghe.rehab.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Aid standards. Only this class changes standards, and only for 2021 (created here), 2022 (raise) and 2023 (cut),
 * so the other classes can rely on the plan's standard for the current year.
 */
class AidStandardApiTest {
  private static String community;
  private static AidFixtures.Clinic clinic;

  @BeforeAll
  static void setUp() {
    community = Fixtures.community();
    clinic = AidFixtures.clinic(community, true);
  }

  private static Map<String, Object> body(JsonNode standard, String category, String amount) {
    Map<String, Object> amounts = new LinkedHashMap<>();
    standard.path("amounts").fields().forEachRemaining(e -> amounts.put(e.getKey(), e.getValue().asText()));
    if (amount == null) amounts.remove(category);
    else amounts.put(category, amount);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("minAge", standard.path("minAge").asInt());
    m.put("maxAge", standard.path("maxAge").asInt());
    m.put("amounts", amounts);
    return m;
  }

  private static JsonNode account(String child) {
    return TestApp.admin().get("/aid-accounts?personId=" + child).get("items").get(0);
  }

  private static void assertLedgerSumsToBalance(JsonNode account) {
    BigDecimal sum = BigDecimal.ZERO;
    for (JsonNode e : account.path("entries")) sum = sum.add(new BigDecimal(e.path("amount").asText()));
    assertEquals(new BigDecimal(account.path("balance").asText()), sum);
  }

  @Test
  void plansStandard_isPreloaded_andReadableByEveryRole() {
    Api.Resp r = clinic.staff().get("/aid-standards/2024");
    assertEquals(200, r.status(), r.toString());
    assertEquals(0, r.get("minAge").asInt());
    assertEquals(10, r.get("maxAge").asInt());
    assertEquals("20000.00", r.get("amounts").path("PHYSICAL").asText());
    assertEquals("20000.00", r.get("amounts").path("INTELLECTUAL").asText());
    assertEquals("20000.00", r.get("amounts").path("AUTISM").asText());
    assertEquals("24000.00", r.get("amounts").path("HEARING").asText());
    assertEquals("5000.00", r.get("amounts").path("LOW_VISION").asText());
    assertEquals("24000.00", TestApp.admin().get("/aid-standards/2045").get("amounts").path("HEARING").asText(), "later years ship with it too");
    assertEquals(404, TestApp.admin().get("/aid-standards/2015").status());
    assertEquals(400, TestApp.admin().get("/aid-standards/20x4").status());
    assertEquals(401, TestApp.anonymous().get("/aid-standards/2024").status());
  }

  @Test
  void raisingMidYear_topsUpEveryAccountOfThatCategory_inOneGo() {
    int year = 2022;
    String spender = AidFixtures.child(community, Category.PHYSICAL, year, 4).path("id").asText();
    String saver = AidFixtures.child(community, Category.PHYSICAL, year, 6).path("id").asText();
    String hearing = AidFixtures.child(community, Category.HEARING, year, 6).path("id").asText();
    AidFixtures.enrol(spender, year, "PHYSICAL");
    AidFixtures.enrol(saver, year, "PHYSICAL");
    AidFixtures.enrol(hearing, year, "HEARING");
    assertEquals(201, AidFixtures.lateEntry(clinic.id(), AidFixtures.session(spender, "1500.00", true, LocalDate.of(year, 6, 1)), "补录").status());
    JsonNode before = TestApp.admin().get("/aid-standards/" + year).json();
    BigDecimal oldAmount = new BigDecimal(before.path("amounts").path("PHYSICAL").asText());
    BigDecimal newAmount = oldAmount.add(new BigDecimal("2000.00"));
    BigDecimal spenderBalance = new BigDecimal(account(spender).path("balance").asText());
    BigDecimal hearingBalance = new BigDecimal(account(hearing).path("balance").asText());

    Api.Resp put = TestApp.admin().put("/aid-standards/" + year, body(before, "PHYSICAL", newAmount.toPlainString()));
    assertEquals(200, put.status(), put.toString());
    assertEquals(newAmount.toPlainString(), put.get("amounts").path("PHYSICAL").asText());

    JsonNode s = account(spender);
    assertEquals(spenderBalance.add(new BigDecimal("2000.00")).toPlainString(), s.path("balance").asText());
    assertEquals("1500.00", s.path("spent").asText());
    JsonNode last = s.path("entries").get(s.path("entries").size() - 1);
    assertEquals("ADJUSTMENT", last.path("kind").asText(), "DESIGN section 6: each standard change is an ADJUSTMENT entry");
    assertEquals("2000.00", last.path("amount").asText());
    assertEquals(s.path("balance").asText(), last.path("balanceAfter").asText());
    assertLedgerSumsToBalance(s);
    JsonNode sv = account(saver);
    assertEquals(sv.path("budget").asText(), sv.path("balance").asText());
    assertEquals("ADJUSTMENT", sv.path("entries").get(sv.path("entries").size() - 1).path("kind").asText());
    assertEquals(hearingBalance.toPlainString(), account(hearing).path("balance").asText(), "other categories untouched");

    String late = AidFixtures.child(community, Category.PHYSICAL, year, 5).path("id").asText();
    assertEquals(newAmount.toPlainString(), AidFixtures.enrol(late, year, "PHYSICAL").path("budget").asText(), "new accounts get the new amount");
    assertTrue(AidFixtures.countWhere("SELECT count(*) FROM audit_events WHERE entity = 'aid_standard' AND entity_id = ?", String.valueOf(year)) >= 1);
  }

  @Test
  void lowering_neverTakesBackMoneyAlreadySpent() {
    int year = 2023;
    JsonNode std = TestApp.admin().get("/aid-standards/" + year).json();
    assertEquals(200, TestApp.admin().put("/aid-standards/" + year, body(std, "LOW_VISION", "5000.00")).status());
    String spender = AidFixtures.child(community, Category.VISUAL, year, 3).path("id").asText();
    String saver = AidFixtures.child(community, Category.VISUAL, year, 8).path("id").asText();
    AidFixtures.enrol(spender, year, "LOW_VISION");
    AidFixtures.enrol(saver, year, "LOW_VISION");
    assertEquals(201, AidFixtures.lateEntry(clinic.id(), AidFixtures.session(spender, "4000.00", true, LocalDate.of(year, 3, 1)), "补录").status());

    Api.Resp put = TestApp.admin().put("/aid-standards/" + year, body(std, "LOW_VISION", "3000.00"));
    assertEquals(200, put.status(), put.toString());

    JsonNode s = account(spender);
    assertEquals("0.00", s.path("balance").asText(), "cut only the unspent 1000.00");
    assertEquals("4000.00", s.path("spent").asText(), "spent money stays spent");
    assertEquals("4000.00", s.path("budget").asText());
    JsonNode cut = s.path("entries").get(s.path("entries").size() - 1);
    assertEquals("ADJUSTMENT", cut.path("kind").asText());
    assertEquals("-1000.00", cut.path("amount").asText());
    assertLedgerSumsToBalance(s);
    JsonNode v = account(saver);
    assertEquals("3000.00", v.path("balance").asText());
    assertEquals("3000.00", v.path("budget").asText());
    assertLedgerSumsToBalance(v);

    long accounts = Fixtures.count("aid_accounts");
    Api.Resp removed = TestApp.admin().put("/aid-standards/" + year, body(std, "LOW_VISION", null));
    assertEquals(409, removed.status(), removed.toString());
    assertTrue(removed.str("type").endsWith("aid-standard-category-in-use"));
    assertEquals("3000.00", TestApp.admin().get("/aid-standards/" + year).get("amounts").path("LOW_VISION").asText());
    assertEquals(accounts, Fixtures.count("aid_accounts"));
  }

  /**
   * Issue 15 item 5: the budget is the year's current standard, never more. 5000 -> 3000 -> 5000 with 4000.00 spent
   * ends at budget 5000.00 and balance 1000.00 (it used to end at 6000.00 / 2000.00), each step an ADJUSTMENT.
   */
  @Test
  void cutThenRaise_restoresTheStandard_neverMore_andAVoidAfterACutDoesNotLiftTheBudgetAboveIt() {
    int year = 2021;
    Map<String, Object> std = new LinkedHashMap<>(Map.of("minAge", 0, "maxAge", 10));
    Map<String, Object> amounts = new LinkedHashMap<>(Map.of("PHYSICAL", "20000.00", "LOW_VISION", "5000.00"));
    std.put("amounts", amounts);
    Api.Resp created = TestApp.admin().put("/aid-standards/" + year, std);
    assertEquals(200, created.status(), created.toString());
    // issue 18: 2021 ships with no fee schedule; aid pays only for service types listed in one
    if (TestApp.admin().get("/fee-schedules/" + year).status() == 404) {
      Api.Resp fees = TestApp.admin().put("/fee-schedules/" + year, Map.of("items", java.util.List.of(Map.of("serviceType", "REHAB_TRAINING",
          "maxFee", "5000.00"))));
      assertEquals(200, fees.status(), fees.toString());
    }
    String child = AidFixtures.child(community, Category.VISUAL, year, 4).path("id").asText();
    String other = AidFixtures.child(community, Category.VISUAL, year, 6).path("id").asText();
    AidFixtures.enrol(child, year, "LOW_VISION");
    AidFixtures.enrol(other, year, "LOW_VISION");
    String first = AidFixtures.lateEntry(clinic.id(), AidFixtures.session(child, "3000.00", true, LocalDate.of(year, 3, 1)), "补录").str("id");
    assertEquals(201, AidFixtures.lateEntry(clinic.id(), AidFixtures.session(child, "1000.00", true, LocalDate.of(year, 4, 1)), "补录").status());

    amounts.put("LOW_VISION", "3000.00");
    assertEquals(200, TestApp.admin().put("/aid-standards/" + year, std).status());
    JsonNode cut = AidFixtures.account(child, year);
    assertEquals(List.of("4000.00", "4000.00", "0.00"), List.of(cut.path("budget").asText(), cut.path("spent").asText(), cut.path("balance").asText()));
    amounts.put("LOW_VISION", "5000.00");
    assertEquals(200, TestApp.admin().put("/aid-standards/" + year, std).status());
    JsonNode back = AidFixtures.account(child, year);
    assertEquals(List.of("5000.00", "4000.00", "1000.00"), List.of(back.path("budget").asText(), back.path("spent").asText(), back.path("balance").asText()));
    JsonNode last = back.path("entries").get(back.path("entries").size() - 1);
    assertEquals("ADJUSTMENT", last.path("kind").asText());
    assertEquals("1000.00", last.path("amount").asText());
    assertLedgerSumsToBalance(back);
    JsonNode untouched = AidFixtures.account(other, year);
    assertEquals(List.of("5000.00", "5000.00"), List.of(untouched.path("budget").asText(), untouched.path("balance").asText()));
    assertLedgerSumsToBalance(untouched);

    // cut again to 3000, then void the 3000.00 session: spent 1000.00, budget back to the standard 3000.00 (not 4000.00)
    amounts.put("LOW_VISION", "3000.00");
    assertEquals(200, TestApp.admin().put("/aid-standards/" + year, std).status());
    assertEquals(200, TestApp.admin().post("/sessions/" + first + "/void", Map.of("reason", "录入错误")).status());
    JsonNode voided = AidFixtures.account(child, year);
    assertEquals(List.of("3000.00", "1000.00", "2000.00"), List.of(voided.path("budget").asText(), voided.path("spent").asText(),
        voided.path("balance").asText()));
    assertLedgerSumsToBalance(voided);
  }

  @Test
  void invalidStandard_is422NamingFields_andOnlyDistrictAdminMayChange() {
    Map<String, Object> bad = new LinkedHashMap<>();
    bad.put("minAge", 8);
    bad.put("maxAge", 6);
    bad.put("amounts", Map.of("PHYSICAL", "-1.00", "DENTAL", "10.00"));
    Api.Resp r = TestApp.admin().put("/aid-standards/2026", bad);
    assertEquals(422, r.status());
    assertEquals("application/problem+json", r.contentType());
    String errors = r.get("errors").toString();
    for (String f : new String[] {"maxAge", "amounts.PHYSICAL", "amounts.DENTAL"}) assertTrue(errors.contains("\"" + f + "\""), errors);
    Map<String, Object> ok = Map.of("minAge", 0, "maxAge", 10, "amounts", Map.of("PHYSICAL", "20000.00"));
    assertEquals(403, clinic.staff().put("/aid-standards/2026", ok).status());
    assertEquals(403, Fixtures.regionalAdmin(Fixtures.town()).put("/aid-standards/2026", ok).status());
    assertEquals("24000.00", TestApp.admin().get("/aid-standards/2026").get("amounts").path("HEARING").asText());
  }
}
