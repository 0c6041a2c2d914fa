package cn.donghe.rehab.childaid;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.PeriodGuard;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The child-aid fee schedule (DESIGN section 11): versions per year, each in force from its {@code effectiveFrom}.
 * A new version never reprices what was already logged: it starts today or later (a year's first version may start on
 * 1 January), never in a closed month, never before the version it replaces.
 */
public final class FeeScheduleService {
  static final BigDecimal HIGHEST_MAX_FEE = new BigDecimal("100000.00");
  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final PeriodGuard periods;
  private final Predicate<String> serviceTypes;

  /** {@code serviceTypes}: which codes are service types (the sessions feature's list, handed in by its module). */
  public FeeScheduleService(Jdbi jdbi, AuditLog audit, Clock clock, PeriodGuard periods, Predicate<String> serviceTypes) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.periods = periods;
    this.serviceTypes = serviceTypes;
  }

  /** The year's schedule; 404 when the year has none. */
  public FeeSchedule get(int year) {
    return jdbi.withHandle(h -> of(year, new FeeScheduleDao(h).versions(year)))
        .orElseThrow(() -> ApiException.notFound("收费标准 fee schedule " + year));
  }

  /** Adds a version: 403 regional admin; 409 period-closed; 422 invalid items or effectiveFrom. */
  public FeeSchedule put(AppUser admin, int year, FeeSchedule.Input in) {
    if (!admin.isGlobalAdmin()) throw ApiException.forbidden("收费标准由区残联制定 / only a district-wide ADMIN sets the fee schedule");
    List<FeeSchedule.Item> items = validItems(in);
    LocalDate today = LocalDate.now(clock);
    return jdbi.inTransaction(h -> {
      FeeScheduleDao dao = new FeeScheduleDao(h);
      dao.lockYear(year);
      List<FeeSchedule.Version> before = dao.versions(year);
      LocalDate from = effectiveFrom(in.effectiveFrom(), year, today, before);
      periods.requireOpen(h, from, "effectiveFrom");
      UUID id = Ids.newId();
      int version = before.size() + 1;
      dao.insert(id, year, version, from, items, clock.instant().truncatedTo(ChronoUnit.MICROS), admin.id());
      FeeSchedule after = of(year, dao.versions(year)).orElseThrow();
      audit.record(h, admin, before.isEmpty() ? "CREATE" : "UPDATE", "fee_schedule", year + "/v" + version,
          of(year, before).orElse(null), after);
      return after;
    });
  }

  /**
   * The most aid pays for one session of {@code serviceType} dated {@code date}; 422 naming {@code serviceType} when the
   * schedule in force that day does not list the type (it cannot use child aid). Runs in the caller's transaction.
   */
  public BigDecimal requireMaxFee(Handle h, LocalDate date, String serviceType) {
    return new FeeScheduleDao(h).maxFee(date, serviceType).orElseThrow(() -> ApiException.invalid("serviceType",
        "收费标准未列出此服务类型，不能使用康复救助 / the fee schedule in force on " + date + " does not list " + serviceType
            + ": it cannot use child aid"));
  }

  private List<FeeSchedule.Item> validItems(FeeSchedule.Input in) {
    Checks c = new Checks();
    if (in == null || in.items() == null) {
      c.required(null, "items").throwIfAny();
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < in.items().size(); i++) {
      FeeSchedule.Item it = in.items().get(i);
      String f = "items[" + i + "].";
      if (it == null) {
        c.required(null, "items[" + i + "]");
        continue;
      }
      c.required(it.serviceType(), f + "serviceType");
      c.require(it.serviceType() == null || serviceTypes.test(it.serviceType()), f + "serviceType", "未知服务类型 / unknown service type");
      c.require(it.serviceType() == null || seen.add(it.serviceType()), f + "serviceType", "服务类型重复 / listed twice");
      c.required(it.maxFee(), f + "maxFee");
      c.require(it.maxFee() == null || (it.maxFee().signum() >= 0 && it.maxFee().compareTo(HIGHEST_MAX_FEE) <= 0), f + "maxFee",
          "最高支付额须在 0.00 到 100000.00 之间 / maxFee must be 0.00..100000.00");
    }
    c.throwIfAny();
    return in.items().stream().sorted(java.util.Comparator.comparing(FeeSchedule.Item::serviceType)).toList();
  }

  private static LocalDate effectiveFrom(LocalDate asked, int year, LocalDate today, List<FeeSchedule.Version> before) {
    LocalDate jan1 = LocalDate.of(year, 1, 1);
    LocalDate from = asked != null ? asked : before.isEmpty() ? jan1 : today.isBefore(jan1) ? jan1 : today;
    Checks c = new Checks();
    c.require(from.getYear() == year, "effectiveFrom", "生效日期须在 " + year + " 年内 / effectiveFrom must lie in " + year);
    c.require(before.isEmpty() || !from.isBefore(today), "effectiveFrom",
        "新版本不能早于今天生效（已登记的服务不重新计价） / a new version cannot start before today: logged sessions keep their price");
    c.require(before.isEmpty() || !from.isBefore(before.get(before.size() - 1).effectiveFrom()), "effectiveFrom",
        "不能早于上一版本的生效日期 / cannot start before the version it replaces");
    c.throwIfAny();
    return from;
  }

  private static Optional<FeeSchedule> of(int year, List<FeeSchedule.Version> versions) {
    if (versions.isEmpty()) return Optional.empty();
    FeeSchedule.Version last = versions.get(versions.size() - 1);
    return Optional.of(new FeeSchedule(year, last.version(), last.effectiveFrom(), last.items(), versions));
  }
}
