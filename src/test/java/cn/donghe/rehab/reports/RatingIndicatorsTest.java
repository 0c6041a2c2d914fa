package cn.donghe.rehab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.registry.IdNumbers;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: a person counts under the rating in force on the report's day (31 December of a past year, the as-of day of
 * the contract rate). Random re-ratings (some dated back between others) against a brute-force model of the history.
 */
class RatingIndicatorsTest {
  private static final Category[] CATEGORIES = {Category.PHYSICAL, Category.VISUAL, Category.MENTAL};
  private static final LocalDate BIRTH = LocalDate.of(1975, 3, 9);

  /** One person of the model: their ratings (date -> category/grade), served years, contracted this year. */
  private record Modelled(String id, TreeMap<LocalDate, String[]> ratings, boolean served2025, boolean served2026) {
    String[] ratingOn(LocalDate day) { return ratings.floorEntry(day).getValue(); }
  }

  @Test
  void everyIndicatorGroupsEachPersonUnderTheRatingInForceOnItsDay_randomReRatingsAgainstBruteForce() {
    Random random = new Random(20);
    LocalDate today = ReportFixtures.today();
    ReportFixtures.Area area = ReportFixtures.area();
    List<Modelled> people = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Category first = CATEGORIES[random.nextInt(CATEGORIES.length)];
      int grade = 1 + random.nextInt(4);
      Map<String, Object> body = Fixtures.personBody(random.nextBoolean() ? area.a() : area.b(), first, grade, BIRTH);
      Api.Resp created = TestApp.admin().post("/persons", body);
      assertEquals(201, created.status(), created.toString());
      String id = created.str("id");
      TreeMap<LocalDate, String[]> ratings = new TreeMap<>();
      ratings.put(BIRTH, new String[] {first.name(), Integer.toString(grade)});
      boolean s25 = random.nextBoolean();
      boolean s26 = random.nextBoolean();
      ReportFixtures.assessRehab(id, 2025);
      ReportFixtures.assessRehab(id, 2026);
      if (s25) ReportFixtures.session(area.rehab(), id, LocalDate.of(2025, 5, 6));
      if (s26) ReportFixtures.session(area.rehab(), id, LocalDate.of(2026, 5, 6));
      if (random.nextInt(3) > 0) ReportFixtures.contract(id, area.doctorId(), LocalDate.of(2026, 1, 1));
      // 0-3 re-ratings at random days since 2025 (not in date order: later ones may be dated back between others)
      int n = random.nextInt(4);
      long span = ChronoUnit.DAYS.between(LocalDate.of(2025, 1, 1), today);
      for (int k = 0; k < n; k++) {
        LocalDate on = LocalDate.of(2025, 1, 1).plusDays(random.nextLong(span + 1));
        if (ratings.containsKey(on)) continue;
        Category c = CATEGORIES[random.nextInt(CATEGORIES.length)];
        int g = 1 + random.nextInt(4);
        Api.Resp r = TestApp.admin().post("/persons/" + id + "/ratings", Map.of("category", c.name(), "grade", g,
            "certificateNo", IdNumbers.certificate((String) body.get("idNumber"), c, g), "effectiveDate", on.toString(), "reason", "复评"));
        assertEquals(201, r.status(), r.toString());
        ratings.put(on, new String[] {c.name(), Integer.toString(g)});
      }
      people.add(new Modelled(id, ratings, s25, s26));
    }
    Map<String, Boolean> contracted = contracted(people);
    // the scenario must tell the days apart, or a report that ignored the history would pass
    assertEquals(true, people.stream().anyMatch(p -> !p.ratingOn(LocalDate.of(2025, 12, 31))[0].equals(p.ratingOn(today)[0])));
    assertEquals(true, people.stream().anyMatch(p -> !p.ratingOn(LocalDate.of(2026, 1, 1))[1].equals(p.ratingOn(today)[1])));

    for (String groupBy : List.of("CATEGORY", "GRADE")) {
      int key = groupBy.equals("CATEGORY") ? 0 : 1;
      // rehab rate of a past year: the rating on 31 December 2025; of this year: the rating today
      assertGroups(expected(people, p -> p.ratingOn(LocalDate.of(2025, 12, 31))[key], Modelled::served2025),
          ReportFixtures.report("year=2025&groupBy=" + groupBy + "&regionCode=" + area.town()), "REHAB_SERVICE_RATE");
      assertGroups(expected(people, p -> p.ratingOn(today)[key], Modelled::served2026),
          ReportFixtures.report("year=" + today.getYear() + "&groupBy=" + groupBy + "&regionCode=" + area.town()), "REHAB_SERVICE_RATE");
      // contract rate on three days: the counters' day (today) and two others answered by a join
      for (LocalDate asOf : List.of(today, LocalDate.of(2026, 2, 28), LocalDate.of(2026, 1, 1))) {
        assertGroups(expected(people, p -> p.ratingOn(asOf)[key], p -> contracted.get(p.id())),
            ReportFixtures.report("year=2026&asOf=" + asOf + "&groupBy=" + groupBy + "&regionCode=" + area.town()), "DOCTOR_CONTRACT_RATE");
      }
    }
  }

  private static Map<String, Boolean> contracted(List<Modelled> people) {
    Map<String, Boolean> m = new TreeMap<>();
    for (Modelled p : people) {
      m.put(p.id(), TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM contracts WHERE person_id = CAST(:p AS uuid)")
          .bind("p", p.id()).mapTo(Integer.class).one()) > 0);
    }
    return m;
  }

  /** key -> {numerator, denominator} by brute force. */
  private static Map<String, List<Long>> expected(List<Modelled> people, Function<Modelled, String> key, Function<Modelled, Boolean> counted) {
    Map<String, List<Long>> m = new TreeMap<>();
    for (Modelled p : people) {
      List<Long> nd = m.computeIfAbsent(key.apply(p), k -> new ArrayList<>(List.of(0L, 0L)));
      if (counted.apply(p)) nd.set(0, nd.get(0) + 1);
      nd.set(1, nd.get(1) + 1);
    }
    return m;
  }

  private static void assertGroups(Map<String, List<Long>> expected, JsonNode report, String code) {
    Map<String, List<Long>> actual = new TreeMap<>();
    for (JsonNode g : ReportFixtures.indicator(report, code).path("groups")) {
      if (g.path("denominator").asLong() > 0) actual.put(g.path("key").asText(), List.of(g.path("numerator").asLong(), g.path("denominator").asLong()));
    }
    assertEquals(expected, actual, code + " " + report);
  }
}
