package cn.donghe.rehab.common;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rows of rate_limits: per key, the instants of the attempts still counted (see {@link RateLimiter}). */
final class RateLimitDao {
  private final Handle h;

  RateLimitDao(Handle h) { this.h = h; }

  /** Appends {@code now} (dropping stamps not after {@code since}) unless {@code max} stamps are after {@code since}; true when appended. */
  boolean reserve(String key, Instant now, Instant since, int max) {
    return h.createQuery("""
            INSERT INTO rate_limits AS r (key, stamps) VALUES (:k, ARRAY[CAST(:now AS timestamptz)])
            ON CONFLICT (key) DO UPDATE
              SET stamps = ARRAY(SELECT s FROM unnest(r.stamps) AS s WHERE s > :since ORDER BY s) || CAST(:now AS timestamptz)
              WHERE (SELECT count(*) FROM unnest(r.stamps) AS s WHERE s > :since) < :max
            RETURNING 1""")
        .bind("k", key).bind("now", now).bind("since", since).bind("max", max).mapTo(Integer.class).findOne().isPresent();
  }

  Optional<Instant> oldestAfter(String key, Instant since) {
    return h.createQuery("SELECT min(s) FROM rate_limits, unnest(stamps) AS s WHERE key = :k AND s > :since")
        .bind("k", key).bind("since", since).mapTo(Instant.class).findOne();
  }

  /** Removes one occurrence of {@code at} from the key's stamps. */
  void removeStamp(String key, Instant at) {
    h.createUpdate("""
            UPDATE rate_limits SET stamps = ARRAY(
                SELECT t.s FROM unnest(stamps) WITH ORDINALITY AS t(s, i)
                WHERE t.i <> array_position(stamps, CAST(:at AS timestamptz)) ORDER BY t.i)
            WHERE key = :k AND array_position(stamps, CAST(:at AS timestamptz)) IS NOT NULL""")
        .bind("k", key).bind("at", at).execute();
  }

  void delete(String key) {
    h.createUpdate("DELETE FROM rate_limits WHERE key = :k").bind("k", key).execute();
  }
}
