package cn.donghe.rehab.notifications;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The outbox (DESIGN section 14). Features call {@link #publish} inside their own transaction, so a notification
 * exists exactly when the change causing it committed; the worker delivers it to the outside channels later.
 */
public final class OutboxService {
  private final Jdbi jdbi;
  private final Clock clock;
  private final AuditLog audit;
  private final boolean emailOn;
  private final boolean webhookOn;

  OutboxService(Jdbi jdbi, Clock clock, AuditLog audit, boolean emailOn, boolean webhookOn) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.audit = audit;
    this.emailOn = emailOn;
    this.webhookOn = webhookOn;
  }

  /** An outbox without outside channels (demo loaders, tools): notifications are in-app only. */
  public static OutboxService inAppOnly(Jdbi jdbi, Clock clock, AuditLog audit) {
    return new OutboxService(jdbi, clock, audit, false, false);
  }

  /**
   * Records the event for its recipient in the caller's transaction; the same event key for the same recipient
   * again (a retry, a second instance) records nothing. Returns whether a notification was written.
   */
  public boolean publish(Handle h, NotificationEvent e) {
    NotificationDao dao = new NotificationDao(h);
    Instant now = clock.instant();
    String key = e.eventKey() + "@" + e.recipientId();
    Optional<UUID> id = dao.insertOnce(Ids.newId(), key, e.recipientId(), e.kind().name(), json(e.params()), now);
    if (id.isEmpty()) return false;
    NotificationDao.Prefs p = dao.prefs(e.recipientId());
    if (emailOn && p.emailOn() && p.email() != null) dao.insertDelivery(Ids.newId(), id.get(), "EMAIL", now);
    if (webhookOn && p.webhookOn()) dao.insertDelivery(Ids.newId(), id.get(), "WEBHOOK", now);
    return true;
  }

  /** Users who are guardians of the person (recipients of the person's notifications). */
  public List<UUID> guardiansOf(Handle h, UUID personId) { return new NotificationDao(h).guardiansOf(personId); }

  /** The (enabled) users of an institution. */
  public List<UUID> staffOf(Handle h, UUID institutionId) { return new NotificationDao(h).staffOf(institutionId); }

  public Page<InboxItem> inbox(AppUser u, boolean unreadOnly, PageRequest page) {
    return jdbi.withHandle(h -> {
      NotificationDao dao = new NotificationDao(h);
      String lang = dao.prefs(u.id()).language();
      List<InboxItem> rows = new ArrayList<>();
      for (NotificationDao.Row r : dao.inbox(u.id(), page.after(), unreadOnly, page.fetch())) rows.add(item(r, lang));
      return Page.of(rows, page.limit(), InboxItem::id);
    });
  }

  public UnreadCount unread(AppUser u) {
    return jdbi.withHandle(h -> new UnreadCount(new NotificationDao(h).unread(u.id())));
  }

  /** Marks one's own notification read (again: no change); someone else's is 404. */
  public InboxItem markRead(AppUser u, UUID id) {
    return jdbi.inTransaction(h -> {
      NotificationDao dao = new NotificationDao(h);
      dao.own(u.id(), id).orElseThrow(() -> ApiException.notFound("通知 notification"));
      dao.markRead(id, clock.instant());
      return item(dao.own(u.id(), id).orElseThrow(), dao.prefs(u.id()).language());
    });
  }

  public Preferences preferences(AppUser u) {
    return jdbi.withHandle(h -> toBody(new NotificationDao(h).prefs(u.id())));
  }

  public Preferences savePreferences(AppUser u, Preferences body) {
    if (body.language() == null || !List.of(NotificationTexts.ZH, NotificationTexts.EN).contains(body.language())) {
      throw ApiException.invalid("language", "zh-CN 或 en / zh-CN or en");
    }
    if (body.emailOn() == null) throw ApiException.invalid("emailOn", "必填 / required");
    if (body.webhookOn() == null) throw ApiException.invalid("webhookOn", "必填 / required");
    String email = body.email() == null || body.email().isBlank() ? null : body.email().strip();
    if (email != null && !email.matches("^[^@\\s]{1,64}@[^@\\s]{1,190}$")) throw ApiException.invalid("email", "不是电子邮件地址 / not an e-mail address");
    NotificationDao.Prefs p = new NotificationDao.Prefs(email, body.language(), body.emailOn(), body.webhookOn());
    return jdbi.inTransaction(h -> {
      NotificationDao dao = new NotificationDao(h);
      NotificationDao.Prefs before = dao.prefs(u.id());
      dao.savePrefs(u.id(), p, clock.instant());
      audit.record(h, u, "SET_NOTIFICATION_PREFERENCES", "notification_preferences", u.id(),
          Map.of("emailSet", before.email() != null, "language", before.language()), Map.of("emailSet", email != null, "language", p.language()));
      return toBody(p);
    });
  }

  /** ADMIN: deliveries in a status (DEAD: the dead-letter list). */
  public Page<Delivery> deliveries(String status, PageRequest page) {
    return jdbi.withHandle(h -> Page.of(new NotificationDao(h).byStatus(status, page.after(), page.fetch()), page.limit(), Delivery::id));
  }

  /** ADMIN: puts a DEAD delivery back in the queue with fresh attempts; 404 unknown, 409 not DEAD. */
  public Delivery retry(AppUser admin, UUID id) {
    return jdbi.inTransaction(h -> {
      NotificationDao dao = new NotificationDao(h);
      Delivery d = dao.deliveryForUpdate(id).orElseThrow(() -> ApiException.notFound("投递 delivery"));
      if (!"DEAD".equals(d.status())) {
        throw ApiException.conflict("delivery-not-dead", "只能重试死信 / only a DEAD delivery can be retried").with("currentStatus", d.status());
      }
      dao.requeue(id, clock.instant());
      audit.record(h, admin, "RETRY_DELIVERY", "notification_deliveries", id, Map.of("status", "DEAD"), Map.of("status", "PENDING"));
      return dao.deliveryForUpdate(id).orElseThrow();
    });
  }

  /** Undelivered messages and the age of the oldest, for metrics and the health check. */
  public record Backlog(long pending, Duration oldestAge, long dead) {}

  public Backlog backlog() {
    NotificationDao.Depth d = jdbi.withHandle(h -> new NotificationDao(h).depth());
    Duration age = d.oldestPending() == null ? Duration.ZERO : Duration.between(d.oldestPending(), clock.instant());
    return new Backlog(d.pending(), age.isNegative() ? Duration.ZERO : age, d.dead());
  }

  private static InboxItem item(NotificationDao.Row r, String lang) {
    return new InboxItem(r.id(), r.eventKey(), r.kind(), NotificationTexts.subject(lang, r.kind(), r.params()),
        NotificationTexts.body(lang, r.kind(), r.params()), r.createdAt(), r.readAt());
  }

  private static Preferences toBody(NotificationDao.Prefs p) {
    return new Preferences(p.email(), p.language(), p.emailOn(), p.webhookOn());
  }

  private static String json(Map<String, String> params) {
    try {
      return Json.MAPPER.writeValueAsString(params);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
