package cn.donghe.rehab.auth;

import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what authentication no longer needs: tokens that expired or were revoked, login-throttle
 * rows whose window has passed, and, where those tables exist, look-up throttle rows likewise and
 * {@code rate_limits} rows without an attempt in the last day.
 * Runs every {@code auth.purgeEvery} (default 1 h). Each pass deletes in batches of {@link #BATCH}
 * rows per transaction and only rows that are dead by then, so it is idempotent; two instances
 * running it at once only share the work (a transaction-level advisory lock lets one pass at a
 * time through, the other skips).
 */
public final class TokenPurgeJob implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(TokenPurgeJob.class);
  static final int BATCH = 5_000;
  /** Longer than any rate-limit window (login 15 min, look-ups 10 min). */
  static final Duration RATE_LIMIT_RETENTION = Duration.ofDays(1);
  private final Jdbi jdbi;
  private final Clock clock;
  private final AuthConfig config;
  private ScheduledExecutorService executor;

  public TokenPurgeJob(Jdbi jdbi, Clock clock, AuthConfig config) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.config = config;
  }

  @Override public void start() {
    Duration every = config.getPurgeEvery().toJavaDuration();
    if (every.isZero()) return;
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "auth-purge");
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(this::runLogged, Math.min(60_000, every.toMillis()), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override public void stop() throws InterruptedException {
    if (executor == null) return;
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }

  private void runLogged() {
    try {
      Map<String, Integer> n = runOnce();
      if (n.values().stream().mapToInt(Integer::intValue).sum() > 0) LOG.info("auth purge: deleted {}", n);
    } catch (RuntimeException e) {
      LOG.warn("auth purge failed (next pass retries): {}", e.toString());
    }
  }

  /** One pass at the clock's now; rows deleted per table (empty when another instance holds the pass). */
  public Map<String, Integer> runOnce() {
    Instant now = clock.instant();
    Instant windowStart = now.minus(config.getFailedLoginWindow().toJavaDuration());
    Map<String, Integer> deleted = new LinkedHashMap<>();
    deleted.put("auth_tokens", batched((dao, n) -> dao.tokens(now, n)));
    deleted.put("login_throttle", batched((dao, n) -> dao.loginThrottle(windowStart, n)));
    // sliding-window limits (login per user and per address, look-up misses): a row none of whose
    // attempts is younger than a day counts for no window any more
    deleted.put("rate_limits", batched((dao, n) -> dao.rateLimits(now.minus(RATE_LIMIT_RETENTION), n)));
    return deleted;
  }

  private int batched(java.util.function.BiFunction<PurgeDao, Integer, Integer> delete) {
    int total = 0;
    while (true) {
      Integer n = jdbi.inTransaction(h -> {
        PurgeDao dao = new PurgeDao(h);
        return dao.tryLock() ? delete.apply(dao, BATCH) : null;
      });
      if (n == null) return total; // another instance is purging right now
      total += n;
      if (n < BATCH) return total;
    }
  }
}
