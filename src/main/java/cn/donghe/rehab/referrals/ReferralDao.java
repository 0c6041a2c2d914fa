package cn.donghe.rehab.referrals;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Rows of referrals (owned by this feature). */
final class ReferralDao {
  private static final String SELECT = """
      SELECT r.*, p.name AS person_name, p.region_code AS person_region, d.name AS doctor_name, i.name AS institution_name
        FROM referrals r JOIN persons p ON p.id = r.person_id JOIN institutions i ON i.id = r.to_institution_id
        LEFT JOIN doctors d ON d.id = r.from_doctor_id""";
  private final Handle h;
  private final LocalDate today;

  ReferralDao(Handle h, LocalDate today) {
    this.h = h;
    this.today = today;
  }

  /** A referral and the region of its person (for a regional ADMIN's scope). */
  record Row(Referral referral, String personRegion) {}

  void insert(Referral r, UUID createdBy, Instant now) {
    h.createUpdate("""
        INSERT INTO referrals (id, person_id, from_doctor_id, to_institution_id, service_type, reason, plan_id, status,
          referred_on, created_by, created_at, updated_at)
        VALUES (:id, :person, :doctor, :inst, :type, :reason, :plan, 'PENDING', :on, :by, :now, :now)""")
        .bind("id", r.id()).bind("person", r.personId()).bind("doctor", r.fromDoctorId()).bind("inst", r.toInstitutionId())
        .bind("type", r.serviceType()).bind("reason", r.reason()).bind("plan", r.planId()).bind("on", r.referredOn())
        .bind("by", createdBy).bind("now", now).execute();
  }

  Optional<Row> find(UUID id, boolean forUpdate) {
    return h.createQuery(SELECT + " WHERE r.id = :id" + (forUpdate ? " FOR UPDATE OF r" : ""))
        .bind("id", id).map((rs, c) -> row(rs)).findOne();
  }

  /** Every referral of a person, newest first (the caller filters what it may read). */
  List<Row> ofPerson(UUID personId) {
    return h.createQuery(SELECT + " WHERE r.person_id = :p ORDER BY r.referred_on DESC, r.created_at DESC")
        .bind("p", personId).map((rs, c) -> row(rs)).list();
  }

  /** PENDING -> ACCEPTED; false when it was no longer PENDING. */
  boolean accept(UUID id, LocalDate on, LocalDate appointmentOn, Instant now) {
    return h.createUpdate("UPDATE referrals SET status = 'ACCEPTED', accepted_on = :on, appointment_on = :appt, updated_at = :now"
            + " WHERE id = :id AND status = 'PENDING'")
        .bind("id", id).bind("on", on).bind("appt", appointmentOn).bind("now", now).execute() == 1;
  }

  boolean decline(UUID id, String reason, Instant now) {
    return h.createUpdate("UPDATE referrals SET status = 'DECLINED', declined_reason = :reason, updated_at = :now"
            + " WHERE id = :id AND status = 'PENDING'")
        .bind("id", id).bind("reason", reason).bind("now", now).execute() == 1;
  }

  boolean cancel(UUID id, Instant now) {
    return h.createUpdate("UPDATE referrals SET status = 'CANCELLED', updated_at = :now WHERE id = :id AND status = 'PENDING'")
        .bind("id", id).bind("now", now).execute() == 1;
  }

  /**
   * Completes the oldest ACCEPTED referral of this person to this institution for this service type, accepted on or
   * before the session's date, with the session; its id, or empty when none matched. The row is locked first so a
   * concurrent session completes another referral or none.
   */
  Optional<UUID> completeWith(UUID personId, UUID institutionId, String serviceType, LocalDate date, UUID sessionId, Instant now) {
    return h.createQuery("""
        UPDATE referrals SET status = 'COMPLETED', completed_on = :date, completed_by_session = :session, updated_at = :now
         WHERE id = (SELECT id FROM referrals WHERE person_id = :person AND to_institution_id = :inst AND service_type = :type
                        AND status = 'ACCEPTED' AND accepted_on <= :date
                      ORDER BY accepted_on, id LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id""")
        .bind("person", personId).bind("inst", institutionId).bind("type", serviceType).bind("date", date)
        .bind("session", sessionId).bind("now", now).mapTo(UUID.class).findOne();
  }

  /** True when an open (PENDING or ACCEPTED) referral of this person to this institution for this service exists. */
  boolean openExists(UUID personId, UUID institutionId, String serviceType) {
    return h.createQuery("SELECT EXISTS (SELECT 1 FROM referrals WHERE person_id = :p AND to_institution_id = :i"
            + " AND service_type = :t AND status IN ('PENDING', 'ACCEPTED'))")
        .bind("p", personId).bind("i", institutionId).bind("t", serviceType).mapTo(Boolean.class).one();
  }

  /** A page ordered by id; {@code where} is a condition over r (referrals) and p (persons). */
  List<Referral> list(String where, Map<String, Object> binds, String status, UUID after, int fetch) {
    var q = h.createQuery(SELECT + " WHERE r.id > :after AND " + where
            + " AND (CAST(:status AS text) IS NULL OR r.status = :status) ORDER BY r.id LIMIT :fetch")
        .bind("after", after).bind("status", status).bind("fetch", fetch);
    binds.forEach(q::bind);
    return q.map((rs, c) -> row(rs).referral()).list();
  }

  /** Referrals made in a year by town (first 9 digits of the person's region code): the take-up counts. */
  List<TakeUp.Row> takeUp(int year, String regionPrefix) {
    return h.createQuery("""
        SELECT substr(p.region_code, 1, 9) || '000' AS town, count(*) AS referred,
               count(*) FILTER (WHERE r.accepted_on IS NOT NULL) AS accepted,
               count(*) FILTER (WHERE r.status = 'COMPLETED') AS completed,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY r.accepted_on - r.referred_on)
                 FILTER (WHERE r.accepted_on IS NOT NULL) AS median_days
          FROM referrals r JOIN persons p ON p.id = r.person_id
         WHERE r.referred_on >= make_date(:year, 1, 1) AND r.referred_on < make_date(:year + 1, 1, 1)
           AND p.region_code LIKE :prefix
         GROUP BY 1 ORDER BY 1""")
        .bind("year", year).bind("prefix", regionPrefix + "%")
        .map((rs, c) -> new TakeUp.Row(rs.getString("town"), rs.getLong("referred"), rs.getLong("accepted"), rs.getLong("completed"),
            (Double) rs.getObject("median_days")))
        .list();
  }

  private Row row(ResultSet rs) throws SQLException {
    String status = rs.getString("status");
    LocalDate referredOn = rs.getObject("referred_on", LocalDate.class);
    Referral r = new Referral(rs.getObject("id", UUID.class), rs.getObject("person_id", UUID.class), rs.getString("person_name"),
        rs.getObject("from_doctor_id", UUID.class), rs.getString("doctor_name"), rs.getObject("to_institution_id", UUID.class),
        rs.getString("institution_name"), rs.getString("service_type"), rs.getString("reason"), rs.getObject("plan_id", UUID.class),
        status, referredOn, rs.getObject("accepted_on", LocalDate.class), rs.getObject("appointment_on", LocalDate.class),
        rs.getString("declined_reason"), rs.getObject("completed_on", LocalDate.class),
        rs.getObject("completed_by_session", UUID.class), ReferralRules.overdue(status, referredOn, today),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
    return new Row(r, rs.getString("person_region"));
  }
}
