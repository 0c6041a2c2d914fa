package cn.donghe.rehab.referrals;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.common.Text;
import cn.donghe.rehab.plans.PlanService;
import cn.donghe.rehab.plans.ReferralLinks;
import cn.donghe.rehab.registry.InstitutionService;
import cn.donghe.rehab.registry.PersonScope;
import cn.donghe.rehab.sessions.Session;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Referrals (DESIGN section 12). Each write is one transaction with its audit row; transitions are conditional
 * updates on the PENDING row, so of two concurrent accepts (or an accept and a cancel) exactly one wins, the other 409.
 */
public final class ReferralService {
  private static final String WHAT = "转介 referral";
  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final PersonScope scope;
  private final PlanService plans;

  public ReferralService(Jdbi jdbi, AuditLog audit, Clock clock, PersonScope scope, PlanService plans) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.scope = scope;
    this.plans = plans;
  }

  /** A DOCTOR refers a person contracted to them, an ADMIN a person of their region (404 otherwise). */
  public Referral create(AppUser user, ReferralInputs.Create in) {
    ReferralRules.validate(in);
    LocalDate today = LocalDate.now(clock);
    return jdbi.inTransaction(h -> {
      boolean allowed = user.is(Role.DOCTOR) ? scope.isContractedDoctor(h, user, in.personId()) : scope.canRead(h, user, in.personId());
      if (!allowed) throw ApiException.notFound("人员 person");
      ReferralRules.requireOffers(InstitutionService.find(h, in.toInstitutionId()).orElse(null), in.serviceType());
      if (in.planId() != null && plans.findRevision(h, in.planId(), 1).filter(p -> p.personId().equals(in.personId())).isEmpty()) {
        throw ApiException.invalid("planId", "该人员没有此康复方案 / no such plan for this person");
      }
      ReferralDao dao = new ReferralDao(h, today);
      if (dao.openExists(in.personId(), in.toInstitutionId(), in.serviceType())) {
        throw ApiException.conflict("referral-open", "该人员已有待处理或已接收的同类转介 / an open referral for this service to this institution exists");
      }
      UUID id = Ids.newId();
      Instant now = now();
      dao.insert(new Referral(id, in.personId(), null, user.is(Role.DOCTOR) ? user.doctorId() : null, null, in.toInstitutionId(), null,
          in.serviceType(), Text.clean(in.reason()), in.planId(), Referral.PENDING, today, null, null, null, null, null, false, now),
          user.id(), now);
      Referral created = dao.find(id, false).orElseThrow().referral();
      audit.record(h, user, "CREATE", "referral", id, null, created);
      return created;
    });
  }

  /** The receiving INSTITUTION accepts a PENDING referral (409 otherwise); appointmentOn not before today. */
  public Referral accept(AppUser user, UUID id, ReferralInputs.Accept in) {
    LocalDate today = LocalDate.now(clock);
    LocalDate appointment = in == null ? null : in.appointmentOn();
    if (appointment != null && (appointment.isBefore(today) || appointment.isAfter(today.plusYears(1)))) {
      throw ApiException.invalid("appointmentOn", "预约日期须在今天到一年之内 / appointmentOn must be between today and one year ahead");
    }
    return transition(user, id, "ACCEPT", new String[] {"接收", "accepted"}, true, (dao, now) -> dao.accept(id, today, appointment, now));
  }

  /** The receiving INSTITUTION declines a PENDING referral with a reason (409 otherwise). */
  public Referral decline(AppUser user, UUID id, ReferralInputs.Decline in) {
    String reason = in == null ? null : Text.clean(in.reason());
    Checks c = new Checks();
    c.required(reason == null || reason.isEmpty() ? null : reason, "reason");
    Text.check(c, reason, 1000, "reason");
    c.throwIfAny();
    return transition(user, id, "DECLINE", new String[] {"拒绝", "declined"}, true, (dao, now) -> dao.decline(id, reason, now));
  }

  /** The referring DOCTOR (or an ADMIN of the region) cancels a PENDING referral (409 otherwise). */
  public Referral cancel(AppUser user, UUID id) {
    return transition(user, id, "CANCEL", new String[] {"取消", "cancelled"}, false, (dao, now) -> dao.cancel(id, now));
  }

  private interface Move {
    boolean apply(ReferralDao dao, Instant now);
  }

  private Referral transition(AppUser user, UUID id, String action, String[] verb, boolean receiving, Move move) {
    LocalDate today = LocalDate.now(clock);
    return jdbi.inTransaction(h -> {
      ReferralDao dao = new ReferralDao(h, today);
      ReferralDao.Row row = dao.find(id, true).filter(r -> mayRead(user, r)).orElseThrow(() -> ApiException.notFound(WHAT));
      Referral before = row.referral();
      boolean mayAct = receiving ? user.is(Role.INSTITUTION) : !user.is(Role.INSTITUTION);
      if (!mayAct) throw ApiException.forbidden(receiving ? "只有接收机构可以处理转介 / only the receiving institution may do this"
          : "只有转介人可以取消 / only the referrer may cancel");
      ReferralRules.requirePending(before, verb[0], verb[1]);
      if (!move.apply(dao, now())) ReferralRules.requirePending(dao.find(id, false).orElseThrow().referral(), verb[0], verb[1]);
      Referral after = dao.find(id, false).orElseThrow().referral();
      audit.record(h, user, action, "referral", id, before, after);
      return after;
    });
  }

  /**
   * The session hook: the first non-voided session of the referral's service type by the receiving institution,
   * dated on or after acceptance, completes it, in the session's transaction (audited with the session's actor).
   */
  public void completeOnSession(Handle h, AppUser actor, Session s) {
    if (s.voided()) return;
    ReferralDao dao = new ReferralDao(h, LocalDate.now(clock));
    dao.completeWith(s.personId(), s.institutionId(), s.serviceType(), s.date(), s.id(), now()).ifPresent(rid -> {
      Referral after = dao.find(rid, false).orElseThrow().referral();
      audit.record(h, actor, "COMPLETE", "referral", rid, Map.of("status", Referral.ACCEPTED), after);
    });
  }

  public Referral get(AppUser user, UUID id) {
    LocalDate today = LocalDate.now(clock);
    return jdbi.inTransaction(h -> new ReferralDao(h, today).find(id, false).filter(r -> mayRead(user, r))
        .map(ReferralDao.Row::referral).orElseThrow(() -> ApiException.notFound(WHAT)));
  }

  /** The referrals of one person that the caller may read (see {@link #get}), newest first; empty for anyone else. */
  public List<Referral> ofPerson(AppUser user, UUID personId) {
    LocalDate today = LocalDate.now(clock);
    return jdbi.inTransaction(h -> new ReferralDao(h, today).ofPerson(personId).stream().filter(r -> mayRead(user, r))
        .map(ReferralDao.Row::referral).toList());
  }

  /** For plans (an intervention naming a referral): the referral's person, institution and service type. */
  public Optional<ReferralLinks.Target> target(Handle h, UUID id) {
    return new ReferralDao(h, LocalDate.now(clock)).find(id, false).map(ReferralDao.Row::referral)
        .map(r -> new ReferralLinks.Target(r.personId(), r.toInstitutionId(), r.serviceType()));
  }

  /** INSTITUTION: incoming; DOCTOR: their outgoing; ADMIN: of persons in their region. direction narrows it. */
  public Page<Referral> list(AppUser user, String status, String direction, PageRequest page) {
    if (status != null && !ReferralRules.STATUSES.contains(status)) {
      throw ApiException.badRequest("status", "status 须为 PENDING、ACCEPTED、DECLINED、CANCELLED 或 COMPLETED / unknown status");
    }
    if (direction != null && !direction.equals("in") && !direction.equals("out")) {
      throw ApiException.badRequest("direction", "direction 须为 in 或 out / direction must be in or out");
    }
    Map<String, Object> binds = new LinkedHashMap<>();
    String where = switch (user.role()) {
      case INSTITUTION -> {
        binds.put("me", user.institutionId());
        yield "out".equals(direction) ? "FALSE" : "r.to_institution_id = :me";
      }
      case DOCTOR -> {
        binds.put("me", user.doctorId());
        yield "in".equals(direction) ? "FALSE" : "r.from_doctor_id = :me";
      }
      case ADMIN -> {
        binds.put("prefix", user.regionPrefix() + "%");
        yield "p.region_code LIKE :prefix";
      }
      default -> "FALSE";
    };
    LocalDate today = LocalDate.now(clock);
    return jdbi.inTransaction(h -> Page.of(new ReferralDao(h, today).list(where, binds, status, page.after(), page.fetch()),
        page.limit(), Referral::id));
  }

  /** The federation's take-up by town for a year (ADMIN; a regional admin sees their towns). */
  public TakeUp takeUp(AppUser admin, int year) {
    return jdbi.inTransaction(h -> new TakeUp(year, admin.regionCode(),
        new ReferralDao(h, LocalDate.now(clock)).takeUp(year, admin.regionPrefix()).stream().map(TakeUp.Row::toTown).toList()));
  }

  /** The receiving institution, the referring doctor, an ADMIN of the person's region. */
  private static boolean mayRead(AppUser user, ReferralDao.Row row) {
    Referral r = row.referral();
    return switch (user.role()) {
      case INSTITUTION -> r.toInstitutionId().equals(user.institutionId());
      case DOCTOR -> r.fromDoctorId() != null && r.fromDoctorId().equals(user.doctorId());
      case ADMIN -> row.personRegion().startsWith(user.regionPrefix());
      default -> false;
    };
  }

  public int thisYear() { return LocalDate.now(clock).getYear(); }

  private Instant now() { return clock.instant().truncatedTo(ChronoUnit.MICROS); }
}
