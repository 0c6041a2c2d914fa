package cn.donghe.rehab.registry;

import cn.donghe.rehab.AppContext;

/** Wires regions, institutions, doctors and persons. */
public final class RegistryModule {
  private RegistryModule() {}

  public static void register(AppContext ctx) {
    PersonScope scope = ctx.put(PersonScope.class, new PersonScope(ctx.clock()));
    InstitutionService institutions = ctx.put(InstitutionService.class, new InstitutionService(ctx.jdbi(), ctx.audit(), ctx.clock()));
    PersonService persons = ctx.put(PersonService.class,
        new PersonService(ctx.jdbi(), ctx.audit(), ctx.clock(), ctx.cipher(), ctx.mapper(), scope));
    RegionService regions = ctx.put(RegionService.class, new RegionService(ctx.jdbi(), ctx.audit()));
    ctx.register(new RegionResource(regions));
    ctx.register(new InstitutionResource(institutions));
    RatingService ratings = ctx.put(RatingService.class, new RatingService(ctx.jdbi(), persons, ctx.audit(), ctx.clock()));
    ctx.register(new PersonResource(persons, new PersonImport(ctx.jdbi(), persons, ctx.audit(), ctx.clock()),
        new PersonUpsert(ctx.jdbi(), persons, ratings, ctx.audit(), ctx.clock())));
    ctx.register(new RatingResource(ratings));
    ctx.register(new ReconcileResource(new PersonReconcile(ctx.jdbi(), persons, ctx.audit())));

    if (!ctx.config().isHousekeeping()) return;
    // expired look-up grants no longer give reach; removing them is housekeeping (the look-up itself is audited)
    java.util.concurrent.ScheduledExecutorService purge = ctx.env().lifecycle()
        .scheduledExecutorService("reach-grant-purge", true).threads(1).build();
    purge.scheduleWithFixedDelay(() -> {
      try {
        ctx.jdbi().useHandle(h -> PersonScope.purgeExpiredGrants(h, ctx.clock().instant()));
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(RegistryModule.class).warn("reach grant purge failed: {}", e.getMessage());
      }
    }, 15, 60, java.util.concurrent.TimeUnit.MINUTES);
  }
}
