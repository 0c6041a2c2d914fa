package cn.donghe.rehab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.DemoDatabases;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo data set loads, whole, on every day of the year, and shows a living district: loaded with
 * the clock moved to fixed hard dates (year ends, leap days, the day it once failed) and to random
 * dates drawn from a seed that changes daily (printed with any failure), at 1/8 of the district's
 * size through the same code path as {@code scripts/run.sh}.
 */
class DemoCalendarTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  /** Changes every day, so the suite tries new dates over time; a failure names it. */
  private static final long SEED = LocalDate.now(ZONE).toEpochDay();

  @BeforeAll
  static void quiet() {
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(ch.qos.logback.classic.Level.WARN);
  }

  static Stream<ZonedDateTime> moments() {
    List<ZonedDateTime> out = new ArrayList<>(List.of(
        at(2027, 1, 1, LocalTime.of(0, 0, 30)),
        at(2028, 2, 28, LocalTime.of(10, 0)),
        at(2028, 2, 29, LocalTime.of(10, 0)),
        at(2026, 6, 30, LocalTime.of(15, 0)),
        at(2026, 12, 1, LocalTime.of(9, 0)),
        at(2026, 12, 3, LocalTime.of(9, 30)),
        at(2026, 12, 31, LocalTime.of(23, 59, 59)),
        at(2025, 1, 1, LocalTime.of(8, 0)),
        at(2029, 3, 1, LocalTime.of(8, 0))));
    Random rnd = new Random(SEED);
    for (int i = 0; i < 4; i++) {
      LocalDate d = LocalDate.of(2025, 1, 1).plusDays(rnd.nextInt(6 * 365));
      out.add(d.atTime(LocalTime.of(rnd.nextInt(24), rnd.nextInt(60))).atZone(ZONE));
    }
    return out.stream();
  }

  private static ZonedDateTime at(int y, int m, int d, LocalTime t) { return LocalDate.of(y, m, d).atTime(t).atZone(ZONE); }

  @ParameterizedTest(name = "{0}")
  @MethodSource("moments")
  void theDemoLoadsWhole_andTheDistrictIsAlive(ZonedDateTime moment) throws Exception {
    try (DemoDatabases.Demo demo = DemoDatabases.create()) {
      demo.clock().set(moment.toInstant());
      assertTrue(new DemoData(demo.ctx(), 8).loadOnce(), "loaded on " + moment);
      assertEquals(List.of(), LivingDistrict.problems(demo, moment.toLocalDate(), LivingDistrict.SMALL),
          "on " + moment + " (random dates from seed " + SEED + ")");
    }
  }

  @Test
  void aFailingPart_storesNothing_andNamesThePart() throws Exception {
    try (DemoDatabases.Demo demo = DemoDatabases.create()) {
      demo.clock().set(at(2026, 12, 3, LocalTime.NOON).toInstant());
      List<DemoData.Part> parts = new ArrayList<>(DemoData.features(demo.ctx()));
      parts.add(1, DemoData.Part.of("broken", (h, seed) -> h.execute("INSERT INTO plan_revisions (plan_id) VALUES (gen_random_uuid())")));
      DemoData.LoadFailed e = assertThrows(DemoData.LoadFailed.class, () -> new DemoData(demo.ctx(), 8).loadOnce(parts));
      assertEquals("broken", e.part());
      assertTrue(e.getMessage().startsWith("demo data NOT loaded: the 'broken' part failed ("), e.getMessage());
      assertEquals(1, e.getMessage().lines().count(), "one line");
      for (String table : List.of("persons", "users", "regions", "institutions", "contracts", "sessions", "app_meta", "audit_events")) {
        assertEquals(0, demo.count("SELECT count(*) FROM " + table), table + " must be empty after a failed load");
      }
      // and a later run loads it all
      assertTrue(new DemoData(demo.ctx(), 8).loadOnce());
      assertTrue(demo.count("SELECT count(*) FROM sessions") > 0);
    }
  }
}
