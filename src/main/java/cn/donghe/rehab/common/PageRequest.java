package cn.donghe.rehab.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** {@code ?limit=&cursor=}: limit 1..500 (default 50); the cursor is the opaque id after which to continue. */
public record PageRequest(int limit, UUID after) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;
  private static final UUID FIRST = new UUID(0, 0);

  public static PageRequest parse(String limit, String cursor) {
    int l = DEFAULT_LIMIT;
    if (limit != null && !limit.isBlank()) {
      try {
        l = Integer.parseInt(limit.trim());
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("limit", "limit 必须是 1 到 500 的整数 / limit must be an integer 1..500");
      }
      if (l < 1 || l > MAX_LIMIT) throw ApiException.badRequest("limit", "limit 必须是 1 到 500 的整数 / limit must be an integer 1..500");
    }
    UUID after = FIRST;
    if (cursor != null && !cursor.isBlank()) {
      try {
        after = UUID.fromString(new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.US_ASCII));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("cursor", "cursor 无效 / invalid cursor");
      }
    }
    return new PageRequest(l, after);
  }

  /** Rows to fetch: one more than the limit, to know whether a next page exists. */
  public int fetch() { return limit + 1; }

  static String encode(UUID id) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(id.toString().getBytes(StandardCharsets.US_ASCII));
  }
}
