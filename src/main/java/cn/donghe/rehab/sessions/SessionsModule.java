package cn.donghe.rehab.sessions;

import cn.donghe.rehab.AppContext;
import cn.donghe.rehab.childaid.AidAccountResource;
import cn.donghe.rehab.childaid.AidAccountService;
import cn.donghe.rehab.childaid.AidStandardResource;
import cn.donghe.rehab.childaid.AidStandardService;
import cn.donghe.rehab.childaid.FeeScheduleResource;
import cn.donghe.rehab.childaid.FeeScheduleService;
import cn.donghe.rehab.common.PeriodGuard;
import cn.donghe.rehab.common.ServiceType;
import cn.donghe.rehab.registry.PersonScope;
import cn.donghe.rehab.registry.PersonService;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the sessions feature and the child rehab aid accounts it charges. */
public final class SessionsModule {
  /** Idempotency-Keys are answered for at least 24 hours; purged after this. */
  static final Duration KEY_RETENTION = Duration.ofHours(48);
  private static final Logger LOG = LoggerFactory.getLogger(SessionsModule.class);

  private SessionsModule() {}

  public static void register(AppContext ctx) {
    PersonScope scope = ctx.get(PersonScope.class);
    PeriodGuard periods = ctx.get(PeriodGuard.class);
    AidStandardService standards = ctx.put(AidStandardService.class, new AidStandardService(ctx.jdbi(), ctx.audit(), ctx.clock(), ctx.mapper(), periods));
    FeeScheduleService fees = ctx.put(FeeScheduleService.class, new FeeScheduleService(ctx.jdbi(), ctx.audit(), ctx.clock(), periods,
        ServiceType::isValid));
    AidAccountService accounts = ctx.put(AidAccountService.class, new AidAccountService(ctx.jdbi(), ctx.audit(), ctx.clock(), ctx.mapper(),
        standards, ctx.get(PersonService.class), scope, fees));
    SessionService sessions = ctx.put(SessionService.class, new SessionService(ctx.jdbi(), ctx.audit(), ctx.clock(), ctx.mapper(), scope, accounts,
        ctx.get(cn.donghe.rehab.plans.PlanService.class),
        ctx.config().getSessions(), periods));
    ctx.register(new AidStandardResource(standards));
    ctx.register(new FeeScheduleResource(fees));
    ctx.register(new AidAccountResource(accounts, ctx.clock().getZone()));
    ctx.register(new SessionResource(sessions));

    if (!ctx.config().isHousekeeping()) return;
    ScheduledExecutorService purge = ctx.env().lifecycle().scheduledExecutorService("idempotency-key-purge", true).threads(1).build();
    purge.scheduleWithFixedDelay(() -> {
      try {
        int n = sessions.purgeKeys(KEY_RETENTION);
        if (n > 0) LOG.info("Purged {} Idempotency-Keys older than {}", n, KEY_RETENTION);
      } catch (RuntimeException e) {
        LOG.warn("Idempotency-Key purge failed: {}", e.getMessage());
      }
    }, 10, 60, TimeUnit.MINUTES);
  }
}
