package cn.donghe.rehab.sessions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AidAccountApiTest {
  private static String community;
  private static int year;

  @BeforeAll
  static void setUp() {
    community = Fixtures.community();
    year = AidFixtures.thisYear();
  }

  private static void assertRefused(Api.Resp r, int status, String type, String field) {
    assertEquals(status, r.status(), r.toString());
    assertEquals("application/problem+json", r.contentType());
    assertTrue(r.str("type").endsWith("/" + type), r.toString());
    if (field != null) assertTrue(r.get("errors").toString().contains("\"field\":\"" + field + "\""), r.toString());
  }

  private static Api.Resp enrol(String child, String category) {
    return TestApp.admin().post("/aid-accounts", AidFixtures.enrolBody(child, year, category));
  }

  @Test
  void enrolment_opensTheYearsBudget_withABudgetEntry_andIsAudited() {
    String child = AidFixtures.child(community, Category.HEARING, year, 4).path("id").asText();
    Api.Resp r = enrol(child, "HEARING");
    assertEquals(201, r.status(), r.toString());
    assertEquals(child, r.str("personId"));
    assertEquals(year, r.get("year").asInt());
    assertEquals("HEARING", r.str("category"));
    assertEquals("24000.00", r.str("budget"));
    assertEquals("0.00", r.str("spent"));
    assertEquals("24000.00", r.str("balance"));
    JsonNode entries = r.get("entries");
    assertEquals(1, entries.size());
    assertEquals("BUDGET", entries.get(0).path("kind").asText());
    assertEquals("24000.00", entries.get(0).path("amount").asText());
    assertEquals("24000.00", entries.get(0).path("balanceAfter").asText());
    assertEquals(1L, AidFixtures.countWhere("SELECT count(*) FROM audit_events WHERE entity = 'aid_account' AND entity_id = ?", r.str("id")));
    assertEquals(r.json(), TestApp.admin().get("/aid-accounts/" + r.str("id")).json());
  }

  @Test
  void underFourteen_withoutGuardianConsent_is422_andNothingStored() {
    String child = AidFixtures.child(community, Category.PHYSICAL, year, 5).path("id").asText();
    Map<String, Object> body = AidFixtures.enrolBody(child, year, "PHYSICAL");
    body.remove("guardianConsent");
    long before = Fixtures.count("aid_accounts");
    assertRefused(TestApp.admin().post("/aid-accounts", body), 422, "validation", "guardianConsent");
    body.put("guardianConsent", Map.of("name", "家长", "relation", "父亲", "signedOn", AidFixtures.today().plusDays(2).toString()));
    assertRefused(TestApp.admin().post("/aid-accounts", body), 422, "validation", "guardianConsent.signedOn");
    assertEquals(before, Fixtures.count("aid_accounts"));
  }

  @Test
  void ageOnFirstJanuary_mustBeWithinTheStandardsRange() {
    String ten = AidFixtures.child(community, Category.PHYSICAL, year, 10).path("id").asText();
    assertEquals(201, enrol(ten, "PHYSICAL").status());
    String eleven = AidFixtures.child(community, Category.PHYSICAL, year, 11).path("id").asText();
    assertRefused(enrol(eleven, "PHYSICAL"), 422, "aid-age-out-of-range", "personId");
    String infant = Fixtures.child(community, Category.PHYSICAL, LocalDate.of(year - 1, 12, 31)).path("id").asText();
    assertEquals(201, enrol(infant, "PHYSICAL").status(), "age 0 on 1 January is eligible");
    LocalDate bornThisYear = LocalDate.of(year, 1, 2);
    if (!bornThisYear.isAfter(AidFixtures.today())) {
      String newborn = Fixtures.child(community, Category.PHYSICAL, bornThisYear).path("id").asText();
      assertRefused(enrol(newborn, "PHYSICAL"), 422, "aid-age-out-of-range", "personId");
    }
  }

  @Test
  void category_mustFitTheChild() {
    String hearing = AidFixtures.child(community, Category.HEARING, year, 3).path("id").asText();
    assertRefused(enrol(hearing, "PHYSICAL"), 422, "aid-category-mismatch", "category");
    assertRefused(enrol(hearing, "AUTISM"), 422, "aid-category-mismatch", "category");
    String visual = AidFixtures.child(community, Category.VISUAL, year, 3).path("id").asText();
    assertEquals("5000.00", enrol(visual, "LOW_VISION").str("budget"));
    Map<String, Object> autistic = Fixtures.personBody(community, Category.INTELLECTUAL, 2, LocalDate.of(year - 5, 3, 3));
    autistic.remove("certificateNo");
    autistic.put("autism", true);
    String id = TestApp.admin().post("/persons", autistic).str("id");
    assertEquals("20000.00", enrol(id, "AUTISM").str("budget"));
    assertRefused(enrol(hearing, "DENTAL"), 422, "validation", "category");
  }

  @Test
  void alreadyEnrolled_is409_evenWhenRacing() throws Exception {
    String child = AidFixtures.child(community, Category.INTELLECTUAL, year, 2).path("id").asText();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Api.Resp>> fs = new ArrayList<>();
      for (int i = 0; i < 6; i++) fs.add(pool.submit(() -> { go.await(); return enrol(child, "INTELLECTUAL"); }));
      go.countDown();
      int created = 0;
      for (Future<Api.Resp> f : fs) {
        Api.Resp r = f.get(60, TimeUnit.SECONDS);
        if (r.status() == 201) created++;
        else assertRefused(r, 409, "aid-already-enrolled", "personId");
      }
      assertEquals(1, created);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1L, AidFixtures.countWhere("SELECT count(*) FROM aid_accounts WHERE person_id = CAST(? AS uuid)", child));
  }

  @Test
  void inactiveOrUnknownPerson_isRefused() {
    String child = AidFixtures.child(community, Category.PHYSICAL, year, 4).path("id").asText();
    assertEquals(200, TestApp.admin().patch("/persons/" + child, Map.of("status", "MOVED_OUT", "statusDate", AidFixtures.today().toString())).status());
    assertRefused(enrol(child, "PHYSICAL"), 422, "aid-person-not-active", "personId");
    assertRefused(enrol("00000000-0000-7000-8000-000000000000", "PHYSICAL"), 422, "validation", "personId");
    String other = AidFixtures.child(community, Category.PHYSICAL, year, 4).path("id").asText();
    Api elsewhere = Fixtures.regionalAdmin(Fixtures.town());
    assertRefused(elsewhere.post("/aid-accounts", AidFixtures.enrolBody(other, year, "PHYSICAL")), 422, "validation", "personId");
    assertEquals(403, AidFixtures.clinic(community, true).staff().post("/aid-accounts", AidFixtures.enrolBody(other, year, "PHYSICAL")).status());
  }

  @Test
  void guardian_readsOwnChildsAccountAndLedger_withInstitutionAndDate_but404ForOthers() {
    String mine = AidFixtures.child(community, Category.HEARING, year, 6).path("id").asText();
    String theirs = AidFixtures.child(community, Category.HEARING, year, 6).path("id").asText();
    String myAccount = AidFixtures.enrol(mine, year, "HEARING").path("id").asText();
    String theirAccount = AidFixtures.enrol(theirs, year, "HEARING").path("id").asText();
    AidFixtures.Clinic clinic = AidFixtures.clinic(community, true);
    Api.Resp s = AidFixtures.log(clinic.staff(), AidFixtures.session(mine, "260.50", true));
    Api parent = Fixtures.guardianUser(mine);

    Api.Resp own = parent.get("/aid-accounts/" + myAccount);
    assertEquals(200, own.status());
    JsonNode charge = own.get("entries").get(1);
    assertEquals("CHARGE", charge.path("kind").asText());
    assertEquals("-260.50", charge.path("amount").asText());
    assertEquals("23739.50", charge.path("balanceAfter").asText());
    assertEquals(s.str("id"), charge.path("sessionId").asText());
    assertEquals(s.str("institutionName"), charge.path("institutionName").asText());
    assertEquals(AidFixtures.today().toString(), charge.path("sessionDate").asText());
    assertEquals("260.50", own.str("spent"));

    assertEquals(404, parent.get("/aid-accounts/" + theirAccount).status());
    assertEquals(404, parent.get("/aid-accounts?personId=" + theirs).status());
    JsonNode listed = parent.get("/aid-accounts").get("items");
    assertEquals(1, listed.size());
    assertEquals(myAccount, listed.get(0).path("id").asText());
    assertEquals(1, parent.get("/aid-accounts?personId=" + mine + "&year=" + year).get("items").size());
    assertEquals(0, parent.get("/aid-accounts?personId=" + mine + "&year=" + (year - 1)).get("items").size());
  }

  @Test
  void institution_readsBalanceOfChildrenItServes_only() {
    String child = AidFixtures.child(community, Category.PHYSICAL, year, 6).path("id").asText();
    String account = AidFixtures.enrol(child, year, "PHYSICAL").path("id").asText();
    // being designated opens nothing (issue 15): only a non-voided session of the account's year, or the active plan
    assertEquals(404, AidFixtures.clinic(community, true).staff().get("/aid-accounts/" + account).status(), "designated but never served the child");
    AidFixtures.Clinic plain = AidFixtures.clinic(community, false);
    assertEquals(404, plain.staff().get("/aid-accounts/" + account).status());
    assertEquals(400, plain.staff().get("/aid-accounts").status(), "institutions must name the child");
    assertEquals(201, AidFixtures.log(plain.staff(), AidFixtures.session(child, "50.00", false)).status());
    assertEquals(200, plain.staff().get("/aid-accounts/" + account).status(), "it has served the child now");
  }

  @Test
  void statement_asCsv_isUtf8WithBom_andChineseHeaders() {
    String child = AidFixtures.child(community, Category.PHYSICAL, year, 6).path("id").asText();
    String account = AidFixtures.enrol(child, year, "PHYSICAL").path("id").asText();
    AidFixtures.Clinic clinic = AidFixtures.clinic(community, true);
    AidFixtures.log(clinic.staff(), AidFixtures.session(child, "120.00", true));
    Api.Resp csv = Fixtures.guardianUser(child).withHeader("Accept", "text/csv").get("/aid-accounts/" + account);
    assertEquals(200, csv.status(), csv.toString());
    assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
    byte[] body = csv.raw().body();
    assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(body, 3));
    String[] lines = new String(body, 3, body.length - 3, StandardCharsets.UTF_8).split("\r\n");
    assertTrue(lines[0].startsWith("时间,类型,类型代码,金额,余额"), lines[0]);
    assertEquals(3, lines.length);
    assertTrue(lines[2].contains("CHARGE") && lines[2].contains("-120.00") && lines[2].contains("19880.00"), lines[2]);
    Api.Resp viaQuery = TestApp.admin().get("/aid-accounts/" + account + "?format=csv");
    assertTrue(viaQuery.contentType().startsWith("text/csv"));
    assertEquals(404, Fixtures.guardianUser(AidFixtures.child(community, Category.PHYSICAL, year, 6).path("id").asText())
        .withHeader("Accept", "text/csv").get("/aid-accounts/" + account).status());
  }
}
