package cn.donghe.rehab.auth;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * The batched deletes of {@link TokenPurgeJob}: each removes at most {@code n} dead rows, skipping rows another
 * transaction holds, behind a transaction-level advisory lock that lets one pass at a time through.
 */
final class PurgeDao {
  private static final long LOCK = 0x7265686162L; // "rehab"
  private final Handle h;

  PurgeDao(Handle h) { this.h = h; }

  /** False when another instance is purging right now (the lock ends with this transaction). */
  boolean tryLock() {
    return h.createQuery("SELECT pg_try_advisory_xact_lock(:k)").bind("k", LOCK).mapTo(Boolean.class).one();
  }

  /** Tokens that expired or were revoked by {@code now}. */
  int tokens(Instant now, int n) {
    return h.createUpdate("""
        DELETE FROM auth_tokens WHERE token_hash IN (
          SELECT token_hash FROM auth_tokens WHERE expires_at <= :now OR revoked_at <= :now LIMIT :n FOR UPDATE SKIP LOCKED)""")
        .bind("now", now).bind("n", n).execute();
  }

  /** Login-throttle rows whose window started before {@code windowStart}. */
  int loginThrottle(Instant windowStart, int n) {
    return h.createUpdate("""
        DELETE FROM login_throttle WHERE ctid IN (
          SELECT ctid FROM login_throttle WHERE window_start < :now LIMIT :n FOR UPDATE SKIP LOCKED)""")
        .bind("now", windowStart).bind("n", n).execute();
  }

  /** Sliding-window limit rows none of whose attempts is at or after {@code cutoff}. */
  int rateLimits(Instant cutoff, int n) {
    return h.createUpdate("""
        DELETE FROM rate_limits WHERE ctid IN (SELECT ctid FROM rate_limits r
          WHERE NOT EXISTS (SELECT 1 FROM unnest(r.stamps) AS s WHERE s >= :now) LIMIT :n FOR UPDATE SKIP LOCKED)""")
        .bind("now", cutoff).bind("n", n).execute();
  }
}
