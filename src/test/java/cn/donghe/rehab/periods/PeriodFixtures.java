package cn.donghe.rehab.periods;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.TestApp;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

/** Closing and reopening months through the API, and moving the shared test clock (always put back afterwards). */
final class PeriodFixtures {
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private PeriodFixtures() {}

  static Api.Resp close(String period) { return TestApp.admin().post("/periods/" + period + "/close", Map.of("note", "测试关闭 test close")); }

  static void closed(String period) {
    Api.Resp r = close(period);
    assertEquals(200, r.status(), r.toString());
  }

  /** Reopens the month if it is closed (cleanup: the test database is shared by every test class of the run). */
  static void reopenQuietly(String period) {
    TestApp.admin().post("/periods/" + period + "/reopen", Map.of("reason", "测试结束 test over"));
  }

  static void clockAt(LocalDate day) {
    TestApp.context().clock().set(day.atTime(LocalTime.of(10, 0)).atZone(ZONE).toInstant());
  }

  static void clockReset() { TestApp.context().clock().reset(); }

  static long count(String sql, Object... args) {
    return TestApp.jdbi().withHandle(h -> {
      var q = h.createQuery(sql);
      for (int i = 0; i < args.length; i++) q.bind(i, args[i]);
      return q.mapTo(Long.class).one();
    });
  }
}
