package cn.donghe.rehab.sessions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Rows of sessions and idempotency_keys. */
final class SessionDao {
  private static final String COLUMNS = "s.id, s.person_id, s.institution_id, i.name AS institution_name, s.service_type, s.date, "
      + "s.duration_minutes, s.therapist, s.fee, s.use_child_aid, s.notes, s.plan_id, s.plan_revision, s.aid_account_id, "
      + "s.aid_charged, s.self_pay, s.aid_balance_after, s.created_at, s.voided_at, s.void_reason, s.late_entry_reason, s.setting, s.insurance_paid";
  private final Handle h;

  SessionDao(Handle h) { this.h = h; }

  /**
   * Claims the key for this request. When another transaction holds the same key uncommitted, PostgreSQL
   * makes this insert wait for it; afterwards it inserts (the other rolled back) or does nothing (the
   * other committed, and this request becomes a replay).
   */
  boolean claimKey(UUID institutionId, String key, byte[] hash, UUID sessionId, Instant now) {
    return h.createUpdate("""
        INSERT INTO idempotency_keys (institution_id, key, request_hash, session_id, created_at)
        VALUES (:inst, :key, :hash, :session, :now) ON CONFLICT DO NOTHING""")
        .bind("inst", institutionId).bind("key", key).bind("hash", hash).bind("session", sessionId).bind("now", now)
        .execute() == 1;
  }

  record Claimed(byte[] hash, UUID sessionId) {
    boolean sameRequest(byte[] other) { return Arrays.equals(hash, other); }
  }

  Claimed claimed(UUID institutionId, String key) {
    return h.createQuery("SELECT request_hash, session_id FROM idempotency_keys WHERE institution_id = :inst AND key = :key")
        .bind("inst", institutionId).bind("key", key)
        .map((rs, c) -> new Claimed(rs.getBytes(1), rs.getObject(2, UUID.class))).one();
  }

  /** What the rules need to know about the person and the logging institution, in one round trip. */
  record Facts(boolean personFound, LocalDate birthDate, String status, LocalDate statusDate, String institutionName,
               List<String> services, boolean childAidDesignated) {
    /** The same institution facts, with the person unknown. */
    Facts asUnknownPerson() { return new Facts(false, null, null, null, institutionName, services, childAidDesignated); }
  }

  Facts facts(UUID personId, UUID institutionId) {
    return h.createQuery("""
        SELECT p.birth_date, p.status, p.status_date, i.name, i.services, i.child_aid_designated
          FROM institutions i LEFT JOIN persons p ON p.id = :person
         WHERE i.id = :inst""")
        .bind("person", personId).bind("inst", institutionId)
        .map((rs, c) -> new Facts(rs.getObject(1) != null, rs.getObject(1, LocalDate.class), rs.getString(2),
            rs.getObject(3, LocalDate.class), rs.getString(4), Arrays.asList((String[]) rs.getArray(5).getArray()), rs.getBoolean(6)))
        .one();
  }

  /** The institution (clinic) a doctor works at. */
  Optional<UUID> doctorsClinic(UUID doctorId) {
    return h.createQuery("SELECT institution_id FROM doctors WHERE id = :d").bind("d", doctorId).mapTo(UUID.class).findOne();
  }

  void insert(Session s, UUID createdBy) {
    h.createUpdate("""
        INSERT INTO sessions (id, person_id, institution_id, service_type, date, duration_minutes, therapist, fee, use_child_aid,
          aid_account_id, aid_charged, self_pay, aid_balance_after, notes, plan_id, plan_revision, created_by, created_at, late_entry_reason, setting,
          insurance_paid)
        VALUES (:id, :person, :inst, :type, :date, :minutes, :therapist, :fee, :useAid,
          :account, :charged, :selfPay, :balanceAfter, :notes, :plan, :revision, :by, :at, :late, :setting, :insurance)""")
        .bind("id", s.id()).bind("person", s.personId()).bind("inst", s.institutionId()).bind("type", s.serviceType())
        .bind("date", s.date()).bind("minutes", (short) s.durationMinutes()).bind("therapist", s.therapist()).bind("fee", s.fee())
        .bind("useAid", s.useChildAid()).bind("account", s.aidAccountId()).bind("charged", s.aidCharged()).bind("selfPay", s.selfPay())
        .bind("balanceAfter", s.aidBalanceAfter()).bind("notes", s.notes()).bind("plan", s.planId()).bind("revision", s.planRevision())
        .bind("by", createdBy).bind("at", s.createdAt()).bind("late", s.lateEntryReason()).bind("setting", s.setting())
        .bind("insurance", s.insurancePaid()).execute();
  }

  Optional<Session> find(UUID id, boolean forUpdate) {
    return h.createQuery("SELECT " + COLUMNS + " FROM sessions s JOIN institutions i ON i.id = s.institution_id WHERE s.id = :id"
            + (forUpdate ? " FOR UPDATE OF s" : ""))
        .bind("id", id).map((rs, c) -> session(rs)).findOne();
  }

  void markVoided(UUID id, Instant at, UUID by, String reason) {
    h.createUpdate("UPDATE sessions SET voided_at = :at, voided_by = :by, void_reason = :reason WHERE id = :id AND voided_at IS NULL")
        .bind("id", id).bind("at", at).bind("by", by).bind("reason", reason).execute();
  }

  /** A page of sessions ordered by id; {@code where} is a condition over s (sessions) and p (persons). */
  List<Session> list(String where, Map<String, Object> binds, UUID personId, LocalDate from, LocalDate to, UUID after, int fetch) {
    var q = h.createQuery("SELECT " + COLUMNS + " FROM sessions s JOIN institutions i ON i.id = s.institution_id"
            + " JOIN persons p ON p.id = s.person_id WHERE s.id > :after AND " + where
            + " AND (CAST(:person AS uuid) IS NULL OR s.person_id = :person)"
            + " AND (CAST(:from AS date) IS NULL OR s.date >= :from) AND (CAST(:to AS date) IS NULL OR s.date <= :to)"
            + " ORDER BY s.id LIMIT :fetch")
        .bind("after", after).bind("person", personId).bind("from", from).bind("to", to).bind("fetch", fetch);
    binds.forEach(q::bind);
    return q.map((rs, c) -> session(rs)).list();
  }

  /** Non-voided sessions of the institution dated in [from, to] that charged child aid, by date then id. */
  List<Session> aidCharged(UUID institutionId, LocalDate from, LocalDate to) {
    return h.createQuery("SELECT " + COLUMNS + " FROM sessions s JOIN institutions i ON i.id = s.institution_id"
            + " WHERE s.institution_id = :inst AND s.date BETWEEN :from AND :to AND s.voided_at IS NULL AND s.aid_charged > 0"
            + " ORDER BY s.date, s.id")
        .bind("inst", institutionId).bind("from", from).bind("to", to).map((rs, c) -> session(rs)).list();
  }

  /** Non-voided sessions dated in [from, to] and logged at or after {@code since}. */
  long countLoggedSince(LocalDate from, LocalDate to, Instant since) {
    return h.createQuery("SELECT count(*) FROM sessions WHERE date BETWEEN :from AND :to AND created_at >= :since AND voided_at IS NULL")
        .bind("from", from).bind("to", to).bind("since", since).mapTo(Long.class).one();
  }

  int purgeKeys(Instant olderThan) {
    return h.createUpdate("DELETE FROM idempotency_keys WHERE created_at < :t").bind("t", olderThan).execute();
  }

  private static Session session(ResultSet rs) throws SQLException {
    OffsetDateTime voided = rs.getObject("voided_at", OffsetDateTime.class);
    return new Session(rs.getObject("id", UUID.class), rs.getObject("person_id", UUID.class), rs.getObject("institution_id", UUID.class),
        rs.getString("institution_name"), rs.getString("service_type"), rs.getObject("date", LocalDate.class),
        rs.getInt("duration_minutes"), rs.getString("therapist"), rs.getBigDecimal("fee"), rs.getBoolean("use_child_aid"),
        rs.getString("notes"), rs.getObject("plan_id", UUID.class), (Integer) rs.getObject("plan_revision"),
        rs.getObject("aid_account_id", UUID.class), rs.getBigDecimal("aid_charged"), rs.getBigDecimal("self_pay"),
        rs.getBigDecimal("aid_balance_after"), voided == null ? Session.ACTIVE : Session.VOIDED,
        rs.getObject("created_at", OffsetDateTime.class).toInstant(), voided == null ? null : voided.toInstant(),
        rs.getString("void_reason"), rs.getString("late_entry_reason"), rs.getString("setting"), rs.getBigDecimal("insurance_paid"));
  }
}
