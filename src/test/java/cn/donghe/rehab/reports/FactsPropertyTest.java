package cn.donghe.rehab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * Random data in a fresh town, written and rewritten directly in the source tables (inserts, voids, un-deliveries,
 * deletions, moves, status changes, re-assessments), so every trigger path runs; then the report and the worklists
 * must equal a brute-force count over the raw rows that does not use the facts tables, and rebuilding the facts from
 * scratch must give exactly the facts and the per-group counters the triggers kept.
 */
class FactsPropertyTest {
  static final LocalDate FIRST = LocalDate.of(2023, 12, 1);
  static final int DAYS = 800; // up to early 2026

  @Test
  void report_equalsBruteForce_onRandomData_andRebuildReproducesTheFacts() {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    String msg = "seed " + seed;
    ReportFixtures.Area area = ReportFixtures.area();
    String type = ReportFixtures.borrowDeviceType();
    try {
      check(rnd, msg, area, type);
    } finally {
      ReportFixtures.giveBackDeviceTypes();
    }
  }

  private void check(Random rnd, String msg, ReportFixtures.Area area, String type) {
    List<String> communities = List.of(area.a(), area.b());
    Category[] categories = {Category.PHYSICAL, Category.VISUAL, Category.HEARING, Category.MENTAL};
    List<UUID> persons = new ArrayList<>();
    for (int i = 0; i < 36; i++) {
      persons.add(UUID.fromString(area.person(communities.get(rnd.nextInt(2)), categories[rnd.nextInt(categories.length)], 1 + rnd.nextInt(4))));
    }
    TestApp.jdbi().useTransaction(h -> randomHistory(h, rnd, area, type, persons));

    for (int year : List.of(2024, 2025)) {
      for (int version : List.of(2, 1)) {
        for (String groupBy : new String[] {null, "COMMUNITY", "CATEGORY", "GRADE", "AGE_BAND", "SEX"}) {
          // asOf = today reads the contract counters (kept for today), any other day the join
          LocalDate asOf = switch (rnd.nextInt(3)) {
            case 0 -> null;
            case 1 -> today();
            default -> day(rnd);
          };
          String q = "year=" + year + "&regionCode=" + area.town() + (groupBy == null ? "" : "&groupBy=" + groupBy)
              + (asOf == null ? "" : "&asOf=" + asOf) + (version == 2 && rnd.nextBoolean() ? "" : "&definitionVersion=" + version);
          JsonNode report = ReportFixtures.report(q);
          LocalDate effective = asOf == null ? LocalDate.of(year, 12, 31) : asOf;
          String where = msg + " " + q;
          assertEquals(version, report.path("definitionVersion").asInt(), where);
          assertEquals("REHAB_SERVICE_RATE/2026-" + version,
              ReportFixtures.indicator(report, "REHAB_SERVICE_RATE").path("definition").path("version").asText(), where);
          assertEquals("DEVICE_FITTING_RATE/2026-" + version,
              ReportFixtures.indicator(report, "DEVICE_FITTING_RATE").path("definition").path("version").asText(), where);
          assertEquals(brute(rehabSql(year, "rehab_needs", sessionServed(version)), groupBy, area, year, effective), figures(report, "REHAB_SERVICE_RATE"), where);
          assertEquals(brute(rehabSql(year, "device_needs", deviceServed(version)), groupBy, area, year, effective), figures(report, "DEVICE_FITTING_RATE"), where);
          assertEquals(brute(CONTRACTS, groupBy, area, year, effective), figures(report, "DOCTOR_CONTRACT_RATE"), where);
          assertEquals(brute(AID, groupBy, area, year, effective), figures(report, "CHILD_AID_UTILISATION"), where);
        }
        assertEquals(bruteUnserved(rehabSql(year, "rehab_needs", sessionServed(version)), area, year), worklist("REHAB_SERVICE_RATE", area, year, version), msg);
        assertEquals(bruteUnserved(rehabSql(year, "device_needs", deviceServed(version)), area, year), worklist("DEVICE_FITTING_RATE", area, year, version), msg);
      }
      assertEquals(bruteUnserved(CONTRACTS, area, year), worklist("DOCTOR_CONTRACT_RATE", area, year, 2), msg);
    }

    // the triggers kept exactly what a rebuild from scratch computes (over the whole test database)
    List<String> kept = dumpFacts();
    // the rebuild disables the counters' trigger while it runs: a maintenance step of the owner role, not the service's
    try (java.sql.Connection c = cn.donghe.rehab.support.TestDatabase.connectAsOwner(); java.sql.Statement st = c.createStatement()) {
      st.executeQuery("SELECT fact_rows FROM reports_rebuild_facts()").close();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    assertEquals(kept, dumpFacts(), msg);
  }

  static final String[] SERVICE_TYPES = {"REHAB_TRAINING", "REHAB_NURSING", "HEALTH_EDUCATION"};
  static final String[] REHAB_NEEDS = {"{}", "{REHAB_TRAINING}", "{REHAB_NURSING,HEALTH_EDUCATION}", "{PSYCHOLOGICAL_SUPPORT}"};
  static final String OTHER_DEVICE = "RPT_NOT_FITTED_HERE";

  private static LocalDate day(Random rnd) { return FIRST.plusDays(rnd.nextInt(DAYS)); }

  private static LocalDate today() { return LocalDate.now(TestApp.context().clock()); }

  private static void randomHistory(Handle h, Random rnd, ReportFixtures.Area area, String type, List<UUID> persons) {
    UUID inst = UUID.fromString(area.rehabId());
    UUID devInst = UUID.fromString(area.deviceInstId());
    UUID doctor = UUID.fromString(area.doctorId());
    List<String> communities = List.of(area.a(), area.b());
    for (UUID p : persons) {
      // ages around every band edge on the as-of days asked for (2023-12 .. 2026), both sexes
      LocalDate born = switch (rnd.nextInt(4)) {
        case 0 -> LocalDate.of(2019, 1, 1).plusDays(rnd.nextInt(2000));
        case 1 -> LocalDate.of(2007, 1, 1).plusDays(rnd.nextInt(2000));
        case 2 -> LocalDate.of(1963, 1, 1).plusDays(rnd.nextInt(2000));
        default -> LocalDate.of(1940, 1, 1).plusDays(rnd.nextInt(30000));
      };
      h.createUpdate("UPDATE persons SET birth_date = :b, gender = :g WHERE id = :p").bind("b", born)
          .bind("g", rnd.nextBoolean() ? "M" : "F").bind("p", p).execute();
      for (int year : List.of(2024, 2025)) {
        if (rnd.nextInt(4) == 0) continue;
        h.createUpdate("""
            INSERT INTO assessments (person_id, year, assessed_on, rehab_needs, device_needs, region_code, created_at, updated_at)
            VALUES (:p, :y, make_date(:y, 2, 1), CAST(:r AS text[]), CAST(:d AS text[]), :c, now(), now())""")
            .bind("p", p).bind("y", (short) year).bind("r", REHAB_NEEDS[rnd.nextInt(REHAB_NEEDS.length)])
            .bind("d", switch (rnd.nextInt(4)) {
              case 0 -> "{}";
              case 1 -> "{" + type + "}";
              case 2 -> "{" + OTHER_DEVICE + "}"; // assessed for a device nobody is fitted with here
              default -> "{" + OTHER_DEVICE + "," + type + "}";
            }).bind("c", communities.get(rnd.nextInt(2))).execute();
      }
      for (int i = rnd.nextInt(5); i > 0; i--) {
        UUID s = UUID.randomUUID();
        h.createUpdate("""
            INSERT INTO sessions (id, person_id, institution_id, service_type, date, duration_minutes, therapist, fee, use_child_aid,
                                  aid_charged, self_pay, created_at)
            VALUES (:id, :p, :i, :t, :d, 30, '随机', 10, false, 0, 10, now())""")
            .bind("id", s).bind("p", p).bind("t", SERVICE_TYPES[rnd.nextInt(SERVICE_TYPES.length)]).bind("i", inst).bind("d", day(rnd)).execute();
        if (rnd.nextInt(3) == 0) {
          h.createUpdate("UPDATE sessions SET voided_at = now(), void_reason = '随机作废' WHERE id = :id").bind("id", s).execute();
        }
      }
      for (int i = rnd.nextInt(3); i > 0; i--) {
        UUID f = UUID.randomUUID();
        LocalDate d = day(rnd);
        boolean delivered = rnd.nextInt(3) > 0;
        h.createUpdate("""
            INSERT INTO fittings (id, person_id, device_type_code, institution_id, status, requested_on, delivered_on, subsidy, subsidy_until,
                                  created_at, updated_at)
            VALUES (:id, :p, :t, :i, :s, :d, :del, :sub, :until, now(), now())""")
            .bind("id", f).bind("p", p).bind("t", type).bind("i", devInst).bind("s", delivered ? "FITTED" : "CANCELLED")
            .bind("d", d).bind("del", delivered ? d : null).bind("sub", delivered ? BigDecimal.ZERO : null)
            .bind("until", delivered ? d.plusYears(1) : null).execute();
        if (delivered && rnd.nextInt(4) == 0) {
          h.createUpdate("UPDATE fittings SET status = 'CANCELLED', delivered_on = NULL, subsidy = NULL, subsidy_until = NULL WHERE id = :id")
              .bind("id", f).execute();
        }
      }
      if (rnd.nextInt(3) == 0) {
        UUID item = UUID.randomUUID();
        UUID loan = UUID.randomUUID();
        LocalDate start = day(rnd);
        h.createUpdate("""
            INSERT INTO device_items (id, device_type_code, serial_no, condition, status, institution_id, created_at, updated_at)
            VALUES (:id, :t, :sn, 'GOOD', 'AVAILABLE', :i, now(), now())""")
            .bind("id", item).bind("t", type).bind("sn", "P-" + item).bind("i", devInst).execute();
        h.createUpdate("""
            INSERT INTO loans (id, item_id, person_id, institution_id, start_date, due_date, returned_on, return_condition, created_at, updated_at)
            VALUES (:id, :item, :p, :i, :s, :due, :due, 'GOOD', now(), now())""")
            .bind("id", loan).bind("item", item).bind("p", p).bind("i", devInst).bind("s", start).bind("due", start.plusDays(30)).execute();
        if (rnd.nextInt(3) == 0) h.createUpdate("UPDATE loans SET start_date = :s, due_date = :due, returned_on = :due WHERE id = :id").bind("s", start.minusDays(40)).bind("due", start).bind("id", loan).execute();
        if (rnd.nextInt(5) == 0) h.createUpdate("DELETE FROM loans WHERE id = :id").bind("id", loan).execute();
      }
      if (rnd.nextInt(2) == 0) {
        LocalDate start = rnd.nextBoolean() ? day(rnd) : today().minusDays(rnd.nextInt(400));
        LocalDate end = start.plusDays(364);
        LocalDate terminated = rnd.nextInt(3) == 0 ? start.plusDays(rnd.nextInt(365)) : null;
        h.createUpdate("""
            INSERT INTO contracts (id, person_id, doctor_id, start_date, end_date, service_package, terminated_on, created_at)
            VALUES (:id, :p, :d, :s, :e, 'BASIC', :t, now())""")
            .bind("id", UUID.randomUUID()).bind("p", p).bind("d", doctor).bind("s", start).bind("e", end).bind("t", terminated).execute();
      }
      if (rnd.nextInt(6) == 0) {
        h.createUpdate("""
            INSERT INTO aid_accounts (id, person_id, year, category, budget, balance, created_at, updated_at)
            VALUES (:id, :p, 2025, 'PHYSICAL', 20000, :b, now(), now())""")
            .bind("id", UUID.randomUUID()).bind("p", p).bind("b", BigDecimal.valueOf(rnd.nextInt(20001))).execute();
      }
    }
    // later changes of the persons and assessments
    for (UUID p : persons) {
      switch (rnd.nextInt(9)) {
        case 0 -> h.createUpdate("UPDATE persons SET status = 'DECEASED', status_date = :d WHERE id = :p").bind("d", day(rnd)).bind("p", p).execute();
        case 1 -> h.createUpdate("UPDATE persons SET status = 'MOVED_OUT', status_date = :d WHERE id = :p").bind("d", day(rnd)).bind("p", p).execute();
        case 2 -> h.createUpdate("UPDATE persons SET region_code = :c WHERE id = :p").bind("c", communities.get(rnd.nextInt(2))).bind("p", p).execute();
        // re-rated the way the registry does it (issue 20): a rating row, and the person mirroring the newest rating;
        // effective the day after the registration rating (the fixture's birth date, before 2023), so every year and
        // asOf the test asks for (2023-12 .. 2026) counts the person as MULTIPLE
        case 3 -> {
          h.createUpdate("""
              INSERT INTO person_ratings (id, person_id, category, grade, effective_date, reason, created_at)
              SELECT gen_random_uuid(), :p, 'MULTIPLE', 1, min(effective_date) + 1, 'RE_RATED', now() FROM person_ratings WHERE person_id = :p""")
              .bind("p", p).execute();
          h.createUpdate("UPDATE persons SET category = 'MULTIPLE', grade = 1 WHERE id = :p").bind("p", p).execute();
          LocalDate rerated = h.createQuery("SELECT max(effective_date) FROM person_ratings WHERE person_id = :p").bind("p", p)
              .mapTo(LocalDate.class).one();
          if (!rerated.isBefore(LocalDate.of(2023, 12, 1))) throw new IllegalStateException("fixture born too late for this model: " + rerated);
        }
        case 4 -> h.createUpdate("UPDATE assessments SET rehab_needs = '{REHAB_NURSING}', device_needs = '{}', region_code = :c WHERE person_id = :p AND year = 2025")
            .bind("c", communities.get(rnd.nextInt(2))).bind("p", p).execute();
        case 5 -> h.createUpdate("DELETE FROM assessments WHERE person_id = :p AND year = 2024").bind("p", p).execute();
        // needs changed after the sessions, fittings and loans were logged: the person is re-evaluated
        case 7 -> h.createUpdate("UPDATE assessments SET rehab_needs = CAST(:r AS text[]), device_needs = CAST(:d AS text[]) WHERE person_id = :p AND year = :y")
            .bind("r", REHAB_NEEDS[rnd.nextInt(REHAB_NEEDS.length)]).bind("d", rnd.nextBoolean() ? "{" + type + "}" : "{" + OTHER_DEVICE + "}")
            .bind("y", (short) (2024 + rnd.nextInt(2))).bind("p", p).execute();
        // recorded ahead of time: still counted as of today
        case 6 -> h.createUpdate("UPDATE persons SET status = 'MOVED_OUT', status_date = :d WHERE id = :p").bind("d", today().plusDays(3))
            .bind("p", p).execute();
        default -> { }
      }
    }
  }

  // ---- brute force over the raw rows: one row per counted unit with its group columns and whether it is in the numerator

  /** Version 2 (need-matched) or 1 (any non-voided session). */
  private static String sessionServed(int version) {
    return "EXISTS (SELECT 1 FROM sessions s WHERE s.person_id = a.person_id AND s.voided_at IS NULL AND s.date BETWEEN :jan1 AND :dec31"
        + (version == 2 ? " AND s.service_type = ANY (a.rehab_needs))" : ")");
  }

  /** Version 2: a delivered fitting or a started loan of an assessed device type; version 1: of any type. */
  private static String deviceServed(int version) {
    return "(EXISTS (SELECT 1 FROM fittings x WHERE x.person_id = a.person_id AND x.delivered_on BETWEEN :jan1 AND :dec31"
        + (version == 2 ? " AND x.device_type_code = ANY (a.device_needs)" : "") + ") "
        + "OR EXISTS (SELECT 1 FROM loans l JOIN device_items i ON i.id = l.item_id WHERE l.person_id = a.person_id "
        + "AND l.start_date BETWEEN :jan1 AND :dec31" + (version == 2 ? " AND i.device_type_code = ANY (a.device_needs)" : "") + "))";
  }

  private static String rehabSql(int year, String needs, String served) {
    return "SELECT a.person_id AS id, a.region_code AS community, p.category, COALESCE(CAST(p.grade AS text), 'NONE') AS grade, p.birth_date, p.gender, "
        + served + " AS served, 1 AS amount, 1 AS whole FROM assessments a JOIN persons p ON p.id = a.person_id "
        + "WHERE a.year = :year AND a.region_code LIKE :prefix AND cardinality(a." + needs + ") > 0 "
        + "AND NOT (p.status <> 'ACTIVE' AND p.status_date < :jan1)";
  }

  private static final String CONTRACTS = """
      SELECT p.id, p.region_code AS community, p.category, COALESCE(CAST(p.grade AS text), 'NONE') AS grade, p.birth_date, p.gender,
             EXISTS (SELECT 1 FROM contracts c WHERE c.person_id = p.id AND c.start_date <= :asOf AND :asOf <= c.end_date
                       AND (c.terminated_on IS NULL OR :asOf < c.terminated_on)) AS served, 1 AS amount, 1 AS whole
        FROM persons p WHERE p.region_code LIKE :prefix AND (p.status = 'ACTIVE' OR p.status_date > :asOf)""";

  private static final String AID = """
      SELECT a.person_id AS id, p.region_code AS community, p.category, COALESCE(CAST(p.grade AS text), 'NONE') AS grade,
             p.birth_date, p.gender, a.balance < a.budget AS served, a.budget - a.balance AS amount, a.budget AS whole
        FROM aid_accounts a JOIN persons p ON p.id = a.person_id
       WHERE a.year = :year AND p.region_code LIKE :prefix AND (p.status = 'ACTIVE' OR p.status_date >= :jan1)""";

  private static List<Map<String, Object>> rows(String sql, ReportFixtures.Area area, int year, LocalDate asOf) {
    return TestApp.jdbi().withHandle(h -> h.createQuery(sql)
        .configure(org.jdbi.v3.core.statement.SqlStatements.class, c -> c.setUnusedBindingAllowed(true))
        .bind("year", (short) year).bind("prefix", area.town().substring(0, 9) + "%").bind("jan1", LocalDate.of(year, 1, 1))
        .bind("dec31", LocalDate.of(year, 12, 31)).bind("asOf", asOf).mapToMap().list());
  }

  /** "total" and each group key -> "numerator/denominator" (money sums for the aid indicator). */
  private static Map<String, String> brute(String sql, String groupBy, ReportFixtures.Area area, int year, LocalDate asOf) {
    boolean money = sql == AID;
    Map<String, BigDecimal[]> acc = new TreeMap<>();
    for (Map<String, Object> r : rows(sql, area, year, asOf)) {
      List<String> keys = new ArrayList<>(List.of("total"));
      if (groupBy != null) keys.add(key(r, groupBy, asOf));
      for (String k : keys) {
        BigDecimal[] a = acc.computeIfAbsent(k, x -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        boolean served = (Boolean) r.get("served");
        a[0] = a[0].add(money ? new BigDecimal(r.get("amount").toString()) : served ? BigDecimal.ONE : BigDecimal.ZERO);
        a[1] = a[1].add(money ? new BigDecimal(r.get("whole").toString()) : BigDecimal.ONE);
      }
    }
    acc.putIfAbsent("total", new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
    Map<String, String> out = new TreeMap<>();
    acc.forEach((k, a) -> out.put(k, money ? a[0].setScale(2) + "/" + a[1].setScale(2) + " " + Rates.rate(a[0], a[1])
        : a[0].longValue() + "/" + a[1].longValue() + " " + Rates.rate(a[0].longValue(), a[1].longValue())));
    return out;
  }

  /** The group key of a brute-force row, the age band computed in Java (whole years on the as-of day). */
  private static String key(Map<String, Object> r, String groupBy, LocalDate asOf) {
    return switch (groupBy) {
      case "COMMUNITY" -> String.valueOf(r.get("community"));
      case "SEX" -> String.valueOf(r.get("gender")).trim();
      case "AGE_BAND" -> {
        Object b = r.get("birth_date");
        LocalDate born = b instanceof LocalDate l ? l : ((java.sql.Date) b).toLocalDate();
        int age = java.time.Period.between(born, asOf).getYears();
        yield age <= 6 ? "0-6" : age <= 14 ? "7-14" : age <= 17 ? "15-17" : age <= 59 ? "18-59" : "60+";
      }
      default -> String.valueOf(r.get(groupBy.toLowerCase()));
    };
  }

  private static Map<String, String> figures(JsonNode report, String code) {
    JsonNode i = ReportFixtures.indicator(report, code);
    Map<String, String> out = new TreeMap<>();
    out.put("total", i.path("numerator").asText() + "/" + i.path("denominator").asText() + " " + i.path("rate").asText(null));
    i.path("groups").forEach(g -> out.put(g.path("key").asText(), g.path("numerator").asText() + "/" + g.path("denominator").asText()
        + " " + g.path("rate").asText(null)));
    return out;
  }

  private static TreeSet<String> bruteUnserved(String sql, ReportFixtures.Area area, int year) {
    TreeSet<String> out = new TreeSet<>();
    for (Map<String, Object> r : rows(sql, area, year, LocalDate.of(year, 12, 31))) {
      if (!(Boolean) r.get("served")) out.add(r.get("id").toString());
    }
    return out;
  }

  private static TreeSet<String> worklist(String code, ReportFixtures.Area area, int year, int version) {
    Api.Resp r = ReportFixtures.admin().get("/reports/indicators/" + code + "/unserved?limit=500&year=" + year + "&regionCode=" + area.town()
        + "&definitionVersion=" + version);
    assertEquals(200, r.status(), r.toString());
    return new TreeSet<>(r.get("items").findValuesAsText("personId"));
  }

  private static List<String> dumpFacts() {
    return TestApp.jdbi().withHandle(h -> {
      List<String> out = new ArrayList<>(h.createQuery("SELECT CAST(f AS text) FROM report_facts f ORDER BY person_id, year")
          .mapTo(String.class).list());
      out.addAll(h.createQuery("""
          SELECT CAST(a AS text) FROM report_activity a WHERE sessions + fittings + loans > 0 ORDER BY person_id, year""")
          .mapTo(String.class).list());
      // the per-group counters (rows a trigger brought back to zero are left in place; a rebuild does not create them)
      out.addAll(h.createQuery("""
          SELECT CAST(c AS text) FROM report_fact_counts c WHERE rehab_d <> 0 OR device_d <> 0 OR rehab_n <> 0 OR device_n <> 0
           ORDER BY level, year, region_code, category, grade""").mapTo(String.class).list());
      out.addAll(h.createQuery("""
          SELECT CAST(c AS text) FROM report_contract_counts c WHERE persons <> 0 OR signed <> 0
           ORDER BY level, region_code, category, grade""").mapTo(String.class).list());
      out.addAll(h.createQuery("SELECT CAST(day AS text) FROM report_contract_day").mapTo(String.class).list());
      return out;
    });
  }
}
