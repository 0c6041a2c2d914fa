package cn.donghe.rehab.sessions;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.childaid.AidAccountService;
import cn.donghe.rehab.childaid.AidSplit;
import cn.donghe.rehab.common.Money;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.PeriodGuard;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.common.Text;
import cn.donghe.rehab.plans.PlanService;
import cn.donghe.rehab.registry.PersonScope;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Logging and voiding rehab sessions. One session = one transaction: claim the Idempotency-Key, read
 * the person and institution, charge the child's aid account (with its ledger entry), insert the
 * session, write the audit row.
 */
public final class SessionService {
  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final ObjectMapper mapper;
  private final PersonScope scope;
  private final AidAccountService aid;
  private final SessionConfig limits;
  private final PeriodGuard periods;
  private final PlanService plans;
  private final List<SessionHook> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();

  public SessionService(Jdbi jdbi, AuditLog audit, Clock clock, ObjectMapper mapper, PersonScope scope, AidAccountService aid,
                        PlanService plans, SessionConfig limits, PeriodGuard periods) {
    this.plans = plans;
    this.limits = limits;
    this.periods = periods;
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.mapper = mapper;
    this.scope = scope;
    this.aid = aid;
  }

  /**
   * Adds a hook that runs in the transaction of every newly logged session (not of replays), after its audit row:
   * the referrals feature completes an accepted referral with it. Called while wiring, before serving.
   */
  public void onLogged(SessionHook hook) { hooks.add(hook); }

  /**
   * A check that runs in the transaction of a void, before anything changes, and may refuse it (ApiException): the
   * settlement feature refuses voiding a session that a statement holds. Called while wiring, before serving.
   */
  @FunctionalInterface
  public interface VoidCheck {
    void check(Handle h, Session session);
  }

  private final List<VoidCheck> voidChecks = new java.util.concurrent.CopyOnWriteArrayList<>();

  public void onVoid(VoidCheck check) { voidChecks.add(check); }

  /**
   * For the settlement feature, in its transaction: the institution's non-voided sessions dated in {@code month} that
   * charged child aid, by date.
   */
  public List<Session> aidChargedIn(Handle h, UUID institutionId, java.time.YearMonth month) {
    return new SessionDao(h).aidCharged(institutionId, month.atDay(1), month.atEndOfMonth());
  }

  /** A logged session and whether it is a replay of an earlier request with the same key. */
  public record Created(Session session, boolean replayed) {}

  /**
   * Logs a session. An INSTITUTION logs for its own institution, dated at most LATE_ENTRY_DAYS back; an ADMIN records
   * one for an institution of their region ({@code institutionId}), older ones with a {@code lateEntryReason}
   * (stored on the session and in its audit row).
   */
  public Created create(AppUser staff, String key, SessionInput in) {
    SessionRules.checkKey(key);
    LocalDate today = LocalDate.now(clock);
    boolean admin = staff.is(Role.ADMIN);
    boolean doctor = staff.is(Role.DOCTOR);
    Checks checks = SessionRules.validate(in, today, limits.getMaxFee(), limits.getLateEntryDays(), admin);
    UUID clinicId = doctor ? doctorsClinic(staff) : null;
    if (admin) {
      checks.required(in.institutionId(), "institutionId");
    } else if (doctor) {
      SessionRules.doctor(checks, in, clinicId);
    } else {
      checks.require(in.institutionId() == null || in.institutionId().equals(staff.institutionId()), "institutionId",
          "只能为本机构登记 / you log sessions for your own institution only");
    }
    checks.throwIfAny();
    UUID institutionId = admin ? in.institutionId() : doctor ? clinicId : staff.institutionId();
    String setting = in.setting() == null ? "INSTITUTION" : in.setting();
    String lateReason = admin ? blankToNull(Text.clean(in.lateEntryReason())) : null;
    byte[] hash = fingerprint(in);
    UUID id = Ids.newId();
    return jdbi.inTransaction(h -> {
      SessionDao dao = new SessionDao(h);
      Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
      if (admin) requireAdminReach(h, staff, institutionId, in.personId());
      // a doctor logs only for persons contracted to them today; anyone else answers like an unknown id
      if (doctor && !scope.isContractedDoctor(h, staff, in.personId())) throw ApiException.notFound("人员 person");
      if (!dao.claimKey(institutionId, key, hash, id, now)) return replay(dao, institutionId, key, hash);
      periods.requireOpen(h, in.date(), "date");
      SessionDao.Facts f = dao.facts(in.personId(), institutionId);
      // any ACTIVE person may be served; one out of reach who is not ACTIVE answers like an unknown id (no status leak)
      if (f.personFound() && !"ACTIVE".equals(f.status()) && !scope.canRead(h, staff, in.personId())) f = f.asUnknownPerson();
      checkFacts(in, f, doctor);
      checkPlan(h, in);
      AidAccountService.Charge charge = null;
      if (in.useChildAid()) {
        charge = aid.chargeSession(h, in.personId(), in.date(), in.serviceType(), in.fee(), in.insurance(), id, now).orElseThrow(() -> ApiException.conflict("no-aid-account",
            "该儿童没有 " + in.date().getYear() + " 年度的康复救助账户 / the child holds no aid account for " + in.date().getYear()).with("field", "personId"));
      }
      BigDecimal charged = charge == null ? BigDecimal.ZERO.setScale(2) : charge.charged().setScale(2);
      Session s = new Session(id, in.personId(), institutionId, f.institutionName(), in.serviceType(), in.date(),
          in.durationMinutes(), Text.clean(in.therapist()), in.fee(), in.useChildAid(), blankToNull(Text.clean(in.notes())), in.planId(),
          in.planRevision(), charge == null ? null : charge.accountId(), charged, AidSplit.selfPay(in.fee(), in.insurance(), charged),
          charge == null ? null : charge.balanceAfter().setScale(2), Session.ACTIVE, now, null, null, lateReason, setting,
          Money.scale(in.insurance()));
      dao.insert(s, staff.id());
      audit.record(h, staff, "CREATE", "session", id, null, s);
      for (SessionHook hook : hooks) hook.logged(h, staff, s);
      return new Created(s, false);
    });
  }

  /** An ADMIN records only for an institution of their region and a person in their scope (422 otherwise, never leaking existence). */
  private void requireAdminReach(Handle h, AppUser admin, UUID institutionId, UUID personId) {
    boolean institutionOk = cn.donghe.rehab.registry.InstitutionService.find(h, institutionId)
        .map(i -> i.regionCode() != null && i.regionCode().startsWith(admin.regionPrefix())).orElse(false);
    if (!institutionOk) throw ApiException.invalid("institutionId", "机构不存在 / unknown institution");
    if (personId != null && !scope.canRead(h, admin, personId)) throw ApiException.invalid("personId", "人员不存在 / unknown person");
  }

  private static Created replay(SessionDao dao, UUID institutionId, String key, byte[] hash) {
    SessionDao.Claimed c = dao.claimed(institutionId, key);
    if (!c.sameRequest(hash)) {
      throw new ApiException(422, "idempotency-key-reused", "幂等键已用于其他请求 Idempotency-Key reused",
          "此 Idempotency-Key 已用于内容不同的请求 / this Idempotency-Key was already used with a different request body",
          List.of(new cn.donghe.rehab.common.FieldError("Idempotency-Key",
              "已用于内容不同的请求 / already used with a different body")));
    }
    return new Created(dao.find(c.sessionId(), false).orElseThrow().asCreated(), true);
  }

  /** The clinic a doctor works at (their sessions belong to it); 403 for a DOCTOR login without a doctor record. */
  private UUID doctorsClinic(AppUser doctor) {
    if (doctor.doctorId() == null) throw ApiException.forbidden("该账号未关联医生 / this login is not linked to a doctor");
    return jdbi.withHandle(h -> new SessionDao(h).doctorsClinic(doctor.doctorId()))
        .orElseThrow(() -> ApiException.forbidden("该账号未关联医生 / this login is not linked to a doctor"));
  }

  private static void checkFacts(SessionInput in, SessionDao.Facts f, boolean doctor) {
    if (!f.personFound()) throw ApiException.invalid("personId", "人员不存在 / unknown person");
    Checks c = new Checks();
    c.require(!in.date().isBefore(f.birthDate()), "date", "服务日期不能早于出生日期 / date cannot be before the person's birth");
    c.require("ACTIVE".equals(f.status()) || f.statusDate() == null || in.date().isBefore(f.statusDate()), "date",
        "该人员在此日期已不在册（" + f.status() + "） / the person was no longer active on that date");
    c.throwIfAny();
    // a family doctor's clinic offers PRIMARY_CARE: home visits, nursing, education and support (DESIGN section 12)
    if (!doctor && !f.services().contains("REHAB")) {
      throw ApiException.conflict("institution-not-rehab", "本机构未提供康复服务，不能登记康复记录 / your institution does not offer REHAB services");
    }
    if (in.useChildAid() && !f.childAidDesignated()) {
      throw ApiException.conflict("institution-not-child-aid-designated",
          "本机构不是残疾儿童康复救助定点机构 / your institution is not designated for child rehab aid").with("field", "useChildAid");
    }
  }

  /** planId (and planRevision) must name a plan of this person (asked of the plans feature, in this transaction). */
  private void checkPlan(Handle h, SessionInput in) {
    if (in.planId() == null) return;
    if (!plans.isPlanOf(h, in.planId(), in.personId())) throw ApiException.invalid("planId", "该人员没有此康复方案 / no such plan for this person");
    if (in.planRevision() != null && plans.findRevision(h, in.planId(), in.planRevision()).isEmpty()) {
      throw ApiException.invalid("planRevision", "方案没有此版本 / no such revision of the plan");
    }
  }


  public Session voidSession(AppUser user, UUID id, String reason) {
    Checks c = new Checks();
    c.required(reason, "reason");
    Text.check(c, reason, 500, "reason");
    c.throwIfAny();
    return jdbi.inTransaction(h -> {
      SessionDao dao = new SessionDao(h);
      Session before = dao.find(id, true).filter(s -> mayRead(h, user, s)).orElseThrow(() -> ApiException.notFound("康复记录 session"));
      if (user.is(Role.INSTITUTION) && !before.institutionId().equals(user.institutionId())) throw ApiException.notFound("康复记录 session");
      if (before.voided()) return before;
      periods.requireOpen(h, before.date(), "date");
      for (VoidCheck check : voidChecks) check.check(h, before);
      Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
      if (before.aidCharged().signum() > 0) aid.reverse(h, id, now);
      String why = Text.clean(reason);
      dao.markVoided(id, now, user.id(), why);
      Session after = before.voidedAt(now, why);
      audit.record(h, user, "VOID", "session", id, before, after);
      return after;
    });
  }

  public Session get(AppUser user, UUID id) {
    return jdbi.inTransaction(h -> new SessionDao(h).find(id, false).filter(s -> mayRead(h, user, s))
        .orElseThrow(() -> ApiException.notFound("康复记录 session")));
  }

  /** INSTITUTION: only its own sessions; everyone else: sessions of persons in their scope. */
  private boolean mayRead(Handle h, AppUser user, Session s) {
    if (user.is(Role.INSTITUTION)) return s.institutionId().equals(user.institutionId());
    return scope.canRead(h, user, s.personId());
  }

  public Page<Session> list(AppUser user, UUID personId, LocalDate from, LocalDate to, PageRequest page) {
    if (from != null && to != null && from.isAfter(to)) throw ApiException.badRequest("from", "from 不能晚于 to / from must not be after to");
    return jdbi.inTransaction(h -> {
      String where;
      Map<String, Object> binds;
      if (user.is(Role.INSTITUTION)) {
        where = "s.institution_id = :scopeInst";
        binds = Map.of("scopeInst", user.institutionId());
      } else {
        if (personId != null) scope.requireReadable(h, user, personId);
        PersonScope.Filter f = scope.filter(user, "p");
        where = f.sql();
        binds = f.binds();
      }
      return Page.of(new SessionDao(h).list(where, binds, personId, from, to, page.after(), page.fetch()), page.limit(), Session::id);
    });
  }

  /**
   * District-wide: how many non-voided sessions dated in [from, to] were logged in the last {@code days} days (what a
   * month still receives before the federation closes it).
   */
  public long countRecentlyLogged(LocalDate from, LocalDate to, int days) {
    Instant since = clock.instant().minus(java.time.Duration.ofDays(days));
    return jdbi.withHandle(h -> new SessionDao(h).countLoggedSince(from, to, since));
  }

  /** Deletes Idempotency-Keys older than the retention (at least 24 hours are always kept). */
  public int purgeKeys(java.time.Duration retention) {
    return jdbi.withHandle(h -> new SessionDao(h).purgeKeys(clock.instant().minus(retention)));
  }

  /** A digest of the parsed body: the same request in any JSON spelling gives the same fingerprint. */
  private byte[] fingerprint(SessionInput in) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(mapper.writeValueAsBytes(in));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String blankToNull(String s) { return s == null || s.isEmpty() ? null : s; }
}
