package cn.donghe.rehab.reports;

import cn.donghe.rehab.common.ApiException;
import java.util.List;

/** How a report is broken down. TOWN_CATEGORY (query value "TOWN,CATEGORY") is two levels: key "townCode/CATEGORY". */
public enum GroupBy {
  TOWN("TOWN"), COMMUNITY("COMMUNITY"), CATEGORY("CATEGORY"), GRADE("GRADE"), TOWN_CATEGORY("TOWN,CATEGORY"),
  /** The person's age in whole years on the as-of date: 0-6, 7-14, 15-17, 18-59, 60+. */
  AGE_BAND("AGE_BAND"),
  /** The person's sex: M, F. */
  SEX("SEX");

  private final String param;

  GroupBy(String param) { this.param = param; }

  public String param() { return param; }

  /** null when absent; 400 naming groupBy when unknown. */
  static GroupBy parse(String raw) {
    if (raw == null || raw.isBlank()) return null;
    String s = raw.trim().toUpperCase().replace(" ", "");
    for (GroupBy g : values()) if (g.param.equals(s) || g.name().equals(s)) return g;
    throw ApiException.badRequest("groupBy", "groupBy 须为 TOWN、COMMUNITY、CATEGORY、GRADE、TOWN,CATEGORY、AGE_BAND 或 SEX / groupBy must be "
        + "TOWN, COMMUNITY, CATEGORY, GRADE, TOWN,CATEGORY, AGE_BAND or SEX");
  }

  /**
   * True for the groupings by a property of the person that the per-group counters do not keep (the age band moves
   * with the as-of day): those reports join the persons instead.
   */
  boolean byPerson() { return this == AGE_BAND || this == SEX; }

  /** The age bands' keys in order. */
  static final List<String> AGE_BANDS = List.of("0-6", "7-14", "15-17", "18-59", "60+");

  /**
   * The SQL key expressions over a row's region, category and grade columns (one or two levels); AGE_BAND and SEX
   * over the persons row {@code p} (age on the as-of day, written where {@code {asOf}} stands as a date literal, so
   * that the expression is the same text in SELECT, GROUPING and GROUP BY — bind parameters would differ).
   */
  List<String> keys(String region, String category, String grade) {
    String town = "substr(" + region + ", 1, 9) || '000'";
    return switch (this) {
      case AGE_BAND -> List.of("""
          CASE WHEN p.birth_date > {asOf} - interval '7 years' THEN '0-6'
               WHEN p.birth_date > {asOf} - interval '15 years' THEN '7-14'
               WHEN p.birth_date > {asOf} - interval '18 years' THEN '15-17'
               WHEN p.birth_date > {asOf} - interval '60 years' THEN '18-59' ELSE '60+' END""");
      case SEX -> List.of("CAST(p.gender AS text)");
      case TOWN -> List.of(town);
      case COMMUNITY -> List.of(region);
      case CATEGORY -> List.of(category);
      case GRADE -> List.of("coalesce(CAST(" + grade + " AS text), 'NONE')");
      case TOWN_CATEGORY -> List.of(town, category);
    };
  }
}
