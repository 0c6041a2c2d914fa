package cn.donghe.rehab.devices;

import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.Ids;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** Query parameter parsing for the device resources: malformed values are 400 naming the parameter. */
final class Params {
  private Params() {}

  static Boolean bool(String raw, String name) {
    String s = DeviceCodes.blank(raw);
    if (s == null) return null;
    if (s.equals("true")) return true;
    if (s.equals("false")) return false;
    throw ApiException.badRequest(name, name + " 须为 true 或 false / must be true or false");
  }

  static LocalDate date(String raw, String name) {
    String s = DeviceCodes.blank(raw);
    if (s == null) return null;
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(name, name + " 须为 YYYY-MM-DD 日期 / must be a date YYYY-MM-DD");
    }
  }

  static UUID id(String raw, String name) {
    String s = DeviceCodes.blank(raw);
    if (s == null) return null;
    try {
      if (s.length() != 36) throw new IllegalArgumentException();
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(name, name + " 不是有效的编号 / malformed id");
    }
  }

  static String code(String raw, String name, List<String> allowed) {
    String s = DeviceCodes.blank(raw);
    if (s == null) return null;
    if (!allowed.contains(s)) throw ApiException.badRequest(name, name + " 须为 " + String.join("|", allowed) + " / must be one of " + String.join(", ", allowed));
    return s;
  }

  static UUID path(String raw, String what) { return Ids.parseOrNotFound(raw, what); }
}
