package cn.donghe.rehab.devices;

import cn.donghe.rehab.common.Actor;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.notifications.NotificationEvent;
import cn.donghe.rehab.notifications.OutboxService;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily loan-reminder job. Run for day D it records, for every OPEN loan, each configured step
 * (due date + offset) whose date is on or before D, not before the loan started, and not yet recorded
 * for that due date; so missed days are caught up, and running twice records nothing new
 * (the database's unique (loan, due date, step) makes that true even for two instances at once).
 * "Due soon" steps whose due date has already passed are not sent late: the overdue steps take over.
 * Each recorded step is also published to the notification outbox in the same transaction (issue 21): to the
 * person's guardians (in-app, and e-mail/webhook when configured) and, when overdue, to the lending institution's
 * staff. Then it hands undelivered steps to the log channel ({@code reminders.channel}).
 */
public final class ReminderJob implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(ReminderJob.class);
  private final Jdbi jdbi;
  private final Clock clock;
  private final AuditLog audit;
  private final ReminderConfig config;
  private final NotificationChannel channel;
  private final OutboxService notifications;
  private final List<Integer> offsets;
  private ScheduledExecutorService executor;

  public ReminderJob(Jdbi jdbi, Clock clock, AuditLog audit, ReminderConfig config, NotificationChannel channel,
                     OutboxService notifications) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.audit = audit;
    this.config = config;
    this.channel = channel;
    this.notifications = notifications;
    List<Integer> o = new ArrayList<>(new java.util.TreeSet<>(config.getOffsetsDays()));
    this.offsets = Collections.unmodifiableList(o);
  }

  /** What one run did. */
  public record Run(LocalDate day, int recorded, int delivered) {}

  @Override public void start() {
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "loan-reminders");
      t.setDaemon(true);
      return t;
    });
    // a restart after today's run time catches up at once (the run is idempotent)
    ZonedDateTime now = ZonedDateTime.now(clock);
    if (!now.toLocalTime().isBefore(config.getRunAt())) executor.execute(this::runToday);
    scheduleNext();
    LOG.info("loan reminders scheduled daily at {} ({}), steps {}", config.getRunAt(), clock.getZone(), offsets);
  }

  @Override public void stop() throws InterruptedException {
    if (executor == null) return;
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }

  private void scheduleNext() {
    Duration wait = untilNextRun(ZonedDateTime.now(clock), config.getRunAt());
    executor.schedule(() -> {
      runToday();
      scheduleNext();
    }, wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void runToday() {
    try {
      Run r = runFor(LocalDate.now(clock));
      LOG.info("loan reminders for {}: {} recorded, {} delivered", r.day(), r.recorded(), r.delivered());
    } catch (RuntimeException e) {
      LOG.error("loan reminder run failed", e);
    }
  }

  /** Time until the next {@code runAt} strictly after {@code now}, in now's zone (DST-safe via ZonedDateTime). */
  static Duration untilNextRun(ZonedDateTime now, LocalTime runAt) {
    ZonedDateTime next = now.toLocalDate().atTime(runAt).atZone(now.getZone());
    if (!next.isAfter(now)) next = now.toLocalDate().plusDays(1).atTime(runAt).atZone(now.getZone());
    return Duration.between(now, next);
  }

  public List<Integer> offsets() { return offsets; }

  /** Records the reminders due on {@code day} (and missed earlier ones), then delivers pending ones. */
  public Run runFor(LocalDate day) {
    int recorded = offsets.isEmpty() ? 0 : jdbi.inTransaction(h -> record(h, day));
    return new Run(day, recorded, deliverPending());
  }

  /** Records the reminders due on {@code day} in the caller's transaction (the demo loader's); nothing is delivered. */
  public int recordIn(Handle h, LocalDate day) {
    return offsets.isEmpty() ? 0 : record(h, day);
  }

  private int record(Handle h, LocalDate day) {
    LoanNotificationDao dao = new LoanNotificationDao(h);
    List<LoanNotificationDao.DueStep> due = dao.dueSteps(offsets, day);
    Instant now = clock.instant();
    List<UUID> ids = new ArrayList<>();
    for (LoanNotificationDao.DueStep c : due) {
      UUID id = Ids.newId();
      if (dao.insertOnce(id, c, kind(c.offset()), message(c, day), channel.name(), now)) {
        ids.add(id);
        publish(h, c, day);
      }
    }
    if (!ids.isEmpty()) {
      Map<String, Object> after = new LinkedHashMap<>();
      after.put("day", day.toString());
      after.put("recorded", ids.size());
      after.put("notificationIds", ids);
      audit.record(h, Actor.SYSTEM, "RECORD_REMINDERS", "loan_notifications", day, null, after);
    }
    return ids.size();
  }

  /** Hands undelivered notifications to the channel; SKIP LOCKED lets several instances share the work. */
  int deliverPending() {
    int total = 0;
    while (true) {
      int n = jdbi.inTransaction(h -> {
        LoanNotificationDao dao = new LoanNotificationDao(h);
        List<LoanNotification> batch = dao.lockUndelivered(200);
        int sent = 0;
        for (LoanNotification x : batch) {
          try {
            channel.send(x);
          } catch (Exception e) {
            LOG.warn("reminder {} not delivered: {}", x.id(), e.getMessage());
            continue;
          }
          dao.markDelivered(x.id(), clock.instant());
          sent++;
        }
        return batch.isEmpty() ? -1 : sent;
      });
      if (n <= 0) return total;
      total += n;
    }
  }

  /** The step's outbox events; their keys name loan, due date and step, so a step is told once per recipient. */
  private void publish(Handle h, LoanNotificationDao.DueStep c, LocalDate day) {
    String key = "loan:" + c.loanId() + ":due:" + c.due() + ":step:" + c.offset();
    Map<String, String> params = Map.of("item", c.typeName(), "serial", c.serial(), "due", c.due().toString(),
        "days", Long.toString(Math.abs(ChronoUnit.DAYS.between(day, c.due()))));
    NotificationEvent.Kind kind = c.offset() < 0 ? NotificationEvent.Kind.LOAN_DUE_SOON
        : c.offset() == 0 ? NotificationEvent.Kind.LOAN_DUE_TODAY : NotificationEvent.Kind.LOAN_OVERDUE;
    for (UUID guardian : notifications.guardiansOf(h, c.personId())) {
      notifications.publish(h, new NotificationEvent(key, kind, guardian, params));
    }
    if (c.offset() > 0) {
      for (UUID staff : notifications.staffOf(h, c.institutionId())) {
        notifications.publish(h, new NotificationEvent(key, NotificationEvent.Kind.INSTITUTION_LOAN_OVERDUE, staff, params));
      }
    }
  }

  static String kind(int offset) {
    return offset < 0 ? "DUE_SOON" : offset == 0 ? "DUE_TODAY" : "OVERDUE";
  }

  private static String message(LoanNotificationDao.DueStep c, LocalDate day) {
    String what = c.typeName() + "（编号 " + c.serial() + "）";
    long days = ChronoUnit.DAYS.between(day, c.due());
    if (days > 0) return "您借用的" + what + "将于 " + c.due() + " 到期（还有 " + days + " 天），请按时归还或办理续借。";
    if (days == 0) return "您借用的" + what + "今天（" + c.due() + "）到期，请按时归还或办理续借。";
    return "您借用的" + what + "已于 " + c.due() + " 到期，已逾期 " + (-days) + " 天，请尽快归还。";
  }
}
