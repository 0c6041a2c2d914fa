package cn.donghe.rehab.settlement;

import cn.donghe.rehab.sessions.Session;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Rows of settlements and settlement_lines. */
final class SettlementDao {
  private static final String COLUMNS = "s.id, s.institution_id, i.name AS institution_name, s.period, s.status, s.created_at, s.approved_at";
  private static final String TOTALS = ", (SELECT COALESCE(sum(aid_charged), 0) FROM settlement_lines l WHERE l.settlement_id = s.id) AS claimed"
      + ", (SELECT COALESCE(sum(aid_charged), 0) FROM settlement_lines l WHERE l.settlement_id = s.id AND l.status = 'REJECTED') AS rejected";
  private final Handle h;

  SettlementDao(Handle h) { this.h = h; }

  /** Inserts the statement unless the institution has one for the month; false when it has (a concurrent twin waits, then finds it). */
  boolean insertIfAbsent(UUID id, UUID institutionId, String period, Instant now, UUID by) {
    return h.createUpdate("""
        INSERT INTO settlements (id, institution_id, period, status, created_at, created_by)
        VALUES (:id, :inst, :period, 'DRAFT', :now, :by) ON CONFLICT (institution_id, period) DO NOTHING""")
        .bind("id", id).bind("inst", institutionId).bind("period", period).bind("now", now).bind("by", by).execute() == 1;
  }

  Optional<UUID> idOf(UUID institutionId, String period) {
    return h.createQuery("SELECT id FROM settlements WHERE institution_id = :inst AND period = :period")
        .bind("inst", institutionId).bind("period", period).mapTo(UUID.class).findOne();
  }

  void insertLines(UUID settlementId, List<Session> sessions) {
    if (sessions.isEmpty()) return;
    var batch = h.prepareBatch("""
        INSERT INTO settlement_lines (settlement_id, session_id, person_id, date, service_type, fee, insurance_paid, aid_charged, status)
        VALUES (:s, :session, :person, :date, :type, :fee, :insurance, :aid, 'PENDING')""");
    for (Session x : sessions) {
      batch.bind("s", settlementId).bind("session", x.id()).bind("person", x.personId()).bind("date", x.date()).bind("type", x.serviceType())
          .bind("fee", x.fee()).bind("insurance", x.insurancePaid()).bind("aid", x.aidCharged()).add();
    }
    batch.execute();
  }

  /** The statement head (no lines); {@code forUpdate} locks it, so reviews of one statement take turns. */
  Optional<Settlement> find(UUID id, boolean forUpdate) {
    return h.createQuery("SELECT " + COLUMNS + " FROM settlements s JOIN institutions i ON i.id = s.institution_id WHERE s.id = :id"
            + (forUpdate ? " FOR UPDATE OF s" : ""))
        .bind("id", id).map((rs, c) -> head(rs, false)).findOne();
  }

  List<Settlement.Line> lines(UUID settlementId) {
    return h.createQuery("""
        SELECT session_id, person_id, date, service_type, fee, insurance_paid, aid_charged, status, reason
          FROM settlement_lines WHERE settlement_id = :s ORDER BY date, session_id""")
        .bind("s", settlementId)
        .map((rs, c) -> new Settlement.Line(rs.getObject("session_id", UUID.class), rs.getObject("person_id", UUID.class),
            rs.getObject("date", LocalDate.class), rs.getString("service_type"), rs.getBigDecimal("fee"), rs.getBigDecimal("insurance_paid"),
            rs.getBigDecimal("aid_charged"), rs.getString("status"), rs.getString("reason")))
        .list();
  }

  Optional<String> lineStatus(UUID settlementId, UUID sessionId) {
    return h.createQuery("SELECT status FROM settlement_lines WHERE settlement_id = :s AND session_id = :session")
        .bind("s", settlementId).bind("session", sessionId).mapTo(String.class).findOne();
  }

  /** The status of the statement holding the session, if any. */
  Optional<String> statusHolding(UUID sessionId) {
    return h.createQuery("SELECT s.status FROM settlement_lines l JOIN settlements s ON s.id = l.settlement_id WHERE l.session_id = :session")
        .bind("session", sessionId).mapTo(String.class).findOne();
  }

  void rejectLine(UUID settlementId, UUID sessionId, String reason, Instant now, UUID by) {
    h.createUpdate("""
        UPDATE settlement_lines SET status = 'REJECTED', reason = :reason, reviewed_at = :now, reviewed_by = :by
         WHERE settlement_id = :s AND session_id = :session AND status = 'PENDING'""")
        .bind("s", settlementId).bind("session", sessionId).bind("reason", reason).bind("now", now).bind("by", by).execute();
  }

  /** Accepts every line still pending, then approves the statement (after which the triggers freeze both). */
  void approve(UUID settlementId, Instant now, UUID by) {
    h.createUpdate("UPDATE settlement_lines SET status = 'ACCEPTED', reviewed_at = :now, reviewed_by = :by WHERE settlement_id = :s AND status = 'PENDING'")
        .bind("s", settlementId).bind("now", now).bind("by", by).execute();
    h.createUpdate("UPDATE settlements SET status = 'APPROVED', approved_at = :now, approved_by = :by WHERE id = :s AND status = 'DRAFT'")
        .bind("s", settlementId).bind("now", now).bind("by", by).execute();
  }

  /**
   * A page of statement heads with their totals, by id; {@code regionPrefix} limits them to institutions of a region
   * ("" = all), {@code onlyInstitution} to one institution (an INSTITUTION caller's own).
   */
  List<Settlement> list(String regionPrefix, UUID onlyInstitution, UUID institutionId, String period, String status, UUID after, int fetch) {
    return h.createQuery("SELECT " + COLUMNS + TOTALS + " FROM settlements s JOIN institutions i ON i.id = s.institution_id"
            + " WHERE s.id > :after AND i.region_code LIKE :prefix"
            + " AND (CAST(:only AS uuid) IS NULL OR s.institution_id = :only)"
            + " AND (CAST(:inst AS uuid) IS NULL OR s.institution_id = :inst)"
            + " AND (CAST(:period AS text) IS NULL OR s.period = :period)"
            + " AND (CAST(:status AS text) IS NULL OR s.status = :status) ORDER BY s.id LIMIT :fetch")
        .bind("after", after).bind("prefix", regionPrefix + "%").bind("only", onlyInstitution).bind("inst", institutionId)
        .bind("period", period).bind("status", status).bind("fetch", fetch)
        .map((rs, c) -> head(rs, true)).list();
  }

  /** The institution's region code (for a regional ADMIN's scope). */
  String regionOf(UUID institutionId) {
    return h.createQuery("SELECT region_code FROM institutions WHERE id = :id").bind("id", institutionId).mapTo(String.class).one();
  }

  private static Settlement head(ResultSet rs, boolean withTotals) throws SQLException {
    OffsetDateTime approved = rs.getObject("approved_at", OffsetDateTime.class);
    Settlement.Totals totals = null;
    if (withTotals) {
      BigDecimal claimed = rs.getBigDecimal("claimed").setScale(2);
      BigDecimal rejected = rs.getBigDecimal("rejected").setScale(2);
      totals = new Settlement.Totals(claimed, rejected, claimed.subtract(rejected));
    }
    return new Settlement(rs.getObject("id", UUID.class), rs.getObject("institution_id", UUID.class), rs.getString("institution_name"),
        rs.getString("period"), rs.getString("status"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        approved == null ? null : approved.toInstant(), null, totals);
  }
}
