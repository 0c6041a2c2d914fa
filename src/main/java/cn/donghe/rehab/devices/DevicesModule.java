package cn.donghe.rehab.devices;

import cn.donghe.rehab.AppContext;
import cn.donghe.rehab.registry.PersonScope;
import cn.donghe.rehab.registry.PersonService;

/** Wires the devices feature (services, resources, the reminder job). */
public final class DevicesModule {
  private DevicesModule() {}

  public static void register(AppContext ctx) {
    DeviceAccess access = new DeviceAccess(ctx.get(PersonScope.class));
    PersonService persons = ctx.get(PersonService.class);
    cn.donghe.rehab.common.PeriodGuard periods = ctx.get(cn.donghe.rehab.common.PeriodGuard.class);
    CatalogueService catalogue = ctx.put(CatalogueService.class, new CatalogueService(ctx.jdbi(), ctx.audit(), ctx.clock()));
    FittingService fittings = ctx.put(FittingService.class, new FittingService(ctx.jdbi(), ctx.audit(), ctx.clock(), access, persons, periods));
    ItemService items = ctx.put(ItemService.class, new ItemService(ctx.jdbi(), ctx.audit(), ctx.clock(), access));
    RepairService repairs = ctx.put(RepairService.class, new RepairService(ctx.jdbi(), ctx.audit(), ctx.clock(), access, items));
    LoanService loans = ctx.put(LoanService.class, new LoanService(ctx.jdbi(), ctx.audit(), ctx.clock(), access, items, repairs, persons, periods));
    RecyclingService recycling = ctx.put(RecyclingService.class, new RecyclingService(ctx.jdbi(), ctx.audit(), ctx.clock(), access, items));
    NotificationService notifications = ctx.put(NotificationService.class, new NotificationService(ctx.jdbi(), access));

    ReminderConfig rc = ctx.config().getReminders();
    ReminderJob job = ctx.put(ReminderJob.class,
        new ReminderJob(ctx.jdbi(), ctx.clock(), ctx.audit(), rc, NotificationChannel.named(rc.getChannel()),
            ctx.get(cn.donghe.rehab.notifications.OutboxService.class)));
    if (rc.isEnabled()) ctx.env().lifecycle().manage(job);

    ctx.register(new DeviceTypeResource(catalogue));
    ctx.register(new FittingResource(fittings));
    ctx.register(new DeviceItemResource(items));
    ctx.register(new LoanResource(loans));
    ctx.register(new RepairResource(repairs));
    ctx.register(new RecyclingResource(recycling));
    ctx.register(new NotificationResource(notifications));
  }
}
