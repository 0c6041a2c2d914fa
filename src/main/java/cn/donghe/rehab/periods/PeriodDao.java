package cn.donghe.rehab.periods;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** The only code that names the {@code periods} table. */
final class PeriodDao {
  private final Handle h;

  PeriodDao(Handle h) { this.h = h; }

  Optional<Period> find(String period) {
    return h.createQuery("SELECT period, status, closed_at, closed_by, note FROM periods WHERE period = :p")
        .bind("p", period).map((rs, ctx) -> row(rs)).findOne();
  }

  /** The stored months of one year (months never closed have no row). */
  List<Period> ofYear(int year) {
    return h.createQuery("SELECT period, status, closed_at, closed_by, note FROM periods WHERE period LIKE :y ORDER BY period")
        .bind("y", year + "-%").map((rs, ctx) -> row(rs)).list();
  }

  int closedMonths(int year) {
    return h.createQuery("SELECT count(*) FROM periods WHERE period LIKE :y AND status = 'CLOSED'")
        .bind("y", year + "-%").mapTo(Integer.class).one();
  }

  void close(String period, Instant at, UUID by, String note) {
    h.createUpdate("""
        INSERT INTO periods (period, status, closed_at, closed_by, note, updated_at) VALUES (:p, 'CLOSED', :at, :by, :note, :at)
        ON CONFLICT (period) DO UPDATE SET status = 'CLOSED', closed_at = :at, closed_by = :by, note = :note, updated_at = :at""")
        .bind("p", period).bind("at", at).bind("by", by).bind("note", note).execute();
  }

  void reopen(String period, Instant at) {
    h.createUpdate("UPDATE periods SET status = 'OPEN', closed_at = NULL, closed_by = NULL, note = NULL, updated_at = :at WHERE period = :p")
        .bind("p", period).bind("at", at).execute();
  }

  /**
   * Advisory lock on one month: writers take it shared (many at once), close and reopen exclusively, so a close waits
   * for every write in flight and a write that starts during a close waits for it and then reads the new status.
   */
  void lock(String period, boolean exclusive) {
    h.createQuery("SELECT " + (exclusive ? "pg_advisory_xact_lock" : "pg_advisory_xact_lock_shared") + "(:cls, :key)::text")
        .bind("cls", LOCK_CLASS).bind("key", key(period)).mapTo(String.class).one();
  }

  /** First key of the two-key advisory lock space reserved for periods ("PERD"). */
  private static final int LOCK_CLASS = 0x50455244;

  private static int key(String period) {
    return Integer.parseInt(period.substring(0, 4)) * 100 + Integer.parseInt(period.substring(5, 7));
  }

  private static Period row(java.sql.ResultSet rs) throws java.sql.SQLException {
    java.sql.Timestamp at = rs.getTimestamp("closed_at");
    return new Period(rs.getString("period"), rs.getString("status"), at == null ? null : at.toInstant(),
        rs.getObject("closed_by", UUID.class), rs.getString("note"));
  }
}
