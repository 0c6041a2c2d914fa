package cn.donghe.rehab.registry;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.ApiException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Which persons a caller may see (DESIGN section 2). Every feature asks this before touching a
 * person's records; out-of-scope answers 404 so existence never leaks.
 * <ul>
 *   <li>ADMIN: everyone, or the subtree of their regionCode.</li>
 *   <li>DOCTOR: persons with a contract active today with them.</li>
 *   <li>GUARDIAN: their own children.</li>
 *   <li>INSTITUTION: its reach (below).</li>
 * </ul>
 *
 * <p>INSTITUTION reach: a person is readable by an institution when any one of {@link #REACH} holds, each an
 * indexed EXISTS probe on (person, institution):
 * <ol>
 *   <li>a look-up by full number in the last 24 hours ({@code institution_reach_grants}, written by
 *       {@link #grantLookup} in the look-up's transaction);</li>
 *   <li>served in the last 2 years: a non-voided session, a fitting that was not cancelled (requested, assessed,
 *       delivered or followed up in the window) or a loan open or returned in the window;</li>
 *   <li>named in the person's ACTIVE plan ({@code plan_institutions} of its current revision);</li>
 *   <li>an accepted (or completed) referral to the institution ({@code referrals}, issue 19).</li>
 * </ol>
 * Writes that carry a personId (sessions, fittings, loans) need no reach, only an ACTIVE person:
 * {@link #requireWritable}.
 */
public final class PersonScope {
  /** How long a look-up by full number gives an institution reach to the person. */
  public static final java.time.Duration LOOKUP_REACH = java.time.Duration.ofHours(24);
  /** How far back serving a person keeps the reach. */
  public static final java.time.Period SERVED_WINDOW = java.time.Period.ofYears(2);

  /**
   * The sources of INSTITUTION reach, OR-ed; {@code %1$s} is the persons alias. Binds: {@code :scopeInst},
   * {@code :scopeNow} (instant), {@code :scopeToday}, {@code :scopeSince} (today minus {@link #SERVED_WINDOW}).
   * Source 4 is {@link #REFERRAL_REACH}; the aid-account rule takes the same condition ({@code AidDao.INSTITUTION_MAY_READ}).
   */
  /**
   * Reach source 4 (issue 19): the institution holds an ACCEPTED referral for the person, or one it completed (a
   * completed referral keeps the reach although the session that completed it might later be voided).
   */
  static final String REFERRAL_REACH = "EXISTS (SELECT 1 FROM referrals rr WHERE rr.person_id = %1$s.id"
      + " AND rr.to_institution_id = :scopeInst AND rr.status IN ('ACCEPTED', 'COMPLETED'))";

  static final List<String> REACH = List.of(
      // 1. look-up by full number, 24 hours (primary key probe)
      "EXISTS (SELECT 1 FROM institution_reach_grants rg WHERE rg.institution_id = :scopeInst AND rg.person_id = %1$s.id"
          + " AND rg.expires_at > :scopeNow)",
      // 2. served in the last 2 years (sessions_reach_idx, fittings_reach_idx, loans_reach_idx)
      "EXISTS (SELECT 1 FROM sessions rs WHERE rs.person_id = %1$s.id AND rs.institution_id = :scopeInst AND rs.voided_at IS NULL"
          + " AND rs.date >= :scopeSince)",
      "EXISTS (SELECT 1 FROM fittings rf WHERE rf.person_id = %1$s.id AND rf.institution_id = :scopeInst AND rf.status <> 'CANCELLED'"
          + " AND GREATEST(rf.requested_on, rf.assessed_on, rf.delivered_on, rf.follow_up_on) >= :scopeSince)",
      "EXISTS (SELECT 1 FROM loans rl WHERE rl.person_id = %1$s.id AND rl.institution_id = :scopeInst"
          + " AND COALESCE(rl.returned_on, :scopeToday) >= :scopeSince)",
      // 3. named in the person's active plan (plans_one_active_per_person, then the plan_institutions primary key)
      "EXISTS (SELECT 1 FROM plans rp JOIN plan_institutions rpi ON rpi.plan_id = rp.id AND rpi.institution_id = :scopeInst"
          + " WHERE rp.person_id = %1$s.id AND rp.status = 'ACTIVE')",
      // 4. an accepted (or completed) referral to the institution (referrals_reach_idx)
      REFERRAL_REACH
  );

  private final Clock clock;

  public PersonScope(Clock clock) { this.clock = clock; }

  public LocalDate today() { return LocalDate.now(clock); }

  /** A SQL condition on alias {@code p} (persons) plus its bindings. */
  public record Filter(String sql, Map<String, Object> binds) {
    public <S extends SqlStatement<S>> S bindTo(S stmt) {
      binds.forEach(stmt::bind);
      return stmt;
    }
  }

  public Filter filter(AppUser u, String alias) {
    Map<String, Object> b = new LinkedHashMap<>();
    String sql;
    switch (u.role()) {
      case ADMIN -> {
        sql = alias + ".region_code LIKE :scopePrefix";
        b.put("scopePrefix", u.regionPrefix() + "%");
      }
      case DOCTOR -> {
        sql = "EXISTS (SELECT 1 FROM contracts sc WHERE sc.person_id = " + alias + ".id AND sc.doctor_id = :scopeDoctor AND sc.active_range @> CAST(:scopeToday AS date))";
        b.put("scopeDoctor", u.doctorId());
        b.put("scopeToday", today());
      }
      case GUARDIAN -> {
        sql = "EXISTS (SELECT 1 FROM guardian_children gc WHERE gc.person_id = " + alias + ".id AND gc.user_id = :scopeUser)";
        b.put("scopeUser", u.id());
      }
      case INSTITUTION -> {
        if (u.institutionId() == null) {
          sql = "FALSE";
        } else {
          sql = "(" + String.join(" OR ", REACH.stream().map(r -> String.format(r, alias)).toList()) + ")";
          LocalDate today = today();
          b.put("scopeInst", u.institutionId());
          b.put("scopeNow", java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
          b.put("scopeToday", today);
          b.put("scopeSince", today.minus(SERVED_WINDOW));
        }
      }
      default -> sql = "FALSE";
    }
    return new Filter(sql, b);
  }

  public boolean canRead(Handle h, AppUser u, UUID personId) {
    Filter f = filter(u, "p");
    return f.bindTo(h.createQuery("SELECT EXISTS (SELECT 1 FROM persons p WHERE p.id = :pid AND " + f.sql() + ")"))
        .bind("pid", personId).mapTo(Boolean.class).one();
  }

  /**
   * Writes that carry a personId (sessions, fittings, loans): an INSTITUTION may write for any ACTIVE person
   * (the id is learned only through a look-up, a plan or a referral, and writing is what makes the person
   * "served"); a person out of its reach who is not ACTIVE answers exactly like an unknown id, so the status of
   * someone it may not read does not leak. Everyone else needs to read the person. False = treat as unknown.
   */
  public boolean canWrite(Handle h, AppUser u, UUID personId) {
    if (personId == null) return false;
    if (u.is(cn.donghe.rehab.auth.Role.INSTITUTION)) {
      return h.createQuery("SELECT status FROM persons WHERE id = :p").bind("p", personId).mapTo(String.class).findOne()
          .map(status -> "ACTIVE".equals(status) || canRead(h, u, personId)).orElse(false);
    }
    return canRead(h, u, personId);
  }

  /** 404 unless {@link #canWrite}. */
  public void requireWritable(Handle h, AppUser u, UUID personId) {
    if (!canWrite(h, u, personId)) throw ApiException.notFound("人员 person");
  }

  /**
   * Records that an institution found the person by full number: reach for {@link #LOOKUP_REACH} from now
   * (a later look-up moves the end forward). Runs in the look-up's transaction.
   */
  public void grantLookup(Handle h, AppUser u, UUID personId) {
    if (!u.is(cn.donghe.rehab.auth.Role.INSTITUTION) || u.institutionId() == null) return;
    java.time.OffsetDateTime now = java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    h.createUpdate("""
            INSERT INTO institution_reach_grants (institution_id, person_id, granted_at, expires_at, granted_by)
            VALUES (:i, :p, :now, :until, :by)
            ON CONFLICT (institution_id, person_id) DO UPDATE SET granted_at = EXCLUDED.granted_at,
              expires_at = GREATEST(institution_reach_grants.expires_at, EXCLUDED.expires_at), granted_by = EXCLUDED.granted_by""")
        .bind("i", u.institutionId()).bind("p", personId).bind("now", now).bind("until", now.plus(LOOKUP_REACH)).bind("by", u.id())
        .execute();
  }

  /** Deletes look-up grants that expired before the given instant (a scheduled purge may call it). */
  public static int purgeExpiredGrants(Handle h, java.time.Instant before) {
    return h.createUpdate("DELETE FROM institution_reach_grants WHERE expires_at < :t")
        .bind("t", java.time.OffsetDateTime.ofInstant(before, java.time.ZoneOffset.UTC)).execute();
  }

  /** 404 unless the caller may read this person. */
  public void requireReadable(Handle h, AppUser u, UUID personId) {
    if (personId == null || !canRead(h, u, personId)) throw ApiException.notFound("人员 person");
  }

  /** True when the doctor has a contract with the person active today. */
  public boolean isContractedDoctor(Handle h, AppUser u, UUID personId) {
    return u.doctorId() != null && h.createQuery(
            "SELECT count(*) FROM contracts WHERE person_id = :p AND doctor_id = :d AND active_range @> CAST(:t AS date)")
        .bind("p", personId).bind("d", u.doctorId()).bind("t", today()).mapTo(Integer.class).one() > 0;
  }
}
