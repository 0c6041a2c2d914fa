package cn.donghe.rehab.web;

import cn.donghe.rehab.plans.PlanRevision;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PlanService's field-level diff in words: "目标 2" / "Goal 2", "干预措施 1 · 每月次数" and the values
 * before and after with codes, dates and institutions translated for the reader.
 */
final class PlanDiffView {
  /** One changed field as the page shows it. */
  public record Row(String field, String before, String after) {}

  /** One revision's changes against the one before it. */
  public record Revision(PlanRevision.Diff diff, List<Row> rows) {}

  private static final Pattern GOAL = Pattern.compile("goals\\[(\\d+)]");
  private static final Pattern IV = Pattern.compile("interventions\\[(\\d+)](?:\\.(\\w+))?");
  private final WebPage page;
  private final Map<UUID, String> institutionNames;

  PlanDiffView(WebPage page, Map<UUID, String> institutionNames) {
    this.page = page;
    this.institutionNames = institutionNames;
  }

  List<Revision> revisions(List<PlanRevision.Diff> diffs) {
    return diffs.stream().map(d -> new Revision(d, d.changes().stream().map(this::row).toList())).toList();
  }

  Row row(PlanRevision.Change c) {
    Matcher g = GOAL.matcher(c.path());
    if (g.matches()) return new Row(page.t("diff.goal", Integer.parseInt(g.group(1)) + 1), text(c.before(), null), text(c.after(), null));
    Matcher iv = IV.matcher(c.path());
    if (iv.matches()) {
      String row = page.t("diff.intervention", Integer.parseInt(iv.group(1)) + 1);
      String field = iv.group(2);
      if (field == null) return new Row(row, intervention(c.before()), intervention(c.after()));
      return new Row(row + " · " + page.t(fieldKey(field)), text(c.before(), field), text(c.after(), field));
    }
    return switch (c.path()) {
      case "startDate" -> new Row(page.t("plan.startDate"), text(c.before(), "date"), text(c.after(), "date"));
      case "reviewDate" -> new Row(page.t("plan.reviewDate"), text(c.before(), "date"), text(c.after(), "date"));
      default -> new Row(c.path(), text(c.before(), null), text(c.after(), null));
    };
  }

  private static String fieldKey(String field) {
    return switch (field) {
      case "serviceType" -> "plan.iv.serviceType";
      case "institutionId" -> "plan.iv.institution";
      case "setting" -> "plan.iv.setting";
      case "sessionsPerMonth" -> "plan.iv.sessionsPerMonth";
      default -> "plan.iv.notes";
    };
  }

  private String text(JsonNode v, String field) {
    if (v == null || v.isNull()) return page.t("diff.none");
    String s = v.asText();
    if (field == null) return s;
    return switch (field) {
      case "serviceType" -> page.code("serviceType", s);
      case "setting" -> page.code("setting", s);
      case "institutionId" -> name(s);
      case "date", "startDate", "reviewDate" -> page.date(LocalDate.parse(s));
      default -> s;
    };
  }

  /** A whole intervention added or removed, in one line. */
  private String intervention(JsonNode v) {
    if (v == null || v.isNull()) return page.t("diff.none");
    Function<String, String> f = k -> v.hasNonNull(k) ? v.get(k).asText() : null;
    StringBuilder sb = new StringBuilder(page.code("serviceType", f.apply("serviceType")));
    if (f.apply("sessionsPerMonth") != null) sb.append("，").append(page.t("plan.sessionsPerMonth", v.get("sessionsPerMonth").asInt()));
    if (f.apply("setting") != null) sb.append("，").append(page.code("setting", f.apply("setting")));
    if (f.apply("institutionId") != null) sb.append("（").append(name(f.apply("institutionId"))).append("）");
    if (f.apply("notes") != null) sb.append("。").append(f.apply("notes"));
    return sb.toString();
  }

  private String name(String id) {
    try {
      return institutionNames.getOrDefault(UUID.fromString(id), id);
    } catch (IllegalArgumentException e) {
      return id;
    }
  }
}
