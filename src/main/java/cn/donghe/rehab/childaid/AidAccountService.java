package cn.donghe.rehab.childaid;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.common.Text;
import cn.donghe.rehab.registry.Person;
import cn.donghe.rehab.registry.PersonScope;
import cn.donghe.rehab.registry.PersonService;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Child rehab aid accounts: enrolment, reading (scoped), and the money movements sessions cause. */
public final class AidAccountService {
  /** PIPL art. 31: a child under this age needs a guardian's consent. */
  static final int CONSENT_AGE = 14;
  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final ObjectMapper mapper;
  private final AidStandardService standards;
  private final PersonService persons;
  private final PersonScope scope;
  private final FeeScheduleService fees;

  public AidAccountService(Jdbi jdbi, AuditLog audit, Clock clock, ObjectMapper mapper, AidStandardService standards,
                           PersonService persons, PersonScope scope, FeeScheduleService fees) {
    this.fees = fees;
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.mapper = mapper;
    this.standards = standards;
    this.persons = persons;
    this.scope = scope;
  }

  public record EnrolInput(@Schema(requiredMode = REQUIRED) UUID personId, @Schema(requiredMode = REQUIRED) Integer year,
                           @Schema(requiredMode = REQUIRED) String category, AidAccount.Consent guardianConsent) {}

  /** What a session's charge did: the account, what aid paid, the balance before and after. */
  public record Charge(UUID accountId, BigDecimal charged, BigDecimal balanceAfter, BigDecimal balanceBefore) {}

  public AidAccount enrol(AppUser admin, EnrolInput in) {
    LocalDate today = LocalDate.now(clock);
    Checks c = new Checks();
    c.required(in.personId(), "personId").required(in.year(), "year").required(in.category(), "category");
    c.require(in.year() == null || (in.year() >= 2000 && in.year() <= 2100), "year", "年份须在 2000 到 2100 之间 / year must be 2000..2100");
    AidCategory category = AidCategory.parse(in.category());
    c.require(in.category() == null || category != null, "category",
        "救助类别须为 PHYSICAL、INTELLECTUAL、AUTISM、HEARING 或 LOW_VISION / unknown aid category");
    c.throwIfAny();
    return jdbi.inTransaction(h -> {
      Person child = persons.find(h, in.personId()).filter(p -> scope.canRead(h, admin, p.id()))
          .orElseThrow(() -> ApiException.invalid("personId", "人员不存在 / unknown person"));
      checkConsent(in.guardianConsent(), child, today);
      AidStandard standard = standards.lockForEnrolment(h, in.year()).orElse(null);
      AidDao dao = new AidDao(h, mapper);
      var decision = ChildAidEligibility.check(new ChildAidEligibility.Applicant(child, in.year(), category, standard,
          dao.enrolled(child.id(), in.year())));
      if (decision instanceof ChildAidEligibility.Rejection r) throw r.toException();
      BigDecimal budget = standard.amount(category);
      Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
      AidAccount.Consent consent = in.guardianConsent() == null ? null : new AidAccount.Consent(
          Text.clean(in.guardianConsent().name()), Text.clean(in.guardianConsent().relation()), in.guardianConsent().signedOn());
      AidAccount a = new AidAccount(Ids.newId(), child.id(), in.year(), category.name(), budget, BigDecimal.ZERO.setScale(2), budget,
          consent, now, List.of());
      try {
        h.savepoint("enrol");
        dao.insertAccount(a, now);
      } catch (UnableToExecuteStatementException e) {
        if (!isUniqueViolation(e)) throw e;
        h.rollbackToSavepoint("enrol");
        throw new ChildAidEligibility.Rejection(409, "aid-already-enrolled", "personId",
            "该儿童本年度已纳入救助 / the child is already enrolled for " + in.year()).toException();
      }
      audit.record(h, admin, "CREATE", "aid_account", a.id(), null, a);
      return withEntries(dao, a);
    });
  }

  private static void checkConsent(AidAccount.Consent consent, Person child, LocalDate today) {
    boolean under14 = Period.between(child.birthDate(), today).getYears() < CONSENT_AGE;
    Checks c = new Checks();
    if (consent == null) {
      c.require(!under14, "guardianConsent", "未满 14 周岁的儿童须有监护人同意（个人信息保护法第三十一条） / guardian consent required under 14 (PIPL art. 31)");
    } else {
      c.required(consent.name(), "guardianConsent.name");
      Text.check(c, consent.name(), 100, "guardianConsent.name");
      c.required(consent.relation(), "guardianConsent.relation");
      Text.check(c, consent.relation(), 30, "guardianConsent.relation");
      c.required(consent.signedOn(), "guardianConsent.signedOn");
      c.require(consent.signedOn() == null || !consent.signedOn().isAfter(today), "guardianConsent.signedOn",
          "签署日期不能晚于今天 / cannot be in the future");
      c.require(consent.signedOn() == null || !consent.signedOn().isBefore(child.birthDate()), "guardianConsent.signedOn",
          "签署日期不能早于儿童出生日期 / cannot be before the child's birth");
    }
    c.throwIfAny();
  }

  static boolean isUniqueViolation(Throwable e) {
    return cn.donghe.rehab.common.SqlStates.is(e, cn.donghe.rehab.common.SqlStates.UNIQUE, null);
  }

  public AidAccount get(AppUser user, UUID id) {
    return jdbi.inTransaction(h -> {
      AidDao dao = new AidDao(h, mapper);
      AidAccount a = dao.account(id).orElseThrow(() -> ApiException.notFound("救助账户 aid account"));
      if (user.is(Role.INSTITUTION)) {
        if (!dao.institutionMayRead(user.institutionId(), a.id())) throw ApiException.notFound("救助账户 aid account");
      } else if (!scope.canRead(h, user, a.personId())) {
        throw ApiException.notFound("救助账户 aid account");
      }
      return withEntries(dao, a);
    });
  }

  public Page<AidAccount> list(AppUser user, UUID personId, Integer year, PageRequest page) {
    if (user.is(Role.INSTITUTION) && personId == null) {
      throw ApiException.badRequest("personId", "机构用户须指定 personId / personId is required for INSTITUTION users");
    }
    return jdbi.inTransaction(h -> {
      AidDao dao = new AidDao(h, mapper);
      List<AidAccount> rows;
      if (personId != null) {
        scope.requireReadable(h, user, personId);
        if (user.is(Role.INSTITUTION)) {
          // within its reach, an institution lists only the accounts it may read (years it served, or named in the plan)
          rows = dao.accounts(AidDao.INSTITUTION_MAY_READ, Map.of("readerInst", user.institutionId()), personId, year, page.after(), page.fetch());
        } else {
          rows = dao.accounts("TRUE", Map.of(), personId, year, page.after(), page.fetch());
        }
      } else {
        PersonScope.Filter f = scope.filter(user, "p");
        rows = dao.accounts(f.sql(), f.binds(), null, year, page.after(), page.fetch());
      }
      Page<AidAccount> p = Page.of(rows, page.limit(), AidAccount::id);
      Map<UUID, List<AidAccount.Entry>> entries = dao.entries(p.items().stream().map(AidAccount::id).toList());
      return p.map(a -> a.withEntries(List.copyOf(entries.get(a.id()))));
    });
  }

  // Who reads an account: ADMIN (region), DOCTOR (contracted) and GUARDIAN (own children) what PersonScope lets them
  // read; INSTITUTION staff only AidDao.INSTITUTION_MAY_READ (a non-voided session of theirs for the child in the
  // account's year, or named in the child's active plan), whatever their designation. Anyone else: 404.

  private static AidAccount withEntries(AidDao dao, AidAccount a) {
    return a.withEntries(List.copyOf(dao.entries(List.of(a.id())).get(a.id())));
  }

  // ---- used by the sessions feature inside its own transaction ----

  /** Charges min(fee, balance) to the person's account of the year; empty when there is no account. */
  public Optional<Charge> charge(Handle h, UUID personId, int year, BigDecimal fee, UUID sessionId, Instant now) {
    Optional<Charge> c = new AidDao(h, mapper).charge(personId, year, fee, sessionId, now);
    c.ifPresent(x -> {
      if (x.balanceBefore().subtract(x.charged()).compareTo(x.balanceAfter()) != 0) {
        throw new IllegalStateException("aid charge inconsistent for account " + x.accountId());
      }
    });
    return c;
  }

  /**
   * Charges a session dated {@code date} (DESIGN sections 6 and 11): insurance pays first, aid pays
   * {@code min(fee - insurancePaid, maxFee, balance)} ({@link AidSplit}). 422 naming serviceType when the fee schedule in
   * force that day does not list the type; empty when the child holds no account for the year.
   */
  public Optional<Charge> chargeSession(Handle h, UUID personId, LocalDate date, String serviceType, BigDecimal fee,
                                        BigDecimal insurancePaid, UUID sessionId, Instant now) {
    BigDecimal cap = fees.requireMaxFee(h, date, serviceType);
    return charge(h, personId, date.getYear(), AidSplit.claim(fee, insurancePaid, cap), sessionId, now);
  }

  /**
   * A rejected settlement line (DESIGN section 11): the session's charge goes back to the child's account with a
   * SETTLEMENT_REFUND entry, then the account settles to its standard like after a void. Empty when nothing was charged
   * or it was already given back.
   */
  public Optional<BigDecimal> refundRejected(Handle h, UUID sessionId, Instant now) {
    return giveBack(h, sessionId, "SETTLEMENT_REFUND", now);
  }

  /**
   * Reverses a session's charge (REVERSAL entry), then settles the account to its standard: after a cut below what
   * was spent, the refund must not lift the budget above the current standard (an ADJUSTMENT entry takes the
   * excess back). Takes the year's standard FOR SHARE before the account row (the same order as a change of the
   * standard, so the two cannot deadlock). Empty when the session charged nothing.
   */
  public Optional<BigDecimal> reverse(Handle h, UUID sessionId, Instant now) {
    return giveBack(h, sessionId, "REVERSAL", now);
  }

  private Optional<BigDecimal> giveBack(Handle h, UUID sessionId, String kind, Instant now) {
    AidDao dao = new AidDao(h, mapper);
    Optional<AidAccount> charged = dao.chargedAccount(sessionId);
    if (charged.isEmpty()) return Optional.empty();
    AidAccount a = charged.get();
    dao.shareStandard(a.year());
    Optional<BigDecimal> refunded = dao.reverse(sessionId, kind, now);
    if (refunded.isPresent()) dao.settle(a.year(), a.category(), a.id(), now);
    return refunded;
  }
}
