package cn.donghe.rehab.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The outbox: one notification per event key and recipient, written only with the change that caused it. */
class OutboxTest {
  private final OutboxTestKit kit = new OutboxTestKit(false, true);

  private static long rows(String key) {
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM notifications WHERE event_key LIKE :k || '@%'")
        .bind("k", key).mapTo(Long.class).one());
  }

  @Test
  void sameEvent_publishedByFortyConcurrentTransactions_isOneNotificationAndOneDelivery() throws Exception {
    AppUser u = OutboxTestKit.user();
    String key = OutboxTestKit.uniqueKey("race");
    ExecutorService pool = Executors.newFixedThreadPool(40);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        results.add(pool.submit(() -> {
          go.await();
          return kit.publish(key, u, NotificationEvent.Kind.TEST, Map.of("text", "x"));
        }));
      }
      go.countDown();
      int created = 0;
      for (Future<Boolean> f : results) created += f.get() ? 1 : 0;
      assertEquals(1, created);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, rows(key));
    assertEquals(1, OutboxTestKit.deliveriesOf(u).size(), "one WEBHOOK delivery");
    cleanUp(u);
  }

  @Test
  void event_inARolledBackTransaction_leavesNoNotification() {
    AppUser u = OutboxTestKit.user();
    String key = OutboxTestKit.uniqueKey("rollback");
    assertThrows(IllegalStateException.class, () -> TestApp.jdbi().useTransaction(h -> {
      kit.outbox.publish(h, new NotificationEvent(key, NotificationEvent.Kind.TEST, u.id(), Map.of("text", "x")));
      throw new IllegalStateException("the causing change failed");
    }));
    assertEquals(0, rows(key));
    assertTrue(OutboxTestKit.deliveriesOf(u).isEmpty());
  }

  @Test
  void inbox_listsOwnNotificationsInTheReadersLanguage_countsUnread_marksRead() {
    AppUser u = OutboxTestKit.user();
    Api me = Fixtures.login(u);
    assertTrue(kit.publish(OutboxTestKit.uniqueKey("a"), u, NotificationEvent.Kind.TEST, Map.of("text", "一")));
    assertTrue(kit.publish(OutboxTestKit.uniqueKey("b"), u, NotificationEvent.Kind.TEST, Map.of("text", "二")));
    cleanUp(u);

    Api.Resp list = me.get("/me/notifications");
    assertEquals(200, list.status(), list.toString());
    assertEquals(2, list.get("items").size());
    assertEquals("测试消息", list.get("items").get(0).path("title").asText());
    assertEquals("这是一条测试消息：二", list.get("items").get(0).path("body").asText(), "newest first");
    assertEquals(2, me.get("/me/notifications/unread-count").json().path("unread").asLong());

    String first = list.get("items").get(0).path("id").asText();
    Api.Resp read = me.post("/me/notifications/" + first + "/read", null);
    assertEquals(200, read.status(), read.toString());
    assertFalse(read.json().path("readAt").isNull());
    assertEquals(200, me.post("/me/notifications/" + first + "/read", null).status(), "again: no change");
    assertEquals(1, me.get("/me/notifications/unread-count").json().path("unread").asLong());
    assertEquals(1, me.get("/me/notifications?unread=true").get("items").size());
    assertEquals(400, me.get("/me/notifications?unread=maybe").status());

    Api other = Fixtures.login(OutboxTestKit.user());
    assertEquals(404, other.post("/me/notifications/" + first + "/read", null).status(), "someone else's notification");
    assertEquals(0, other.get("/me/notifications").get("items").size());
    assertEquals(404, me.post("/me/notifications/not-a-uuid/read", Map.of()).status());

    Api.Resp prefs = me.put("/me/notification-preferences", Map.of("email", "g@example.org", "language", "en", "emailOn", true, "webhookOn", false));
    assertEquals(200, prefs.status(), prefs.toString());
    assertEquals("Test message", me.get("/me/notifications").get("items").get(0).path("title").asText());
    assertEquals("en", me.get("/me/notification-preferences").str("language"));
    assertEquals(422, me.put("/me/notification-preferences", Map.of("language", "fr", "emailOn", true, "webhookOn", true)).status());
    assertEquals(422, me.put("/me/notification-preferences", Map.of("email", "nope", "language", "en", "emailOn", true, "webhookOn", true)).status());
  }

  @Test
  void deadLetters_areForAdminsOnly() {
    Api staff = Fixtures.institutionUser(Fixtures.institution(Fixtures.community(), false, "DEVICE").path("id").asText());
    assertEquals(403, staff.get("/notification-deliveries").status());
    assertEquals(403, staff.post("/notification-deliveries/" + java.util.UUID.randomUUID() + "/retry", null).status());
    assertEquals(200, staff.get("/me/notifications").status(), "every role has an inbox");
    assertEquals(200, TestApp.admin().get("/notification-deliveries").status());
    assertEquals(400, TestApp.admin().get("/notification-deliveries?status=LOST").status());
    assertEquals(404, TestApp.admin().post("/notification-deliveries/" + java.util.UUID.randomUUID() + "/retry", null).status());
  }

  /** Deliveries this test made are not left PENDING for other tests' workers. */
  static void cleanUp(AppUser u) {
    TestApp.jdbi().useHandle(h -> h.createUpdate("""
        DELETE FROM notification_deliveries d USING notifications n WHERE n.id = d.notification_id AND n.recipient_id = :u""")
        .bind("u", u.id()).execute());
  }
}
