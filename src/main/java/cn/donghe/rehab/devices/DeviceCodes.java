package cn.donghe.rehab.devices;

import cn.donghe.rehab.common.Checks;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Enum codes and the small validations shared by the device services. */
final class DeviceCodes {
  static final List<String> CONDITIONS = List.of("NEW", "GOOD", "FAIR", "POOR");
  static final List<String> ITEM_STATUSES = List.of("AVAILABLE", "ON_LOAN", "IN_REPAIR", "RETIRED");
  static final List<String> OUTCOMES = List.of("IN_USE", "NOT_USED", "NEEDS_ADJUSTMENT");

  private DeviceCodes() {}

  static void oneOf(Checks c, String value, List<String> allowed, String field) {
    if (value == null) {
      c.required(null, field);
    } else {
      c.require(allowed.contains(value), field, "须为 " + String.join("、", allowed) + " 之一 / must be one of " + String.join(", ", allowed));
    }
  }

  /** Required date, not after today, not before {@code notBefore} (when given). */
  static void pastDate(Checks c, LocalDate d, LocalDate today, LocalDate notBefore, String beforeWhat, String field) {
    if (d == null) {
      c.required(null, field);
      return;
    }
    c.require(!d.isAfter(today), field, "日期不能晚于今天 / date must not be in the future");
    if (notBefore != null) {
      c.require(!d.isBefore(notBefore), field, "日期不能早于" + beforeWhat + " " + notBefore + " / date must not be before " + notBefore);
    }
  }

  /** Named values for a conditional UPDATE: ("name", value, ...). */
  static Map<String, Object> values(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  static String blank(String s) { return s == null || s.isBlank() ? null : s.strip(); }
}
