package cn.donghe.rehab.notifications;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.MutableClock;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An outbox with outside channels on, its own clock, on the test application's database. */
final class OutboxTestKit {
  final MutableClock clock = new MutableClock(ZoneId.of("Asia/Shanghai"));
  final OutboxService outbox;

  OutboxTestKit(boolean email, boolean webhook) {
    clock.set(Instant.now());
    AuditLog audit = TestApp.context().audit();
    outbox = new OutboxService(TestApp.jdbi(), clock, audit, email, webhook);
  }

  /** A user of its own (an ADMIN: the only role that needs nothing else to exist; the inbox is the same for all). */
  static AppUser user() {
    return Fixtures.createUserDirect(Fixtures.username("notify"), "ADMIN", null, null, List.of(), null);
  }

  static void preferences(AppUser u, String email, String language) {
    TestApp.context().get(OutboxService.class).savePreferences(u, new Preferences(email, language, true, true));
  }

  boolean publish(String key, AppUser to, NotificationEvent.Kind kind, Map<String, String> params) {
    return TestApp.jdbi().inTransaction(h -> outbox.publish(h, new NotificationEvent(key, kind, to.id(), params)));
  }

  static String uniqueKey(String what) { return "test:" + what + ":" + UUID.randomUUID(); }

  static NotificationConfig config(int maxAttempts, String firstRetry) {
    NotificationConfig c = new NotificationConfig();
    c.setMaxAttempts(maxAttempts);
    c.setFirstRetryAfter(io.dropwizard.util.Duration.parse(firstRetry));
    c.setMaxRetryAfter(io.dropwizard.util.Duration.minutes(10));
    return c;
  }

  DeliveryWorker worker(NotificationConfig c, Channel channel) {
    return new DeliveryWorker(TestApp.jdbi(), clock, c, Map.of(channel.name(), channel));
  }

  static List<Map<String, Object>> deliveriesOf(AppUser u) {
    return TestApp.jdbi().withHandle(h -> h.createQuery("""
        SELECT d.id, d.channel, d.status, d.attempts, d.last_error FROM notification_deliveries d
        JOIN notifications n ON n.id = d.notification_id WHERE n.recipient_id = :u ORDER BY d.channel""")
        .bind("u", u.id()).mapToMap().list());
  }
}
