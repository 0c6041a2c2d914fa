package cn.donghe.rehab.reports;

import cn.donghe.rehab.AppContext;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the reports feature: indicator reports, worklists, exports, snapshots and FHIR MeasureReports. */
public final class ReportsModule {
  private static final Logger LOG = LoggerFactory.getLogger(ReportsModule.class);

  private ReportsModule() {}

  public static void register(AppContext ctx) {
    ReportService reports = ctx.put(ReportService.class, new ReportService(ctx.jdbi(), ctx.clock(), ctx.config().getTargets()));
    SnapshotService snapshots = ctx.put(SnapshotService.class,
        new SnapshotService(ctx.jdbi(), ctx.audit(), ctx.clock(), ctx.mapper(), reports,
            ctx.get(cn.donghe.rehab.common.PeriodGuard.class)));
    ctx.register(new ReportResource(reports, ctx.config().getZone()));
    ctx.register(new SnapshotResource(snapshots));

    // the contract counters follow the calendar day, so the first report after midnight does not pay for the move
    ScheduledExecutorService day = ctx.env().lifecycle().scheduledExecutorService("report-contract-day", true).threads(1).build();
    day.scheduleWithFixedDelay(() -> {
      try {
        reports.moveContractCountsToToday();
      } catch (RuntimeException e) {
        LOG.warn("Moving the contract counters to today failed (reports compute by join until it succeeds): {}", e.getMessage());
      }
    }, 1, 5, TimeUnit.MINUTES);
  }
}
