package cn.donghe.rehab.notifications;

import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers due PENDING deliveries. Each batch is one transaction that locks its rows with FOR UPDATE SKIP LOCKED, so
 * any number of instances may run a worker and no row is sent by two at once. A row is marked DELIVERED in the same
 * transaction after the channel accepted it: a crash in between sends it again (at least once; receivers drop
 * repeats by event key), never loses it. A failure waits firstRetryAfter * 2^(attempts-1) (capped), and after
 * maxAttempts the row is DEAD. A worker takes only rows of the channels it has; rows of a channel switched off stay
 * PENDING (and the health check says so).
 */
public final class DeliveryWorker implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
  private static final int BATCH = 20;
  private final Jdbi jdbi;
  private final Clock clock;
  private final NotificationConfig config;
  private final Map<String, Channel> channels;
  private ScheduledExecutorService executor;

  DeliveryWorker(Jdbi jdbi, Clock clock, NotificationConfig config, Map<String, Channel> channels) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.config = config;
    this.channels = Map.copyOf(channels);
  }

  /** What one run did. */
  public record Run(int delivered, int failed, int dead) {}

  @Override public void start() {
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "notification-delivery");
      t.setDaemon(true);
      return t;
    });
    long every = config.getPollInterval().toMilliseconds();
    executor.scheduleWithFixedDelay(this::runSafely, every, every, TimeUnit.MILLISECONDS);
    LOG.info("notification delivery every {} ms to {}", every, channels.keySet());
  }

  @Override public void stop() throws InterruptedException {
    if (executor == null) return;
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }

  private void runSafely() {
    try {
      Run r = runOnce();
      if (r.delivered() + r.failed() > 0) LOG.info("notifications: {} delivered, {} failed, {} dead", r.delivered(), r.failed(), r.dead());
    } catch (RuntimeException e) {
      LOG.error("notification delivery run failed", e);
    }
  }

  /** Delivers everything due now, batch by batch. */
  public Run runOnce() {
    int delivered = 0;
    int failed = 0;
    int dead = 0;
    while (true) {
      int[] r = jdbi.inTransaction(h -> batch(new NotificationDao(h)));
      if (r[3] == 0) return new Run(delivered, failed, dead);
      delivered += r[0];
      failed += r[1];
      dead += r[2];
      if (r[0] == 0) return new Run(delivered, failed, dead); // all failed: do not spin on this run
    }
  }

  private int[] batch(NotificationDao dao) {
    List<NotificationDao.DeliveryRow> due = dao.lockDue(clock.instant(), BATCH, channels.keySet().toArray(new String[0]));
    int[] counts = {0, 0, 0, due.size()};
    for (NotificationDao.DeliveryRow row : due) {
      Delivery d = row.delivery();
      try {
        send(dao, d, row.params());
        dao.delivered(d.id(), clock.instant());
        counts[0]++;
      } catch (Exception e) {
        boolean isDead = d.attempts() + 1 >= config.getMaxAttempts();
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        dao.failed(d.id(), isDead, clock.instant().plus(backoff(d.attempts() + 1)), error);
        LOG.warn("delivery {} ({}, attempt {}) failed{}: {}", d.id(), d.channel(), d.attempts() + 1, isDead ? ", now DEAD" : "", error);
        counts[1]++;
        if (isDead) counts[2]++;
      }
    }
    return counts;
  }

  private void send(NotificationDao dao, Delivery d, Map<String, String> params) throws Exception {
    Channel c = channels.get(d.channel());
    if (c == null) throw new IllegalStateException("channel " + d.channel() + " is not configured");
    NotificationDao.Prefs p = dao.prefs(d.recipientId());
    String subject = NotificationTexts.subject(p.language(), d.kind(), params);
    String text = NotificationTexts.body(p.language(), d.kind(), params);
    c.send(new OutgoingMessage(d.id(), d.eventKey(), d.kind(), d.recipientId(), p.email(), p.language(), subject, text));
  }

  /** Wait before attempt n+1 after n failures: first * 2^(n-1), at most max. */
  Duration backoff(int failures) {
    Duration first = Duration.ofMillis(config.getFirstRetryAfter().toMilliseconds());
    Duration max = Duration.ofMillis(config.getMaxRetryAfter().toMilliseconds());
    int shift = Math.min(Math.max(failures - 1, 0), 30);
    Duration d = first.multipliedBy(1L << shift);
    return d.compareTo(max) > 0 ? max : d;
  }

  Instant now() { return clock.instant(); }
}
