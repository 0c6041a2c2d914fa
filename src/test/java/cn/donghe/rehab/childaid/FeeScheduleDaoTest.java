package cn.donghe.rehab.childaid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.TestApp;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cap a session's date finds, on the shipped 2022-2030 schedule (DAO tier, real PostgreSQL). */
class FeeScheduleDaoTest {
  private static Optional<BigDecimal> cap(LocalDate d, String type) {
    return TestApp.jdbi().withHandle(h -> new FeeScheduleDao(h).maxFee(d, type));
  }

  @Test
  void aYearWithoutASchedule_keepsTheLastEarlierVersion_soAidDoesNotStopOnNewYearsDay() {
    BigDecimal dec31 = cap(LocalDate.of(2030, 12, 31), "REHAB_TRAINING").orElseThrow();
    assertEquals(Optional.of(dec31), cap(LocalDate.of(2031, 1, 1), "REHAB_TRAINING"));
    assertEquals(Optional.of(dec31), cap(LocalDate.of(2032, 2, 29), "REHAB_TRAINING"));
  }

  @Test
  void aTypeTheVersionInForceDoesNotList_orADateBeforeEverySchedule_hasNoCap() {
    assertTrue(cap(LocalDate.of(2031, 1, 1), "HEALTH_EDUCATION").isEmpty());
    assertTrue(cap(LocalDate.of(1990, 1, 1), "REHAB_TRAINING").isEmpty());
  }
}
