package cn.donghe.rehab.settlement;

import cn.donghe.rehab.AppContext;
import cn.donghe.rehab.childaid.AidAccountService;
import cn.donghe.rehab.periods.PeriodService;
import cn.donghe.rehab.sessions.SessionService;

/** Wires monthly child-aid settlement; registered after periods and sessions, whose services it uses. */
public final class SettlementModule {
  private SettlementModule() {}

  public static void register(AppContext ctx) {
    SessionService sessions = ctx.get(SessionService.class);
    SettlementService service = ctx.put(SettlementService.class, new SettlementService(ctx.jdbi(), ctx.audit(), ctx.clock(),
        ctx.get(PeriodService.class), sessions, ctx.get(AidAccountService.class)));
    sessions.onVoid(service::refuseVoidOfSettled);
    ctx.register(new SettlementResource(service));
  }
}
