package cn.donghe.rehab.periods;

import cn.donghe.rehab.AppContext;
import cn.donghe.rehab.common.PeriodGuard;

/** Wires the periods feature; registered before every feature that writes dated records, which get it as their PeriodGuard. */
public final class PeriodsModule {
  private PeriodsModule() {}

  public static void register(AppContext ctx) {
    PeriodService periods = ctx.put(PeriodService.class, new PeriodService(ctx.jdbi(), ctx.audit(), ctx.clock()));
    ctx.put(PeriodGuard.class, periods);
    ctx.register(new PeriodResource(periods, ctx.clock()));
  }
}
