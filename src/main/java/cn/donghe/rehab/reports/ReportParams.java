package cn.donghe.rehab.reports;

import cn.donghe.rehab.common.ApiException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * The query of a report: all optional; malformed values answer 400 naming the parameter. {@code month}: the month
 * PLAN_ADHERENCE counts (default the last full month, or December of a past year).
 */
public record ReportParams(Integer year, String regionCode, GroupBy groupBy, LocalDate asOf, int definitionVersion, YearMonth month) {
  /** The definition in force (need-matched counting, DESIGN section 8); 1 reproduces figures published before it. */
  public static final int CURRENT_DEFINITION = 2;

  /** Under the definition in force. */
  public ReportParams(Integer year, String regionCode, GroupBy groupBy, LocalDate asOf) {
    this(year, regionCode, groupBy, asOf, CURRENT_DEFINITION, null);
  }

  public ReportParams(Integer year, String regionCode, GroupBy groupBy, LocalDate asOf, int definitionVersion) {
    this(year, regionCode, groupBy, asOf, definitionVersion, null);
  }

  static ReportParams parse(String year, String regionCode, String groupBy, String asOf) {
    return parse(year, regionCode, groupBy, asOf, null, null);
  }

  static ReportParams parse(String year, String regionCode, String groupBy, String asOf, String definitionVersion, String month) {
    return new ReportParams(year(year), regionCode(regionCode), GroupBy.parse(groupBy), date(asOf, "asOf"), definitionVersion(definitionVersion),
        month(month));
  }

  /** The same query for another month. */
  public ReportParams withMonth(YearMonth m) {
    return new ReportParams(year, regionCode, groupBy, asOf, definitionVersion, m);
  }

  /** YYYY-MM within 2000..2100, or null when absent; anything else answers 400 naming month. */
  public static YearMonth month(String raw) {
    if (raw == null || raw.isBlank()) return null;
    String msg = "month 须为 YYYY-MM（2000 到 2100 年）/ month must be YYYY-MM (2000..2100)";
    String s = raw.trim();
    if (!s.matches("[0-9]{4}-[0-9]{2}")) throw ApiException.badRequest("month", msg);
    try {
      YearMonth m = YearMonth.parse(s);
      if (m.getYear() < 2000 || m.getYear() > 2100) throw ApiException.badRequest("month", msg);
      return m;
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("month", msg);
    }
  }

  /** 1 or 2 (default 2); anything else answers 400 naming definitionVersion. */
  public static int definitionVersion(String raw) {
    if (raw == null || raw.isBlank()) return CURRENT_DEFINITION;
    return switch (raw.trim()) {
      case "1" -> 1;
      case "2" -> 2;
      default -> throw ApiException.badRequest("definitionVersion",
          "definitionVersion 须为 1（任意服务）或 2（按评估需求匹配，默认）/ definitionVersion must be 1 (any service) or 2 (need-matched, the default)");
    };
  }

  static Integer year(String raw) {
    if (raw == null || raw.isBlank()) return null;
    String msg = "year 须为 2000 到 2100 的整数 / year must be an integer 2000..2100";
    try {
      int y = Integer.parseInt(raw.trim());
      if (y < 2000 || y > 2100) throw ApiException.badRequest("year", msg);
      return y;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("year", msg);
    }
  }

  static String regionCode(String raw) {
    if (raw == null || raw.isBlank()) return null;
    String s = raw.trim();
    if (!s.matches("[0-9]{12}")) throw ApiException.badRequest("regionCode", "区划代码为 12 位数字 / regionCode must be 12 digits");
    return s;
  }

  static LocalDate date(String raw, String name) {
    if (raw == null || raw.isBlank()) return null;
    try {
      return LocalDate.parse(raw.trim());
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(name, name + " 须为 YYYY-MM-DD / " + name + " must be YYYY-MM-DD");
    }
  }
}
