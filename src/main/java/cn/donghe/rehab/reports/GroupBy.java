package cn.donghe.rehab.reports;

import cn.donghe.rehab.common.ApiException;
import java.util.List;

/** How a report is broken down. TOWN_CATEGORY (query value "TOWN,CATEGORY") is two levels: key "townCode/CATEGORY". */
public enum GroupBy {
  TOWN("TOWN"), COMMUNITY("COMMUNITY"), CATEGORY("CATEGORY"), GRADE("GRADE"), TOWN_CATEGORY("TOWN,CATEGORY");

  private final String param;

  GroupBy(String param) { this.param = param; }

  public String param() { return param; }

  /** null when absent; 400 naming groupBy when unknown. */
  static GroupBy parse(String raw) {
    if (raw == null || raw.isBlank()) return null;
    String s = raw.trim().toUpperCase().replace(" ", "");
    for (GroupBy g : values()) if (g.param.equals(s) || g.name().equals(s)) return g;
    throw ApiException.badRequest("groupBy", "groupBy 须为 TOWN、COMMUNITY、CATEGORY、GRADE 或 TOWN,CATEGORY / groupBy must be TOWN, COMMUNITY, "
        + "CATEGORY, GRADE or TOWN,CATEGORY");
  }

  /** The SQL key expressions over a row's region, category and grade columns (one or two levels). */
  List<String> keys(String region, String category, String grade) {
    String town = "substr(" + region + ", 1, 9) || '000'";
    return switch (this) {
      case TOWN -> List.of(town);
      case COMMUNITY -> List.of(region);
      case CATEGORY -> List.of(category);
      case GRADE -> List.of("coalesce(CAST(" + grade + " AS text), 'NONE')");
      case TOWN_CATEGORY -> List.of(town, category);
    };
  }
}
