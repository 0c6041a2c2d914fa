package cn.donghe.rehab.common;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Opaque ids: time-ordered UUIDs (version 7, RFC 9562), so keyset paging by id follows creation
 * order and new rows land at the right end of the primary-key index.
 */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private Ids() {}

  public static UUID newId() {
    long millis = System.currentTimeMillis();
    long rand = RANDOM.nextLong();
    long msb = (millis << 16) | 0x7000L | ((rand >>> 52) & 0x0FFFL);
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  /** Parses an id from a URL or body; unparseable ids are simply unknown (404), never 500. */
  public static UUID parseOrNotFound(String raw, String what) {
    try {
      if (raw == null || raw.length() != 36) throw new IllegalArgumentException();
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound(what);
    }
  }
}
