package cn.donghe.rehab.periods;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.PeriodGuard;
import cn.donghe.rehab.common.Text;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Closing and reopening months (district ADMIN, audited in the same transaction) and the guard every dated write
 * calls. Concurrency: the guard takes the month's advisory lock shared, close and reopen take it exclusively
 * (see {@link PeriodDao#lock}), so no write dated in a month can commit after the close that covers it.
 */
public final class PeriodService implements PeriodGuard {
  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;

  public PeriodService(Jdbi jdbi, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
  }

  /** The twelve months of the year, January first. */
  public List<Period> year(int year) {
    return jdbi.withHandle(h -> {
      Map<String, Period> stored = new LinkedHashMap<>();
      new PeriodDao(h).ofYear(year).forEach(p -> stored.put(p.period(), p));
      List<Period> out = new ArrayList<>(12);
      for (int m = 1; m <= 12; m++) {
        String key = YearMonth.of(year, m).toString();
        out.add(stored.getOrDefault(key, Period.open(key)));
      }
      return out;
    });
  }

  /** Closes an ended month: 403 regional admin; 409 already closed; 422 the month has not ended. */
  public Period close(AppUser admin, YearMonth month, String note) {
    requireDistrictAdmin(admin);
    String cleanNote = blankToNull(Text.clean(note));
    Checks c = new Checks();
    Text.check(c, note, 500, "note");
    c.require(month.atEndOfMonth().isBefore(LocalDate.now(clock)), "period",
        "只能关闭已结束的月份 / only a month that has ended can be closed: " + month);
    c.throwIfAny();
    String key = month.toString();
    return jdbi.inTransaction(h -> {
      PeriodDao dao = new PeriodDao(h);
      dao.lock(key, true);
      Period before = dao.find(key).orElse(Period.open(key));
      if (before.closed()) {
        throw ApiException.conflict("period-already-closed", "该月已关闭 / the month is already closed: " + key).with("field", "period");
      }
      dao.close(key, now(), admin.id(), cleanNote);
      Period after = dao.find(key).orElseThrow();
      audit.record(h, admin, "CLOSE", "period", key, before, after);
      return after;
    });
  }

  /** Reopens a closed month: 403 regional admin; 409 not closed; 422 no reason. */
  public Period reopen(AppUser admin, YearMonth month, String reason) {
    requireDistrictAdmin(admin);
    Checks c = new Checks();
    c.required(blankToNull(Text.clean(reason)), "reason");
    Text.check(c, reason, 500, "reason");
    c.throwIfAny();
    String key = month.toString();
    return jdbi.inTransaction(h -> {
      PeriodDao dao = new PeriodDao(h);
      dao.lock(key, true);
      Period before = dao.find(key).orElse(Period.open(key));
      if (!before.closed()) {
        throw ApiException.conflict("period-not-closed", "该月未关闭 / the month is not closed: " + key).with("field", "period");
      }
      dao.reopen(key, now());
      Period after = dao.find(key).orElseThrow();
      audit.record(h, admin, "REOPEN", "period", key, before, Map.of("period", after, "reason", Text.clean(reason)));
      return after;
    });
  }

  @Override public void requireOpen(Handle h, LocalDate date, String field) {
    if (date == null) return;
    String key = YearMonth.from(date).toString();
    PeriodDao dao = new PeriodDao(h);
    dao.lock(key, false);
    if (dao.find(key).map(Period::closed).orElse(false)) {
      throw ApiException.conflict("period-closed", key + " 已关闭，不能写入该月日期的数据（" + field + "） / the period " + key
          + " is closed: nothing dated in it can be written (" + field + ")").with("field", field).with("period", key);
    }
  }

  /**
   * For work that needs a month CLOSED (settlement, DESIGN section 11), in the caller's transaction: 409
   * period-not-closed naming {@code field} when it is open. Holds the month's lock shared until the transaction ends, so
   * the month cannot be reopened meanwhile.
   */
  public void requireClosed(Handle h, YearMonth month, String field) {
    String key = month.toString();
    PeriodDao dao = new PeriodDao(h);
    dao.lock(key, false);
    if (!dao.find(key).map(Period::closed).orElse(false)) {
      throw ApiException.conflict("period-not-closed", key + " 尚未关闭，不能结算 / the period " + key + " is not closed: it cannot be settled")
          .with("field", field).with("period", key);
    }
  }

  @Override public boolean yearClosed(Handle h, int year) {
    return new PeriodDao(h).closedMonths(year) == 12;
  }

  private static void requireDistrictAdmin(AppUser admin) {
    if (!admin.isGlobalAdmin()) {
      throw ApiException.forbidden("关闭或重开月份是区残联的职权 / only a district-wide ADMIN closes or reopens months");
    }
  }

  private Instant now() { return clock.instant().truncatedTo(ChronoUnit.MICROS); }

  private static String blankToNull(String s) { return s == null || s.isEmpty() ? null : s; }
}
