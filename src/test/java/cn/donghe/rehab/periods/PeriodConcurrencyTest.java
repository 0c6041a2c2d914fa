package cn.donghe.rehab.periods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.PeriodGuard;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.TestApp;
import java.time.LocalDate;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Closing while a write is in flight must not let the write slip in: a write dated in the month holds the month's lock
 * shared until it commits, so the close waits for it; a write that comes after the close sees the month CLOSED.
 */
class PeriodConcurrencyTest {
  private static final String MONTH = "2007-05";
  private static final LocalDate IN_MONTH = LocalDate.of(2007, 5, 20);

  @Test
  void aCloseWaitsForTheWriteInFlight_andTheNextWriteIsRefused() throws Exception {
    PeriodGuard guard = TestApp.context().get(PeriodGuard.class);
    TestApp.admin();
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> write = pool.submit(() -> {
        TestApp.jdbi().useTransaction(h -> {
          guard.requireOpen(h, IN_MONTH, "date");
          writing.countDown();
          assertTrue(finish.await(20, TimeUnit.SECONDS));
        });
        return null;
      });
      assertTrue(writing.await(20, TimeUnit.SECONDS));
      Future<Api.Resp> close = pool.submit(() -> PeriodFixtures.close(MONTH));
      Thread.sleep(700);
      assertFalse(close.isDone(), "the close must wait for the write in flight");
      finish.countDown();
      write.get(20, TimeUnit.SECONDS);
      assertEquals(200, close.get(20, TimeUnit.SECONDS).status());

      ApiException refused = assertThrows(ApiException.class,
          () -> TestApp.jdbi().useTransaction(h -> guard.requireOpen(h, IN_MONTH, "date")));
      assertEquals(409, refused.status());
      assertEquals("period-closed", refused.type());
    } finally {
      finish.countDown();
      pool.shutdownNow();
      PeriodFixtures.reopenQuietly(MONTH);
    }
  }
}
