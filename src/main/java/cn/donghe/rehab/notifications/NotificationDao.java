package cn.donghe.rehab.notifications;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** SQL of the outbox tables; only this feature names them. */
final class NotificationDao {
  private final Handle h;

  NotificationDao(Handle h) { this.h = h; }

  /** Inserts the notification unless its key exists; the id if it was new. */
  Optional<UUID> insertOnce(UUID id, String eventKey, UUID recipient, String kind, String paramsJson, Instant now) {
    return h.createQuery("""
        INSERT INTO notifications (id, event_key, recipient_id, kind, params, created_at)
        VALUES (:id, :key, :recipient, :kind, CAST(:params AS jsonb), :now)
        ON CONFLICT ON CONSTRAINT notifications_event_key_once DO NOTHING RETURNING id""")
        .bind("id", id).bind("key", eventKey).bind("recipient", recipient).bind("kind", kind).bind("params", paramsJson).bind("now", now)
        .mapTo(UUID.class).findOne();
  }

  void insertDelivery(UUID id, UUID notificationId, String channel, Instant now) {
    h.createUpdate("""
        INSERT INTO notification_deliveries (id, notification_id, channel, status, next_attempt_at, created_at)
        VALUES (:id, :n, :channel, 'PENDING', :now, :now) ON CONFLICT ON CONSTRAINT notification_deliveries_once DO NOTHING""")
        .bind("id", id).bind("n", notificationId).bind("channel", channel).bind("now", now).execute();
  }

  record Prefs(String email, String language, boolean emailOn, boolean webhookOn) {
    static final Prefs DEFAULT = new Prefs(null, NotificationTexts.ZH, true, true);
  }

  Prefs prefs(UUID user) {
    return h.createQuery("SELECT email, language, email_on, webhook_on FROM notification_preferences WHERE user_id = :u").bind("u", user)
        .map((rs, c) -> new Prefs(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4))).findOne().orElse(Prefs.DEFAULT);
  }

  void savePrefs(UUID user, Prefs p, Instant now) {
    h.createUpdate("""
        INSERT INTO notification_preferences (user_id, email, language, email_on, webhook_on, updated_at)
        VALUES (:u, :email, :lang, :emailOn, :webhookOn, :now)
        ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, language = EXCLUDED.language, email_on = EXCLUDED.email_on,
          webhook_on = EXCLUDED.webhook_on, updated_at = EXCLUDED.updated_at""")
        .bind("u", user).bind("email", p.email()).bind("lang", p.language()).bind("emailOn", p.emailOn()).bind("webhookOn", p.webhookOn())
        .bind("now", now).execute();
  }

  record Row(UUID id, String eventKey, String kind, Map<String, String> params, Instant createdAt, Instant readAt) {}

  private static final String ROW = "SELECT id, event_key, kind, params, created_at, read_at FROM notifications ";

  /** Newest first (ids are time-ordered); the page cursor is the last id seen, the first page's is the zero UUID. */
  List<Row> inbox(UUID recipient, UUID after, boolean unreadOnly, int fetch) {
    return h.createQuery(ROW + """
        WHERE recipient_id = :r AND (CAST(:after AS uuid) = '00000000-0000-0000-0000-000000000000' OR id < :after) AND (NOT :unread OR read_at IS NULL)
        ORDER BY id DESC LIMIT :n""")
        .bind("r", recipient).bind("after", after).bind("unread", unreadOnly).bind("n", fetch).map((rs, c) -> row(rs)).list();
  }

  Optional<Row> own(UUID recipient, UUID id) {
    return h.createQuery(ROW + "WHERE id = :id AND recipient_id = :r").bind("id", id).bind("r", recipient).map((rs, c) -> row(rs)).findOne();
  }

  long unread(UUID recipient) {
    return h.createQuery("SELECT count(*) FROM notifications WHERE recipient_id = :r AND read_at IS NULL").bind("r", recipient)
        .mapTo(Long.class).one();
  }

  void markRead(UUID id, Instant now) {
    h.createUpdate("UPDATE notifications SET read_at = :now WHERE id = :id AND read_at IS NULL").bind("id", id).bind("now", now).execute();
  }

  @SuppressWarnings("unchecked")
  private Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
    Map<String, String> params;
    try {
      params = Json.MAPPER.readValue(rs.getString("params"), Map.class);
    } catch (java.io.IOException e) {
      throw new java.sql.SQLException("bad params", e);
    }
    java.sql.Timestamp read = rs.getTimestamp("read_at");
    return new Row(rs.getObject("id", UUID.class), rs.getString("event_key"), rs.getString("kind"), params,
        rs.getTimestamp("created_at").toInstant(), read == null ? null : read.toInstant());
  }

  // ---- deliveries ----
  private static final String DELIVERY = """
      SELECT d.id, d.channel, d.status, d.attempts, d.next_attempt_at, d.last_error, d.created_at, d.delivered_at,
             n.id AS notification_id, n.event_key, n.kind, n.recipient_id, n.params
      FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
      """;

  record DeliveryRow(Delivery delivery, Map<String, String> params) {}

  /** Due PENDING deliveries to the given channels, locked; rows another worker holds are skipped, never sent twice at once. */
  List<DeliveryRow> lockDue(Instant now, int limit, String[] channels) {
    return h.createQuery(DELIVERY + "WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now AND d.channel = ANY(:channels) "
            + "ORDER BY d.next_attempt_at LIMIT :n FOR UPDATE OF d SKIP LOCKED")
        .bind("now", now).bind("n", limit).bind("channels", channels).map((rs, c) -> delivery(rs)).list();
  }

  List<Delivery> byStatus(String status, UUID after, int fetch) {
    return h.createQuery(DELIVERY + "WHERE d.status = :s AND (CAST(:after AS uuid) IS NULL OR d.id > :after) ORDER BY d.id LIMIT :n")
        .bind("s", status).bind("after", after).bind("n", fetch).map((rs, c) -> delivery(rs).delivery()).list();
  }

  Optional<Delivery> deliveryForUpdate(UUID id) {
    return h.createQuery(DELIVERY + "WHERE d.id = :id FOR UPDATE OF d").bind("id", id).map((rs, c) -> delivery(rs).delivery()).findOne();
  }

  void delivered(UUID id, Instant now) {
    h.createUpdate("UPDATE notification_deliveries SET status = 'DELIVERED', attempts = attempts + 1, delivered_at = :now, last_error = NULL WHERE id = :id")
        .bind("id", id).bind("now", now).execute();
  }

  void failed(UUID id, boolean dead, Instant next, String error) {
    h.createUpdate("""
        UPDATE notification_deliveries SET attempts = attempts + 1, status = CASE WHEN :dead THEN 'DEAD' ELSE 'PENDING' END,
          next_attempt_at = :next, last_error = left(:err, 1000) WHERE id = :id""")
        .bind("id", id).bind("dead", dead).bind("next", next).bind("err", error).execute();
  }

  void requeue(UUID id, Instant now) {
    h.createUpdate("UPDATE notification_deliveries SET status = 'PENDING', attempts = 0, next_attempt_at = :now WHERE id = :id AND status = 'DEAD'")
        .bind("id", id).bind("now", now).execute();
  }

  /** Undelivered (PENDING) count, the oldest one's creation time, and the DEAD count. */
  record Depth(long pending, Instant oldestPending, long dead) {}

  Depth depth() {
    return h.createQuery("""
        SELECT count(*) FILTER (WHERE status = 'PENDING'), min(created_at) FILTER (WHERE status = 'PENDING'), count(*) FILTER (WHERE status = 'DEAD')
        FROM notification_deliveries WHERE status <> 'DELIVERED'""")
        .map((rs, c) -> {
          java.sql.Timestamp t = rs.getTimestamp(2);
          return new Depth(rs.getLong(1), t == null ? null : t.toInstant(), rs.getLong(3));
        }).one();
  }

  @SuppressWarnings("unchecked")
  private DeliveryRow delivery(java.sql.ResultSet rs) throws java.sql.SQLException {
    Map<String, String> params;
    try {
      params = Json.MAPPER.readValue(rs.getString("params"), Map.class);
    } catch (java.io.IOException e) {
      throw new java.sql.SQLException("bad params", e);
    }
    java.sql.Timestamp delivered = rs.getTimestamp("delivered_at");
    Delivery d = new Delivery(rs.getObject("id", UUID.class), rs.getObject("notification_id", UUID.class), rs.getString("event_key"),
        rs.getString("kind"), rs.getObject("recipient_id", UUID.class), rs.getString("channel"), rs.getString("status"), rs.getInt("attempts"),
        rs.getTimestamp("next_attempt_at").toInstant(), rs.getString("last_error"), rs.getTimestamp("created_at").toInstant(),
        delivered == null ? null : delivered.toInstant());
    return new DeliveryRow(d, params);
  }

  // ---- recipients (read from the foundation's user tables; no other feature's tables) ----
  List<UUID> guardiansOf(UUID personId) {
    return h.createQuery("""
        SELECT u.id FROM guardian_children g JOIN users u ON u.id = g.user_id
        WHERE g.person_id = :p AND NOT u.disabled ORDER BY u.id""").bind("p", personId).mapTo(UUID.class).list();
  }

  List<UUID> staffOf(UUID institutionId) {
    return h.createQuery("SELECT id FROM users WHERE institution_id = :i AND NOT disabled ORDER BY id").bind("i", institutionId)
        .mapTo(UUID.class).list();
  }
}
