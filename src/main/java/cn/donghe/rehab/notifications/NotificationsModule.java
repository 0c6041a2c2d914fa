package cn.donghe.rehab.notifications;

import cn.donghe.rehab.AppContext;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.health.HealthCheck;
import java.util.LinkedHashMap;
import java.util.Map;

/** Wires the outbox, its channels, the delivery worker, metrics and the health check. Registered before the features that publish. */
public final class NotificationsModule {
  private NotificationsModule() {}

  public static void register(AppContext ctx) {
    NotificationConfig c = ctx.config().getNotifications();
    Map<String, Channel> channels = new LinkedHashMap<>();
    if (c.getSmtp().isOn()) channels.put("EMAIL", new EmailChannel(c.getSmtp()));
    if (c.getWebhook().isOn()) channels.put("WEBHOOK", new WebhookChannel(c.getWebhook(), ctx.mapper()));
    OutboxService service = ctx.put(OutboxService.class,
        new OutboxService(ctx.jdbi(), ctx.clock(), ctx.audit(), channels.containsKey("EMAIL"), channels.containsKey("WEBHOOK")));
    DeliveryWorker worker = ctx.put(DeliveryWorker.class, new DeliveryWorker(ctx.jdbi(), ctx.clock(), c, channels));
    if (c.isWorkerEnabled() && !channels.isEmpty()) ctx.env().lifecycle().manage(worker);

    ctx.env().metrics().register("notifications.outbox.depth", (Gauge<Long>) () -> service.backlog().pending());
    ctx.env().metrics().register("notifications.outbox.oldestAgeSeconds", (Gauge<Long>) () -> service.backlog().oldestAge().toSeconds());
    ctx.env().metrics().register("notifications.outbox.dead", (Gauge<Long>) () -> service.backlog().dead());
    ctx.env().healthChecks().register("notifications", new HealthCheck() {
      @Override protected Result check() {
        OutboxService.Backlog b = service.backlog();
        if (b.oldestAge().toMillis() > c.getStuckAfter().toMilliseconds()) {
          return Result.unhealthy("oldest undelivered notification is " + b.oldestAge().toSeconds() + " s old (" + b.pending() + " pending)");
        }
        return Result.healthy(b.pending() + " pending, " + b.dead() + " dead");
      }
    });
    ctx.register(new NotificationResource(service));
  }
}
