package cn.donghe.rehab.common;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** One page of a list: {@code {"items":[...],"nextCursor":...}}. */
public record Page<T>(List<T> items, String nextCursor) {
  /** Given up to limit+1 rows ordered by id, cut to limit and point the cursor after the last. */
  public static <T> Page<T> of(List<T> rowsPlusOne, int limit, Function<T, UUID> idOf) {
    if (rowsPlusOne.size() <= limit) return new Page<>(rowsPlusOne, null);
    List<T> items = rowsPlusOne.subList(0, limit);
    return new Page<>(List.copyOf(items), PageRequest.encode(idOf.apply(items.get(limit - 1))));
  }

  public <R> Page<R> map(Function<T, R> f) {
    return new Page<>(items.stream().map(f).toList(), nextCursor);
  }
}
