package cn.donghe.rehab.common;

import java.time.LocalDate;
import org.jdbi.v3.core.Handle;

/**
 * Closed periods (DESIGN section 10): every write dated in a CLOSED month answers 409 {@code period-closed}. Writers
 * call {@link #requireOpen} inside their transaction with each date they are about to write (or change); the periods
 * feature ({@code periods.PeriodService}) implements it and holds a shared lock on the month until the writer's
 * transaction ends, so a concurrent close waits for the write. {@link #ALWAYS_OPEN} is for unit wiring without periods.
 */
@FunctionalInterface
public interface PeriodGuard {
  PeriodGuard ALWAYS_OPEN = (h, date, field) -> { };

  /** Throws ApiException 409 period-closed naming {@code field} when {@code date} lies in a CLOSED month. */
  void requireOpen(Handle h, LocalDate date, String field);

  /** Whether all twelve months of {@code year} are CLOSED (a snapshot of it is then final). */
  default boolean yearClosed(Handle h, int year) { return false; }
}
