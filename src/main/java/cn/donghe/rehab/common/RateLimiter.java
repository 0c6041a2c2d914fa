package cn.donghe.rehab.common;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Sliding-window limits kept in PostgreSQL (table {@code rate_limits}), safe under concurrency and across
 * several service instances: an attempt is <em>reserved</em> before the work it limits (a password hash, a
 * look-up) with one atomic statement that only succeeds while fewer than {@code max} attempts fall in the
 * window; the caller then keeps the reservation (it counted: a failed login, a look-up miss), releases it
 * (it did not count: a hit) or resets the key (a successful login ends the run of consecutive failures).
 * Each statement runs in its own short transaction, so the row lock is held only for that statement.
 */
public final class RateLimiter {
  private final Jdbi jdbi;

  public RateLimiter(Jdbi jdbi) { this.jdbi = jdbi; }

  /** A reserved attempt (key and the instant it was counted at), to release later. */
  public record Reservation(String key, Instant at) {}

  /** A refusal: the limit is reached; the oldest counted attempt leaves the window in {@code retryAfter}. */
  public record Refused(Duration retryAfter) {
    /** Whole seconds for a {@code Retry-After} header, at least 1. */
    public long seconds() {
      long s = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
      return Math.max(1, s);
    }
  }

  /** The outcome of {@link #reserve}: exactly one of the two is present. */
  public record Outcome(Optional<Reservation> reservation, Optional<Refused> refused) {
    public boolean ok() { return reservation.isPresent(); }
  }

  /** Counts one attempt for {@code key} unless {@code max} attempts already fall within {@code window} before {@code now}. */
  public Outcome reserve(String key, int max, Duration window, Instant at) {
    Instant now = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS); // what timestamptz keeps, exactly
    Instant since = now.minus(window);
    boolean reserved = jdbi.withHandle(h -> new RateLimitDao(h).reserve(key, now, since, max));
    if (reserved) return new Outcome(Optional.of(new Reservation(key, now)), Optional.empty());
    Instant oldest = jdbi.withHandle(h -> new RateLimitDao(h).oldestAfter(key, since)).orElse(null);
    Duration wait = oldest == null ? Duration.ofSeconds(1) : Duration.between(now, oldest.plus(window));
    return new Outcome(Optional.empty(), Optional.of(new Refused(wait.isNegative() ? Duration.ofSeconds(1) : wait)));
  }

  /** Un-counts a reservation (one occurrence of its instant); nothing when it already left the window. */
  public void release(Reservation r) {
    if (r == null) return;
    jdbi.useHandle(h -> new RateLimitDao(h).removeStamp(r.key(), r.at()));
  }

  /** Forgets every counted attempt of a key (a successful login). */
  public void reset(String key) {
    jdbi.useHandle(h -> new RateLimitDao(h).delete(key));
  }
}
