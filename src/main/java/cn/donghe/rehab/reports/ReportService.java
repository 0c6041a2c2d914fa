package cn.donghe.rehab.reports;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.Money;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.registry.RegionCodes;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Computes the indicator reports and worklists, exact as of the request: every figure of one answer is read in one
 * REPEATABLE READ transaction from facts the writing transactions themselves keep (no cache). Reads only.
 */
public final class ReportService {
  /** Worklist exports hold the whole list, up to this many rows (narrow the region beyond). */
  static final int EXPORT_MAX_ROWS = 200_000;
  private static final Map<String, BigDecimal> DEFAULT_TARGETS = Map.of("REHAB_SERVICE_RATE", BigDecimal.valueOf(90),
      "DEVICE_FITTING_RATE", BigDecimal.valueOf(90), "DOCTOR_CONTRACT_RATE", BigDecimal.valueOf(100), "PLAN_ADHERENCE", BigDecimal.valueOf(80));
  private final Jdbi jdbi;
  private final Clock clock;
  private final Map<String, BigDecimal> targets;

  public ReportService(Jdbi jdbi, Clock clock, Map<String, BigDecimal> targets) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.targets = targets;
  }

  LocalDate today() { return LocalDate.now(clock); }

  /** The parameters with their defaults filled in and checked against the caller's region. */
  record Resolved(int year, String regionCode, String regionName, GroupBy groupBy, LocalDate asOf, ReportDao.Scope scope) {
    int version() { return scope.version(); }
  }

  Resolved resolve(Handle h, AppUser user, ReportParams p) {
    LocalDate today = today();
    int year = p.year() == null ? today.getYear() : p.year();
    String region = p.regionCode() == null ? user.regionCode() : p.regionCode();
    ReportDao dao = new ReportDao(h);
    if (region != null) {
      // a region outside the caller's subtree is answered like an unknown one
      if (!dao.regionExists(region) || (user.regionCode() != null && !RegionCodes.within(region, user.regionCode()))) {
        throw ApiException.notFound("区划 region");
      }
    }
    LocalDate asOf = p.asOf() != null ? p.asOf() : year < today.getYear() ? LocalDate.of(year, 12, 31) : today;
    String prefix = region == null ? "" : RegionCodes.prefix(region);
    ReportDao.Scope scope = new ReportDao.Scope(year, pad(prefix, '0'), pad(prefix, '9'), asOf, p.definitionVersion(),
        p.month() != null ? p.month() : defaultMonth(year, today), clock.getZone());
    String name = region == null ? null : dao.regionNames(List.of(region)).get(region);
    return new Resolved(year, region, name, p.groupBy(), asOf, scope);
  }

  /** PLAN_ADHERENCE's month when none is asked for: December of a past year, else the last full month before today. */
  static YearMonth defaultMonth(int year, LocalDate today) {
    return year < today.getYear() ? YearMonth.of(year, 12) : YearMonth.from(today).minusMonths(1);
  }

  private static String pad(String prefix, char c) {
    return prefix + String.valueOf(c).repeat(12 - prefix.length());
  }

  /** GET /reports/indicators. */
  public IndicatorReport indicators(AppUser user, ReportParams p) {
    moveContractCountsToToday();
    return read(h -> compute(h, resolve(h, user, p)));
  }

  /**
   * Keeps the contract counters on today (their own short transaction; the first report of a day, or the periodic
   * job, pays one pass over the persons). A report as of another day is computed by a join instead, so the figures
   * are exact either way; this only decides which way is fast.
   */
  public void moveContractCountsToToday() {
    LocalDate today = today();
    boolean current = jdbi.withHandle(h -> new ReportDao(h).contractCountsDay().map(today::equals).orElse(false));
    if (!current) {
      jdbi.useHandle(h -> new ReportDao(h).rebuildContractCounts(today));
    }
  }

  <T> T read(Function<Handle, T> work) {
    return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
      new ReportDao(h).readOnlyWithCustomPlans();
      return work.apply(h);
    });
  }

  /**
   * Plans every report query for its actual region range and year. A generic plan of a prepared statement guesses
   * that {@code region_code BETWEEN :lo AND :hi} keeps 0.5% of the rows and then hashes a whole province of persons to
   * join a few thousand aid accounts (390 ms instead of 75 ms at 1,000,000 persons); planning costs about 1 ms.
   */
  static void customPlans(Handle h) {
    new ReportDao(h).customPlans();
  }

  IndicatorReport compute(Handle h, Resolved r) {
    ReportDao dao = new ReportDao(h);
    List<ReportDao.FactRow> facts = dao.facts(r.scope(), r.groupBy());
    List<ReportDao.CountRow> contracts = dao.contracts(r.scope(), r.groupBy());
    List<ReportDao.AidRow> aid = dao.aid(r.scope(), r.groupBy());
    List<ReportDao.CountRow> adherence = dao.adherence(r.scope(), r.groupBy());
    Names names = names(dao, r.groupBy(), facts.stream().map(ReportDao.FactRow::k1), contracts.stream().map(ReportDao.CountRow::k1),
        aid.stream().map(ReportDao.AidRow::k1), adherence.stream().map(ReportDao.CountRow::k1));
    List<IndicatorReport.Indicator> list = new ArrayList<>();
    int v = r.version();
    list.add(persons(IndicatorCode.REHAB_SERVICE_RATE, facts.stream().map(f -> new ReportDao.CountRow(f.k1(), f.k2(), f.total(), f.rehabN(), f.rehabD())).toList(), names, v));
    list.add(persons(IndicatorCode.DEVICE_FITTING_RATE, facts.stream().map(f -> new ReportDao.CountRow(f.k1(), f.k2(), f.total(), f.deviceN(), f.deviceD())).toList(), names, v));
    list.add(persons(IndicatorCode.DOCTOR_CONTRACT_RATE, contracts, names, v));
    list.add(childAid(aid, names, v));
    list.add(persons(IndicatorCode.PLAN_ADHERENCE, adherence, names, v));
    return new IndicatorReport(r.year(), r.regionCode(), r.regionName(), r.asOf(), r.groupBy() == null ? null : r.groupBy().param(),
        v, clock.instant(), list, r.scope().month().toString());
  }

  BigDecimal target(IndicatorCode code) {
    BigDecimal t = targets == null ? null : targets.get(code.name());
    return t != null ? t : DEFAULT_TARGETS.get(code.name());
  }

  private IndicatorReport.Indicator persons(IndicatorCode code, List<ReportDao.CountRow> rows, Names names, int version) {
    BigDecimal t = target(code);
    ReportDao.CountRow total = rows.stream().filter(ReportDao.CountRow::total).findFirst()
        .orElse(new ReportDao.CountRow(null, null, true, 0, 0));
    List<IndicatorReport.Group> groups = rows.stream().filter(x -> !x.total() && x.d() > 0)
        .map(x -> {
          Names.Label l = names.label(x.k1(), x.k2());
          return new IndicatorReport.Group(l.key(), l.zh(), l.en(), x.n(), x.d(), Rates.rate(x.n(), x.d()), Rates.met(x.n(), x.d(), t),
              Rates.shortfall(x.n(), x.d(), t), null);
        })
        .sorted(Comparator.comparing(IndicatorReport.Group::key)).toList();
    return new IndicatorReport.Indicator(code.name(), code.zh(), code.en(), total.n(), total.d(), Rates.rate(total.n(), total.d()), t,
        Rates.met(total.n(), total.d(), t), Rates.shortfall(total.n(), total.d(), t), null, code.definition(version), groups);
  }

  private IndicatorReport.Indicator childAid(List<ReportDao.AidRow> rows, Names names, int version) {
    IndicatorCode code = IndicatorCode.CHILD_AID_UTILISATION;
    ReportDao.AidRow total = rows.stream().filter(ReportDao.AidRow::total).findFirst()
        .orElse(new ReportDao.AidRow(null, null, true, 0, BigDecimal.ZERO, BigDecimal.ZERO));
    List<IndicatorReport.Group> groups = rows.stream().filter(x -> !x.total() && x.enrolled() > 0)
        .map(x -> {
          Names.Label l = names.label(x.k1(), x.k2());
          return new IndicatorReport.Group(l.key(), l.zh(), l.en(), Money.format(x.spent()), Money.format(x.budget()),
              Rates.rate(x.spent(), x.budget()), null, null, x.enrolled());
        })
        .sorted(Comparator.comparing(IndicatorReport.Group::key)).toList();
    return new IndicatorReport.Indicator(code.name(), code.zh(), code.en(), Money.format(total.spent()), Money.format(total.budget()),
        Rates.rate(total.spent(), total.budget()), null, null, null, total.enrolled(), code.definition(version), groups);
  }

  @SafeVarargs
  private static Names names(ReportDao dao, GroupBy g, java.util.stream.Stream<String>... keys) {
    if (g == null) return new Names(g, Map.of());
    Set<String> codes = new HashSet<>();
    if (g == GroupBy.TOWN || g == GroupBy.COMMUNITY || g == GroupBy.TOWN_CATEGORY) {
      for (var s : keys) s.filter(k -> k != null).forEach(codes::add);
    }
    return new Names(g, dao.regionNames(codes));
  }

  /** Display names of group keys: region names, category and grade names in Chinese and English. */
  record Names(GroupBy groupBy, Map<String, String> regions) {
    record Label(String key, String zh, String en) {}

    Label label(String k1, String k2) {
      return switch (groupBy) {
        case TOWN, COMMUNITY -> new Label(k1, region(k1), region(k1));
        case CATEGORY -> new Label(k1, categoryZh(k1), categoryEn(k1));
        case GRADE -> new Label(k1, gradeZh(k1), gradeEn(k1));
        case TOWN_CATEGORY -> new Label(k1 + "/" + k2, region(k1) + " / " + categoryZh(k2), region(k1) + " / " + categoryEn(k2));
        case AGE_BAND -> new Label(k1, k1 + " 岁", "aged " + k1);
        case SEX -> new Label(k1, "F".equals(k1) ? "女" : "男", "F".equals(k1) ? "Female" : "Male");
      };
    }

    private String region(String code) { return regions.getOrDefault(code, code); }

    static String categoryZh(String c) {
      Category cat = Category.parse(c);
      return cat == null ? c : cat.zh();
    }

    static String categoryEn(String c) {
      return c == null || c.isEmpty() ? c : c.charAt(0) + c.substring(1).toLowerCase();
    }

    static String gradeZh(String g) {
      return switch (g) {
        case "1" -> "一级";
        case "2" -> "二级";
        case "3" -> "三级";
        case "4" -> "四级";
        default -> "未定级";
      };
    }

    static String gradeEn(String g) { return "NONE".equals(g) ? "No grade" : "Grade " + g; }
  }

  /** GET /reports/indicators/{code}/unserved: one page of the worklist. */
  public Page<UnservedPerson> unserved(AppUser user, IndicatorCode code, ReportParams p, PageRequest page) {
    return read(h -> {
      Resolved r = resolve(h, user, p);
      return Page.of(withPlans(h, code, r, new ReportDao(h).unserved(code, r.scope(), today(), page.after(), page.fetch())), page.limit(),
          UnservedPerson::personId);
    });
  }

  /** The whole worklist (for CSV/XLSX); 422 when it exceeds {@link #EXPORT_MAX_ROWS}. */
  public List<UnservedPerson> unservedAll(AppUser user, IndicatorCode code, ReportParams p) {
    return read(h -> {
      Resolved r = resolve(h, user, p);
      List<UnservedPerson> rows = withPlans(h, code, r, new ReportDao(h).unserved(code, r.scope(), today(), new UUID(0, 0), EXPORT_MAX_ROWS + 1));
      if (rows.size() > EXPORT_MAX_ROWS) {
        throw ApiException.invalid("regionCode", "名单超过 " + EXPORT_MAX_ROWS + " 行，请按区划分别导出 / the list exceeds " + EXPORT_MAX_ROWS
            + " rows: export it region by region");
      }
      return rows;
    });
  }

  /**
   * One person's plan month as PLAN_ADHERENCE counts it (planned and delivered sessions by service type, the plan it
   * reads), empty when no plan was active in the month. The caller must already have checked that its user may read
   * the person (the doctor's person page does, through PersonService); {@code regionCode} is the person's community.
   */
  public java.util.Optional<UnservedPerson.PlanGap> planMonth(UUID personId, String regionCode, YearMonth month) {
    return read(h -> java.util.Optional.ofNullable(new ReportDao(h).planGaps(new ReportDao.Scope(month.getYear(), regionCode, regionCode,
        month.atEndOfMonth(), ReportParams.CURRENT_DEFINITION, month, clock.getZone()), List.of(personId)).get(personId)));
  }

  /** The month's figure of a plan month: delivered (capped per type) reaches the threshold of the planned. */
  public static boolean adherent(UnservedPerson.PlanGap g) {
    return 100L * g.delivered() >= (long) ReportDao.ADHERENCE_PERCENT * g.planned();
  }

  /** PLAN_ADHERENCE's rows with their plan's planned and delivered sessions of the month; other worklists as they are. */
  private static List<UnservedPerson> withPlans(Handle h, IndicatorCode code, Resolved r, List<UnservedPerson> rows) {
    if (code != IndicatorCode.PLAN_ADHERENCE) return rows;
    Map<UUID, UnservedPerson.PlanGap> gaps = new ReportDao(h).planGaps(r.scope(), rows.stream().map(UnservedPerson::personId).toList());
    return rows.stream().map(x -> x.withPlan(gaps.get(x.personId()))).toList();
  }

  /** The figures and the person-set hashes of every indicator, read in the caller's transaction. */
  Map<String, PersonSetHashes> hashes(Handle h, Resolved r) {
    Map<String, PersonSetHashes> out = new LinkedHashMap<>();
    ReportDao dao = new ReportDao(h);
    for (IndicatorCode c : IndicatorCode.values()) out.put(c.name(), dao.hashes(c, r.scope()));
    return out;
  }
}
