package cn.donghe.rehab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.AppContext;
import cn.donghe.rehab.db.Database;
import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.registry.IdNumbers;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scale data generator writes valid, findable persons in the plan's category and grade mix. */
class ScaleDataGeneratorTest {
  private static final int PERSONS = 1_000;
  private static String district;
  private static ScaleDataGenerator.Result result;

  @BeforeAll
  static void generateOneSmallDistrict() throws Exception {
    AppContext ctx = TestApp.context();
    district = "159" + (100 + ThreadLocalRandom.current().nextInt(800)); // a code no other test uses
    ScaleDataGenerator.Plan plan = new ScaleDataGenerator.Plan(List.of(district), PERSONS, ThreadLocalRandom.current().nextLong(), 2, 25);
    result = new ScaleDataGenerator(Database.ownerDataSource(ctx.config().getDatabase()), ctx.cipher(), LocalDate.now(ctx.clock()),
        ctx.clock().getZone(), line -> { }).run(plan);
  }

  @Test
  void district_hasItsTownsCommunitiesInstitutionsAndDoctors() {
    assertEquals(1 + District.TOWNS + District.COMMUNITIES, count("regions", "code LIKE '" + district + "%'"));
    assertEquals(District.COMMUNITIES, count("regions", "level = 'COMMUNITY' AND code LIKE '" + district + "%'"));
    assertEquals(District.REHAB_INSTITUTIONS + District.DEVICE_INSTITUTIONS + District.PRIMARY_CARE_INSTITUTIONS,
        count("institutions", "region_code LIKE '" + district + "%'"));
    assertEquals(District.PRIMARY_CARE_INSTITUTIONS * District.DOCTORS_PER_PRIMARY_CARE,
        count("doctors d JOIN institutions i ON i.id = d.institution_id", "i.region_code LIKE '" + district + "%'"));
  }

  @Test
  void persons_followTheSeedCategoryAndGradeMixExactly() {
    assertEquals(PERSONS, count("persons", "region_code LIKE '" + district + "%'"));
    int[] expected = Population.quotas(Population.CATEGORY_SEED, PERSONS);
    for (Category c : Category.values()) {
      assertEquals(expected[c.ordinal()], count("persons", "region_code LIKE '" + district + "%' AND category = '" + c.name() + "'"), c.name());
    }
    int[] grades = Population.quotas(Population.GRADE_SEED, PERSONS);
    assertEquals(grades[0] + grades[1], count("persons", "region_code LIKE '" + district + "%' AND grade <= 2"));
    assertEquals(PERSONS, result.rows().get("persons"));
  }

  @Test
  void samplePersons_areFoundByCertificateNumber_withValidNumbersThatDecrypt() {
    List<String> sample = result.samples().persons();
    assertFalse(sample.isEmpty());
    for (String line : sample) {
      String[] f = line.split("\t");
      Api.Resp r = TestApp.admin().post("/persons/lookup", Map.of("certificateNo", f[1]));
      assertEquals(200, r.status(), r.text());
      assertEquals(f[0], r.str("id"));
      assertEquals(f[1], r.str("certificateNo"));
      String id = r.str("idNumber");
      assertNotNull(IdNumbers.normalise(id), id);
      assertEquals(r.str("birthDate"), IdNumbers.birthDate(id).toString());
      assertEquals(r.str("gender"), IdNumbers.gender(id));
      assertEquals(IdNumbers.maskCertificate(f[1]), TestApp.jdbi().withHandle(h -> h.createQuery(
          "SELECT certificate_masked FROM persons WHERE id = CAST(:id AS uuid)").bind("id", f[0]).mapTo(String.class).one()));
    }
  }

  @Test
  void contracts_belongToActivePersonsAndDoctorsOfTheirDistrict() {
    long contracts = count("contracts c JOIN persons p ON p.id = c.person_id", "p.region_code LIKE '" + district + "%'");
    assertTrue(contracts > PERSONS / 2 && contracts < PERSONS, "contracts: " + contracts);
    assertEquals(0, count("contracts c JOIN persons p ON p.id = c.person_id JOIN doctors d ON d.id = c.doctor_id "
        + "JOIN institutions i ON i.id = d.institution_id", "p.region_code LIKE '" + district + "%' AND left(i.region_code, 6) <> '" + district + "'"));
    assertEquals(0, count("contracts c JOIN persons p ON p.id = c.person_id",
        "p.region_code LIKE '" + district + "%' AND (p.status <> 'ACTIVE' OR c.start_date < p.birth_date)"));
  }

  @Test
  void sessions_areTenPerPerson_onDaysThePersonWasRegistered_mostlyForAssessedRehabNeeds() {
    String mine = "p.region_code LIKE '" + district + "%'";
    assertEquals(PERSONS * ActivityWriters.SESSIONS_PER_PERSON, count("sessions s JOIN persons p ON p.id = s.person_id", mine));
    assertEquals(PERSONS * ActivityWriters.SESSIONS_PER_PERSON, result.rows().get("sessions"));
    assertEquals(0, count("sessions s JOIN persons p ON p.id = s.person_id", mine + " AND (s.date < p.birth_date OR s.date > CURRENT_DATE + 1"
        + " OR (p.status <> 'ACTIVE' AND s.date >= p.status_date) OR extract(year FROM s.date) < extract(year FROM CURRENT_DATE) - 1)"));
    assertEquals(0, count("sessions s JOIN persons p ON p.id = s.person_id", mine + " AND NOT EXISTS (SELECT 1 FROM assessments a "
        + "WHERE a.person_id = s.person_id AND a.year = extract(year FROM s.date) AND a.needs_rehab)"));
    long voided = count("sessions s JOIN persons p ON p.id = s.person_id", mine + " AND s.voided_at IS NOT NULL");
    assertTrue(voided > 0 && voided < PERSONS * ActivityWriters.SESSIONS_PER_PERSON / 20, "voided: " + voided);
    long assessed = count("assessments a JOIN persons p ON p.id = a.person_id", mine);
    long rehab = count("assessments a JOIN persons p ON p.id = a.person_id", mine + " AND a.needs_rehab");
    long device = count("assessments a JOIN persons p ON p.id = a.person_id", mine + " AND a.needs_device");
    assertTrue(assessed > PERSONS * 17 / 10, "assessed person-years: " + assessed);
    assertTrue(rehab > assessed * 85 / 100 && rehab < assessed * 95 / 100, "rehab needs: " + rehab + " of " + assessed);
    assertTrue(device > assessed * 20 / 100 && device < assessed * 40 / 100, "device needs: " + device + " of " + assessed);
  }

  @Test
  void aidAccounts_agreeWithTheirLedgerAndSessions_andNeverGoNegative() {
    String mine = "p.region_code LIKE '" + district + "%'";
    long accounts = count("aid_accounts a JOIN persons p ON p.id = a.person_id", mine);
    assertTrue(accounts > 0, "accounts: " + accounts);
    // balance = sum of the ledger = budget - what the sessions charged; a BUDGET entry first
    assertEquals(0, count("aid_accounts a JOIN persons p ON p.id = a.person_id", mine + " AND (a.balance < 0 OR a.balance <> "
        + "(SELECT sum(l.amount) FROM aid_ledger l WHERE l.account_id = a.id) OR a.balance <> a.budget - "
        + "(SELECT coalesce(sum(s.aid_charged), 0) FROM sessions s WHERE s.aid_account_id = a.id) OR "
        + "(SELECT kind FROM aid_ledger l WHERE l.account_id = a.id ORDER BY l.id LIMIT 1) <> 'BUDGET')"));
    // children 0..10 on 1 January, in a category that fits; the sessions at designated institutions
    assertEquals(0, count("aid_accounts a JOIN persons p ON p.id = a.person_id", mine + " AND (p.status <> 'ACTIVE' OR "
        + "p.birth_date > make_date(a.year, 1, 1) OR p.birth_date <= make_date(a.year - 11, 1, 1))"));
    assertEquals(0, count("sessions s JOIN institutions i ON i.id = s.institution_id JOIN persons p ON p.id = s.person_id",
        mine + " AND s.use_child_aid AND (NOT i.child_aid_designated OR extract(year FROM s.date) <> "
            + "(SELECT year FROM aid_accounts WHERE id = s.aid_account_id))"));
    // each charge matches its session; some accounts are used up
    assertEquals(0, count("aid_ledger l JOIN sessions s ON s.id = l.session_id JOIN persons p ON p.id = s.person_id",
        mine + " AND (l.amount <> -s.aid_charged OR l.balance_after <> s.aid_balance_after)"));
    assertTrue(count("aid_accounts a JOIN persons p ON p.id = a.person_id", mine + " AND a.balance = 0") > 0);
    assertFalse(result.samples().aidAccounts().isEmpty());
  }

  @Test
  void devices_fittingsDelivered_loansOneOpenPerItem_itemStatusMatches() {
    String mine = "p.region_code LIKE '" + district + "%'";
    assertTrue(count("fittings f JOIN persons p ON p.id = f.person_id", mine + " AND f.delivered_on IS NOT NULL") > 0);
    assertEquals(0, count("fittings f JOIN persons p ON p.id = f.person_id", mine + " AND NOT EXISTS (SELECT 1 FROM assessments a "
        + "WHERE a.person_id = f.person_id AND f.device_type_code = ANY (a.device_needs))"));
    String items = "device_items d JOIN institutions i ON i.id = d.institution_id";
    String inDistrict = "i.region_code LIKE '" + district + "%'";
    assertTrue(count(items, inDistrict) > 0);
    assertEquals(0, count(items, inDistrict + " AND (d.status = 'ON_LOAN') <> EXISTS (SELECT 1 FROM loans l WHERE l.item_id = d.id AND l.returned_on IS NULL)"));
    assertTrue(count("loans l JOIN institutions i ON i.id = l.institution_id", inDistrict + " AND l.returned_on IS NOT NULL") > 0);
  }

  @Test
  void indicatorReport_equalsABruteForceCount_afterTheBulkLoadWithTriggersOff() throws Exception {
    LocalDate today = LocalDate.now(TestApp.context().clock());
    int year = today.getYear();
    Api.Resp r = TestApp.admin().get("/reports/indicators?year=" + year + "&regionCode=" + district + "000000");
    assertEquals(200, r.status(), r.text());
    String sql = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("scripts/bench/report-brute-force.sql")))
        .replace(":year", String.valueOf(year)).replace("FROM assessments a JOIN persons p ON p.id = a.person_id",
            "FROM assessments a JOIN persons p ON p.id = a.person_id AND a.region_code LIKE '" + district + "%'")
        .replace("FROM persons p WHERE p.status = 'ACTIVE'", "FROM persons p WHERE p.region_code LIKE '" + district + "%' AND p.status = 'ACTIVE'")
        .replace("OR p.status_date > CAST(':asof' AS date))", "OR p.region_code LIKE '" + district + "%' AND p.status_date > CAST(':asof' AS date))")
        .replace(":asof", today.toString());
    String brute = TestApp.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    com.fasterxml.jackson.databind.JsonNode b = TestApp.context().mapper().readTree(brute);
    int compared = 0;
    for (com.fasterxml.jackson.databind.JsonNode ind : r.json().path("indicators")) {
      for (com.fasterxml.jackson.databind.JsonNode x : b) {
        if (!x.path("code").asText().equals(ind.path("code").asText())) continue;
        assertEquals(x.path("numerator").asLong(), ind.path("numerator").asLong(), ind.path("code").asText());
        assertEquals(x.path("denominator").asLong(), ind.path("denominator").asLong(), ind.path("code").asText());
        assertTrue(x.path("denominator").asLong() > 0);
        compared++;
      }
    }
    assertEquals(3, compared, r.text()); // rehab, device and (as of today, from the counters) the contract rate
  }

  @Test
  void quotas_addUpToTheTotal_inProportion() {
    for (int total : new int[] {1, 7, 1_000, 9_216, 10_000}) {
      int[] q = Population.quotas(Population.CATEGORY_SEED, total);
      assertEquals(total, java.util.Arrays.stream(q).sum(), "total " + total);
    }
    assertEquals(List.of(948, 894, 70, 5_329, 772, 973, 230),
        java.util.Arrays.stream(Population.quotas(Population.CATEGORY_SEED, 9_216)).boxed().collect(Collectors.toList()));
  }

  @Test
  void scales_haveOneTenAndAHundredDistricts() {
    assertEquals(List.of("150202"), Scale.DISTRICT.districtCodes());
    assertEquals(10, Scale.CITY.districtCodes().size());
    assertEquals(100, Scale.PROVINCE.districtCodes().size());
    assertEquals(100, Scale.PROVINCE.districtCodes().stream().distinct().count());
    assertTrue(Scale.PROVINCE.districtCodes().stream().allMatch(c -> c.matches("15[0-9]{4}")));
    assertEquals(1_000_000, Scale.PROVINCE.persons());
  }

  private static long count(String from, String where) {
    return Fixtures.count(from + " WHERE " + where);
  }
}
