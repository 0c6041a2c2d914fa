package cn.donghe.rehab.reports;

import cn.donghe.rehab.AppContext;

/** Wires the reports feature: indicator reports, worklists, exports, snapshots and FHIR MeasureReports. */
public final class ReportsModule {
  private ReportsModule() {}

  public static void register(AppContext ctx) {
    ReportService reports = ctx.put(ReportService.class, new ReportService(ctx.jdbi(), ctx.clock(), ctx.config().getTargets()));
    SnapshotService snapshots = ctx.put(SnapshotService.class,
        new SnapshotService(ctx.jdbi(), ctx.audit(), ctx.clock(), ctx.mapper(), reports));
    ctx.register(new ReportResource(reports, ctx.config().getZone()));
    ctx.register(new SnapshotResource(snapshots));
  }
}
