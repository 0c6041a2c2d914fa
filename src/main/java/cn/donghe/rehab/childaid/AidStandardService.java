package cn.donghe.rehab.childaid;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.PeriodGuard;
import java.time.LocalDate;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Aid standards by year. Changing an amount moves every account of that year and category in the same transaction
 * to the budget the rule gives (DESIGN section 6): the current standard amount (plus the account's individual
 * adjustment), never less than what was already spent, with one ADJUSTMENT entry per account that moved. So a cut
 * below what was spent leaves balance 0, and a raise restores the budget to the standard, never above it
 * (5000 -> 3000 -> 5000 with 4000 spent ends at budget 5000, balance 1000).
 */
public final class AidStandardService {
  static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000.00");
  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final ObjectMapper mapper;
  private final PeriodGuard periods;

  public AidStandardService(Jdbi jdbi, AuditLog audit, Clock clock, ObjectMapper mapper) {
    this(jdbi, audit, clock, mapper, PeriodGuard.ALWAYS_OPEN);
  }

  public AidStandardService(Jdbi jdbi, AuditLog audit, Clock clock, ObjectMapper mapper, PeriodGuard periods) {
    this.periods = periods;
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.mapper = mapper;
  }

  public record StandardInput(@Schema(requiredMode = REQUIRED) Integer minAge, @Schema(requiredMode = REQUIRED) Integer maxAge,
                              @Schema(requiredMode = REQUIRED) Map<String, BigDecimal> amounts) {}

  /** The year's standard; years from 2022 without a stored row have the plan's standard. */
  public AidStandard get(int year) {
    return jdbi.withHandle(h -> new AidDao(h, mapper).standard(year, "")
        .or(() -> year >= AidStandard.FIRST_PLAN_YEAR ? Optional.of(AidStandard.planDefault(year)) : Optional.empty())
        .orElseThrow(() -> ApiException.notFound("救助标准 aid standard")));
  }

  /**
   * The year's standard, read under a share lock so that a concurrent PUT (which takes the row
   * exclusively) waits for the caller's transaction and then sees what it wrote. A missing year from
   * 2022 is materialised with the plan's standard. Empty for earlier years never defined.
   */
  public Optional<AidStandard> lockForEnrolment(Handle h, int year) {
    AidDao dao = new AidDao(h, mapper);
    Optional<AidStandard> s = dao.standard(year, "FOR SHARE");
    if (s.isPresent() || year < AidStandard.FIRST_PLAN_YEAR) return s;
    dao.insertIfAbsent(AidStandard.planDefault(year), clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    return dao.standard(year, "FOR SHARE");
  }

  public AidStandard put(AppUser admin, int year, StandardInput in) {
    if (!admin.isGlobalAdmin()) {
      throw ApiException.forbidden("救助标准全区统一，仅区级管理员可修改 / only a district-wide ADMIN may change aid standards");
    }
    Map<String, BigDecimal> amounts = validate(in);
    AidStandard wanted = new AidStandard(year, in.minAge(), in.maxAge(), amounts, null);
    return jdbi.inTransaction(h -> {
      AidDao dao = new AidDao(h, mapper);
      Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
      periods.requireOpen(h, effectiveDate(year), "year");
      Optional<AidStandard> before = dao.standard(year, "FOR UPDATE");
      if (before.isEmpty() && dao.insertIfAbsent(wanted, now)) {
        AidStandard created = dao.standard(year, "").orElseThrow();
        audit.record(h, admin, "CREATE", "aid_standard", year, null, created);
        return created;
      }
      AidStandard old = before.isPresent() ? before.get() : dao.standard(year, "FOR UPDATE").orElseThrow();
      Map<String, Integer> moved = apply(dao, old, wanted, now);
      dao.updateHead(year, wanted.minAge(), wanted.maxAge(), now);
      AidStandard after = dao.standard(year, "").orElseThrow();
      audit.record(h, admin, "UPDATE", "aid_standard", year, old, Map.of("standard", after, "accountsAdjusted", moved));
      return after;
    });
  }

  /**
   * The date a change of {@code year}'s standard takes effect in that year's accounts (their ADJUSTMENT entries):
   * today within the year, 31 December for a past year, 1 January for a future one. A change is refused (409
   * period-closed) when that month is CLOSED, so a closed year's budgets stay as reported.
   */
  LocalDate effectiveDate(int year) {
    LocalDate today = LocalDate.now(clock);
    if (today.getYear() > year) return LocalDate.of(year, 12, 31);
    if (today.getYear() < year) return LocalDate.of(year, 1, 1);
    return today;
  }

  /** Writes the new amounts and moves the accounts; returns how many accounts moved per category. */
  private static Map<String, Integer> apply(AidDao dao, AidStandard old, AidStandard wanted, Instant now) {
    Map<String, Integer> moved = new LinkedHashMap<>();
    Set<String> all = new LinkedHashSet<>(old.amounts().keySet());
    all.addAll(wanted.amounts().keySet());
    for (String c : all) {
      BigDecimal was = old.amounts().get(c);
      BigDecimal now0 = wanted.amounts().get(c);
      if (now0 == null) {
        if (dao.hasAccounts(old.year(), c)) {
          throw ApiException.conflict("aid-standard-category-in-use", "类别 " + c + " 已有救助账户，不能从标准中删除 / category "
              + c + " has accounts and cannot be removed from the standard").with("field", "amounts." + c);
        }
        dao.deleteAmount(old.year(), c);
        continue;
      }
      dao.upsertAmount(old.year(), c, now0);
      if (was == null || now0.compareTo(was) == 0) continue;
      moved.put(c, dao.settle(old.year(), c, null, now));
    }
    return moved;
  }

  private static Map<String, BigDecimal> validate(StandardInput in) {
    Checks c = new Checks();
    if (in == null) throw ApiException.invalid("amounts", "必填 / required");
    c.required(in.minAge(), "minAge").required(in.maxAge(), "maxAge").required(in.amounts(), "amounts");
    c.require(in.minAge() == null || (in.minAge() >= 0 && in.minAge() <= 17), "minAge", "年龄须在 0 到 17 之间 / must be 0..17");
    c.require(in.maxAge() == null || (in.maxAge() >= 0 && in.maxAge() <= 17), "maxAge", "年龄须在 0 到 17 之间 / must be 0..17");
    c.require(in.minAge() == null || in.maxAge() == null || in.minAge() <= in.maxAge(), "maxAge",
        "最大年龄不能小于最小年龄 / maxAge must not be below minAge");
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    if (in.amounts() != null) {
      c.require(!in.amounts().isEmpty(), "amounts", "至少包含一个类别 / at least one category");
      for (var e : in.amounts().entrySet()) {
        String f = "amounts." + e.getKey();
        if (AidCategory.parse(e.getKey()) == null) {
          c.require(false, f, "未知救助类别（PHYSICAL、INTELLECTUAL、AUTISM、HEARING、LOW_VISION） / unknown aid category");
        } else if (e.getValue() == null) {
          c.require(false, f, "必填 / required");
        } else {
          c.require(e.getValue().signum() >= 0 && e.getValue().compareTo(MAX_AMOUNT) <= 0, f,
              "金额须在 0.00 到 1000000.00 之间 / amount must be 0.00..1000000.00");
        }
      }
      for (AidCategory cat : AidCategory.values()) {
        if (in.amounts().get(cat.name()) != null) out.put(cat.name(), in.amounts().get(cat.name()));
      }
    }
    c.throwIfAny();
    return out;
  }
}
