package cn.donghe.rehab.common;

import java.time.LocalDate;
import org.jdbi.v3.core.Handle;

/**
 * Hook for closed periods (DESIGN section 10, a later issue): every write dated in a CLOSED month must answer 409
 * {@code period-closed}. Writers call {@link #requireOpen} inside their transaction with the date they are about to
 * write; until periods exist every month is open ({@link #ALWAYS_OPEN}). The periods feature will supply an
 * implementation that reads (and locks FOR SHARE) the month's row, so a concurrent close waits for the write.
 */
@FunctionalInterface
public interface PeriodGuard {
  PeriodGuard ALWAYS_OPEN = (h, date, field) -> { };

  /** Throws ApiException 409 period-closed naming {@code field} when {@code date} lies in a CLOSED month. */
  void requireOpen(Handle h, LocalDate date, String field);
}
