package cn.donghe.rehab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * PLAN_ADHERENCE against brute force: random plans (revised, closed, replaced, starting in or after a month, revised
 * exactly on a month's boundary), random sessions (some voided, some of service types the plan does not schedule) and
 * persons leaving the register; the report's total and every group-by is recomputed here in Java from the raw rows.
 */
class PlanAdherencePropertyTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final String[] TYPES = {"REHAB_TRAINING", "REHAB_NURSING", "HEALTH_EDUCATION"};
  private static final ObjectMapper JSON = new ObjectMapper();

  record P(UUID id, String region, String status, LocalDate statusDate, LocalDate birth, String gender, String category, Integer grade) {}
  record PlanRow(UUID id, UUID person, Instant createdAt, Instant closedAt) {}
  record Rev(UUID plan, int revision, Instant createdAt, JsonNode content) {}
  record S(UUID person, String type, LocalDate date, boolean voided) {}

  @Test
  void planAdherence_equalsBruteForce_forEveryGrouping() throws Exception {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    ReportFixtures.Area area = ReportFixtures.area();
    List<UUID> persons = new ArrayList<>();
    Category[] cats = {Category.PHYSICAL, Category.VISUAL, Category.MENTAL};
    for (int i = 0; i < 40; i++) {
      LocalDate born = LocalDate.of(1950 + rnd.nextInt(74), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
      persons.add(UUID.fromString(Fixtures.person(i % 2 == 0 ? area.a() : area.b(), cats[rnd.nextInt(3)], 1 + rnd.nextInt(4), born)
          .path("id").asText()));
    }
    for (int i = 0; i < 4; i++) {
      ReportFixtures.status(persons.get(i).toString(), i % 2 == 0 ? "DECEASED" : "MOVED_OUT", LocalDate.of(2024, 3 + 2 * i, 1 + i * 9));
    }
    TestApp.jdbi().useTransaction(h -> randomPlans(h, rnd, area, persons));

    for (int round = 0; round < 8; round++) {
      YearMonth month = YearMonth.of(2024, 1 + rnd.nextInt(12));
      for (String groupBy : new String[] {null, "COMMUNITY", "CATEGORY", "GRADE", "AGE_BAND", "SEX"}) {
        String q = "year=2024&regionCode=" + area.town() + "&month=" + month + (groupBy == null ? "" : "&groupBy=" + groupBy);
        JsonNode report = ReportFixtures.report(q);
        String where = "seed " + seed + " " + q;
        assertEquals(month.toString(), report.path("month").asText(), where);
        LocalDate asOf = LocalDate.parse(report.path("asOf").asText());
        assertEquals(lists(brute(area, month, groupBy, asOf)), lists(figures(ReportFixtures.indicator(report, "PLAN_ADHERENCE"))), where);
      }
      // the worklist is exactly the denominator minus the numerator
      Map<String, long[]> total = brute(area, month, null, LocalDate.of(2024, 12, 31));
      JsonNode list = ReportFixtures.admin().get("/reports/indicators/PLAN_ADHERENCE/unserved?limit=500&regionCode=" + area.town()
          + "&month=" + month).json();
      long[] t = total.getOrDefault("", new long[2]);
      assertEquals(t[1] - t[0], list.path("items").size(), "seed " + seed + " " + month);
    }
  }

  private static void randomPlans(Handle h, Random rnd, ReportFixtures.Area area, List<UUID> persons) {
    UUID inst = UUID.fromString(area.rehabId());
    for (UUID p : persons) {
      int plans = rnd.nextInt(3);
      Instant at = instant(rnd, LocalDate.of(2023, 11, 1), 420);
      for (int k = 0; k < plans; k++) {
        UUID plan = UUID.randomUUID();
        boolean last = k == plans - 1;
        Instant closed = last && rnd.nextInt(3) > 0 ? null : at.plus(java.time.Duration.ofDays(10 + rnd.nextInt(150)));
        if (closed != null && rnd.nextInt(4) == 0) closed = monthStart(closed); // closed exactly at a month's first instant
        h.createUpdate("""
            INSERT INTO plans (id, person_id, status, current_revision, created_at, updated_at, closed_at)
            VALUES (:id, :p, :status, 1, :at, :at, :closed)""")
            .bind("id", plan).bind("p", p).bind("status", closed == null ? "ACTIVE" : "CLOSED").bind("at", at).bind("closed", closed).execute();
        int revisions = 1 + rnd.nextInt(3);
        Instant rev = at;
        for (int r = 1; r <= revisions; r++) {
          LocalDate start = rev.atZone(ZONE).toLocalDate().plusDays(rnd.nextInt(40) - 20);
          h.createUpdate("INSERT INTO plan_revisions (plan_id, revision, content, author_role, created_at) VALUES (:id, :r, CAST(:c AS jsonb), 'ADMIN', :at)")
              .bind("id", plan).bind("r", r).bind("c", content(rnd, start)).bind("at", rev).execute();
          h.createUpdate("UPDATE plans SET current_revision = :r WHERE id = :id").bind("id", plan).bind("r", r).execute();
          rev = rnd.nextInt(4) == 0 ? monthStart(rev.plus(java.time.Duration.ofDays(31))) : rev.plus(java.time.Duration.ofDays(1 + rnd.nextInt(60)));
        }
        at = (closed == null ? at : closed).plus(java.time.Duration.ofHours(1 + rnd.nextInt(24 * 20)));
      }
      int sessions = rnd.nextInt(16);
      for (int s = 0; s < sessions; s++) {
        LocalDate d = LocalDate.of(2024, 1, 1).plusDays(rnd.nextInt(366));
        String type = rnd.nextInt(8) == 0 ? "PSYCHOLOGICAL_SUPPORT" : TYPES[rnd.nextInt(TYPES.length)];
        boolean voided = rnd.nextInt(7) == 0;
        h.createUpdate("""
            INSERT INTO sessions (id, person_id, institution_id, service_type, date, duration_minutes, therapist, fee, use_child_aid,
                                  aid_charged, self_pay, created_at, voided_at, void_reason)
            VALUES (gen_random_uuid(), :p, :i, :t, :d, 30, '随机', 0, false, 0, 0, now(), :voided, :reason)""")
            .bind("p", p).bind("i", inst).bind("t", type).bind("d", d)
            .bind("voided", voided ? Instant.now() : null).bind("reason", voided ? "随机作废" : null).execute();
      }
    }
  }

  private static String content(Random rnd, LocalDate start) {
    List<Map<String, Object>> ivs = new ArrayList<>();
    int n = 1 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      ivs.add(Map.of("serviceType", TYPES[rnd.nextInt(TYPES.length)], "setting", "HOME", "sessionsPerMonth", 1 + rnd.nextInt(5)));
    }
    try {
      return JSON.writeValueAsString(Map.of("goals", List.of("目标"), "interventions", ivs, "startDate", start.toString(),
          "reviewDate", start.plusMonths(6).toString()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Instant instant(Random rnd, LocalDate from, int days) {
    return from.plusDays(rnd.nextInt(days)).atStartOfDay(ZONE).toInstant().plusSeconds(rnd.nextInt(86_400));
  }

  private static Instant monthStart(Instant at) {
    return YearMonth.from(at.atZone(ZONE)).atDay(1).atStartOfDay(ZONE).toInstant();
  }

  /** Key ("" = total) -> {numerator, denominator}, computed from the raw rows of the area's persons. */
  private static Map<String, long[]> brute(ReportFixtures.Area area, YearMonth month, String groupBy, LocalDate asOf) {
    LocalDate m0 = month.atDay(1);
    LocalDate m1 = month.atEndOfMonth();
    Instant start = m0.atStartOfDay(ZONE).toInstant();
    Instant end = m1.plusDays(1).atStartOfDay(ZONE).toInstant();
    return TestApp.jdbi().withHandle(h -> {
      List<P> ps = h.createQuery("SELECT id, region_code, status, status_date, birth_date, gender, category, grade FROM persons "
              + "WHERE region_code LIKE :t").bind("t", area.town().substring(0, 9) + "%")
          .map((rs, c) -> new P(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class),
              rs.getObject(5, LocalDate.class), rs.getString(6), rs.getString(7), (Integer) rs.getObject(8))).list();
      Map<String, long[]> out = new TreeMap<>();
      for (P p : ps) {
        if (!p.status().equals("ACTIVE") && (p.statusDate() == null || p.statusDate().isBefore(m0))) continue;
        List<PlanRow> plans = h.createQuery("SELECT id, person_id, created_at, closed_at FROM plans WHERE person_id = :p").bind("p", p.id())
            .map((rs, c) -> new PlanRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant(),
                rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant())).list();
        PlanRow chosen = null;
        JsonNode chosenContent = null;
        for (PlanRow pl : plans) {
          if (!pl.createdAt().isBefore(end) || (pl.closedAt() != null && pl.closedAt().isBefore(start))) continue;
          JsonNode c = h.createQuery("SELECT content FROM plan_revisions WHERE plan_id = :id AND created_at < :end ORDER BY revision DESC LIMIT 1")
              .bind("id", pl.id()).bind("end", end).mapTo(String.class).findOne().map(PlanAdherencePropertyTest::tree).orElse(null);
          if (c == null || LocalDate.parse(c.path("startDate").asText()).isAfter(m1)) continue;
          if (chosen == null || pl.createdAt().isAfter(chosen.createdAt())) {
            chosen = pl;
            chosenContent = c;
          }
        }
        if (chosen == null) continue;
        Map<String, Integer> planned = new TreeMap<>();
        for (JsonNode iv : chosenContent.path("interventions")) planned.merge(iv.path("serviceType").asText(), iv.path("sessionsPerMonth").asInt(), Integer::sum);
        long plannedAll = 0;
        long delivered = 0;
        for (Map.Entry<String, Integer> e : planned.entrySet()) {
          long d = h.createQuery("SELECT count(*) FROM sessions WHERE person_id = :p AND service_type = :t AND voided_at IS NULL AND date BETWEEN :a AND :b")
              .bind("p", p.id()).bind("t", e.getKey()).bind("a", m0).bind("b", m1).mapTo(Long.class).one();
          plannedAll += e.getValue();
          delivered += Math.min(d, e.getValue());
        }
        boolean adherent = delivered * 100 >= plannedAll * 80;
        add(out, "", adherent);
        if (groupBy != null) add(out, key(groupBy, p, asOf), adherent);
      }
      return out;
    });
  }

  private static JsonNode tree(String s) {
    try {
      return JSON.readTree(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void add(Map<String, long[]> out, String key, boolean numerator) {
    long[] v = out.computeIfAbsent(key, k -> new long[2]);
    if (numerator) v[0]++;
    v[1]++;
  }

  private static String key(String groupBy, P p, LocalDate asOf) {
    return switch (groupBy) {
      case "COMMUNITY" -> p.region();
      case "CATEGORY" -> p.category();
      case "GRADE" -> p.grade() == null ? "NONE" : p.grade().toString();
      case "SEX" -> p.gender();
      case "AGE_BAND" -> {
        int age = Period.between(p.birth(), asOf).getYears();
        yield age <= 6 ? "0-6" : age <= 14 ? "7-14" : age <= 17 ? "15-17" : age <= 59 ? "18-59" : "60+";
      }
      default -> throw new IllegalArgumentException(groupBy);
    };
  }

  private static Map<String, List<Long>> lists(Map<String, long[]> m) {
    Map<String, List<Long>> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, List.of(v[0], v[1])));
    return out;
  }

  private static Map<String, long[]> figures(JsonNode indicator) {
    Map<String, long[]> out = new TreeMap<>();
    if (indicator.path("denominator").asLong() > 0) {
      out.put("", new long[] {indicator.path("numerator").asLong(), indicator.path("denominator").asLong()});
    }
    for (JsonNode g : indicator.path("groups")) out.put(g.path("key").asText(), new long[] {g.path("numerator").asLong(), g.path("denominator").asLong()});
    return out;
  }
}
