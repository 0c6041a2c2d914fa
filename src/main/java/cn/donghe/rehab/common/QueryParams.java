package cn.donghe.rehab.common;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** Parses optional query parameters of every resource; blank means absent, a malformed value is 400 naming the parameter. */
public final class QueryParams {
  private QueryParams() {}

  public static String blank(String s) { return s == null || s.isBlank() ? null : s.trim(); }

  public static UUID uuid(String raw, String name) {
    String s = blank(raw);
    if (s == null) return null;
    try {
      if (s.length() != 36) throw new IllegalArgumentException();
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(name, name + " 不是有效的编号 / " + name + " is not a valid id");
    }
  }

  public static LocalDate date(String raw, String name) {
    String s = blank(raw);
    if (s == null) return null;
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(name, name + " 须为 YYYY-MM-DD / " + name + " must be YYYY-MM-DD");
    }
  }

  public static Integer intIn(String raw, String name, int min, int max) {
    String s = blank(raw);
    if (s == null) return null;
    String msg = name + " 须为 " + min + " 到 " + max + " 的整数 / " + name + " must be an integer " + min + ".." + max;
    try {
      int v = Integer.parseInt(s);
      if (v < min || v > max) throw ApiException.badRequest(name, msg);
      return v;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name, msg);
    }
  }

  public static String regionCode(String raw) {
    String s = blank(raw);
    if (s != null && !s.matches("[0-9]{12}")) throw ApiException.badRequest("regionCode", "区划代码为 12 位数字 / regionCode must be 12 digits");
    return s;
  }

  public static Boolean bool(String raw, String name) {
    String s = blank(raw);
    if (s == null) return null;
    if (s.equals("true")) return true;
    if (s.equals("false")) return false;
    throw ApiException.badRequest(name, name + " 须为 true 或 false / " + name + " must be true or false");
  }

  public static String code(String raw, String name, List<String> allowed) {
    String s = blank(raw);
    if (s == null) return null;
    if (!allowed.contains(s)) {
      throw ApiException.badRequest(name, name + " 须为 " + String.join("|", allowed) + " / " + name + " must be one of " + String.join(", ", allowed));
    }
    return s;
  }

  /** A path id: malformed is 404 like an unknown one (the path names a thing, not a parameter). */
  public static UUID path(String raw, String what) { return Ids.parseOrNotFound(raw, what); }
}
