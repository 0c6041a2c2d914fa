package cn.donghe.rehab.reports;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.PeriodGuard;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.registry.RegionCodes;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/** Publishes (freezes) indicator reports and reads them back; snapshots are append-only. */
public final class SnapshotService {
  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final ObjectMapper mapper;
  private final ReportService reports;
  private final PeriodGuard periods;

  public SnapshotService(Jdbi jdbi, AuditLog audit, Clock clock, ObjectMapper mapper, ReportService reports, PeriodGuard periods) {
    this.periods = periods;
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.mapper = mapper;
    this.reports = reports;
  }

  /** Computes the report and its person-set hashes from one consistent view of the data and stores them with an audit event. */
  public ReportSnapshot create(AppUser user, ReportSnapshot.Input in) {
    Checks c = new Checks();
    c.required(in.year(), "year");
    c.require(in.year() == null || (in.year() >= 2000 && in.year() <= 2100), "year", "year 须为 2000 到 2100 / year must be 2000..2100");
    c.require(in.regionCode() == null || in.regionCode().matches("[0-9]{12}"), "regionCode", "区划代码为 12 位数字 / regionCode must be 12 digits");
    LocalDate asOf = null;
    try {
      asOf = in.asOf() == null || in.asOf().isBlank() ? null : LocalDate.parse(in.asOf().trim());
    } catch (java.time.format.DateTimeParseException e) {
      c.require(false, "asOf", "asOf 须为 YYYY-MM-DD / asOf must be YYYY-MM-DD");
    }
    GroupBy groupBy = null;
    try {
      groupBy = GroupBy.parse(in.groupBy());
    } catch (ApiException e) {
      c.require(false, "groupBy", e.getMessage());
    }
    c.require(in.definitionVersion() == null || in.definitionVersion() == 1 || in.definitionVersion() == 2, "definitionVersion",
        "definitionVersion 须为 1 或 2 / definitionVersion must be 1 or 2");
    java.time.YearMonth month = null;
    try {
      month = ReportParams.month(in.month());
    } catch (ApiException e) {
      c.require(false, "month", "month 须为 YYYY-MM / month must be YYYY-MM");
    }
    c.throwIfAny();
    int version = in.definitionVersion() == null ? ReportParams.CURRENT_DEFINITION : in.definitionVersion();
    ReportParams p = new ReportParams(in.year(), in.regionCode(), groupBy, asOf, version, month);
    reports.moveContractCountsToToday();
    return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
      ReportService.customPlans(h);
      ReportService.Resolved r = reports.resolve(h, user, p);
      IndicatorReport report = reports.compute(h, r);
      Map<String, PersonSetHashes> hashes = reports.hashes(h, r);
      UUID id = Ids.newId();
      Instant now = clock.instant();
      boolean fin = periods.yearClosed(h, r.year());
      ReportSnapshot s = new ReportSnapshot(id, r.year(), r.regionCode(), r.asOf(), report.groupBy(), now, user.id(), report, hashes, fin,
          r.version());
      new SnapshotDao(h, mapper).insert(s, r.regionCode() == null ? "" : RegionCodes.prefix(r.regionCode()));
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("year", r.year());
      summary.put("regionCode", r.regionCode());
      summary.put("asOf", r.asOf().toString());
      summary.put("groupBy", report.groupBy());
      summary.put("definitionVersion", r.version());
      summary.put("month", report.month());
      summary.put("definitions", report.indicators().stream().map(i -> i.definition().version()).toList());
      summary.put("hashes", hashes);
      summary.put("final", fin);
      audit.record(h, user, "PUBLISH", "report_snapshot", id, null, summary);
      return s;
    });
  }

  /** 404 when unknown or outside the caller's region. */
  public ReportSnapshot get(AppUser user, UUID id) {
    return jdbi.withHandle(h -> new SnapshotDao(h, mapper).find(id, user.regionPrefix()))
        .orElseThrow(() -> ApiException.notFound("报表快照 report snapshot"));
  }

  /** Snapshots in the caller's region, oldest first, optionally of one year. */
  public Page<ReportSnapshot> list(AppUser user, Integer year, PageRequest page) {
    return jdbi.withHandle(h -> Page.of(new SnapshotDao(h, mapper).list(user.regionPrefix(), year, page), page.limit(), ReportSnapshot::id));
  }

  /** Re-computes the person-set hashes with the snapshot's parameters on today's data. */
  public ReportSnapshot.Verification verify(AppUser user, UUID id) {
    ReportSnapshot s = get(user, id);
    // under the definition the snapshot was computed with (snapshots from before definition versions are version 1)
    // and PLAN_ADHERENCE for the snapshot's month
    ReportParams p = new ReportParams(s.year(), s.regionCode(), null, s.asOf(), s.definitionVersion(),
        s.report().month() == null ? null : java.time.YearMonth.parse(s.report().month()));
    return reports.read(h -> {
      // the snapshot's own region, even for a caller whose default region differs
      ReportService.Resolved r = reports.resolve(h, user, p);
      Map<String, PersonSetHashes> now = reports.hashes(h, r);
      Map<String, ReportSnapshot.Verification.Check> checks = new LinkedHashMap<>();
      boolean all = true;
      for (Map.Entry<String, PersonSetHashes> e : s.hashes().entrySet()) {
        PersonSetHashes cur = now.get(e.getKey());
        boolean same = e.getValue().equals(cur);
        all &= same;
        checks.put(e.getKey(), new ReportSnapshot.Verification.Check(same, e.getValue(), cur));
      }
      return new ReportSnapshot.Verification(id, all, checks);
    });
  }
}
