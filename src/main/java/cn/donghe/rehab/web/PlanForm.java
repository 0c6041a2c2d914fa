package cn.donghe.rehab.web;

import cn.donghe.rehab.plans.Intervention;
import cn.donghe.rehab.plans.Plan;
import cn.donghe.rehab.plans.PlanContent;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The plan editor's form: goals one per line in a text area, interventions as numbered rows
 * ({@code interventions[0].serviceType} ...), plus the hidden plan id and revision (the If-Match).
 * Rows left empty are dropped and the rest renumbered before the plan service sees them, so the
 * service's field names (interventions[1].setting) point at the rows the page shows again.
 */
final class PlanForm {
  static final int MAX_ROWS = 30;
  static final int BLANK_ROWS = 2;
  private static final List<String> ROW_FIELDS = List.of("serviceType", "institutionId", "setting", "sessionsPerMonth", "notes");

  private PlanForm() {}

  static String rowField(int i, String name) { return "interventions[" + i + "]." + name; }

  /** The form of an existing plan (revise) or of a new one (create, starting today, review in six months). */
  static MultivaluedMap<String, String> of(Plan plan, LocalDate today) {
    MultivaluedMap<String, String> m = new MultivaluedHashMap<>();
    if (plan == null) {
      m.putSingle("startDate", today.toString());
      m.putSingle("reviewDate", today.plusMonths(6).toString());
      m.putSingle("rows", Integer.toString(BLANK_ROWS + 1));
      return m;
    }
    m.putSingle("planId", plan.id().toString());
    m.putSingle("revision", Integer.toString(plan.revision()));
    m.putSingle("goals", String.join("\n", plan.goals().stream().map(cn.donghe.rehab.plans.Goal::text).toList()));
    m.putSingle("startDate", plan.startDate().toString());
    m.putSingle("reviewDate", plan.reviewDate().toString());
    List<Intervention> ivs = plan.interventions();
    for (int i = 0; i < ivs.size(); i++) {
      Intervention iv = ivs.get(i);
      put(m, i, "serviceType", iv.serviceType());
      put(m, i, "institutionId", iv.institutionId() == null ? null : iv.institutionId().toString());
      put(m, i, "setting", iv.setting());
      put(m, i, "sessionsPerMonth", iv.sessionsPerMonth() == null ? null : iv.sessionsPerMonth().toString());
      put(m, i, "notes", iv.notes());
    }
    m.putSingle("rows", Integer.toString(Math.min(MAX_ROWS, ivs.size() + BLANK_ROWS)));
    return m;
  }

  private static void put(MultivaluedMap<String, String> m, int i, String name, String value) {
    if (value != null) m.putSingle(rowField(i, name), value);
  }

  /** The submitted form with empty rows dropped and the rest renumbered from 0 (plus room for new rows). */
  static MultivaluedMap<String, String> compact(MultivaluedMap<String, String> form) {
    MultivaluedMap<String, String> out = new MultivaluedHashMap<>();
    form.forEach((k, v) -> { if (!k.startsWith("interventions[")) out.put(k, v); });
    int rows = rows(form);
    int n = 0;
    for (int i = 0; i < rows; i++) {
      int row = i;
      boolean empty = ROW_FIELDS.stream().allMatch(f -> Web.field(form, rowField(row, f)) == null);
      if (empty) continue;
      for (String f : ROW_FIELDS) {
        String v = Web.field(form, rowField(row, f));
        if (v != null) out.putSingle(rowField(n, f), v);
      }
      n++;
    }
    out.putSingle("rows", Integer.toString(Math.min(MAX_ROWS, n + BLANK_ROWS)));
    return out;
  }

  static int rows(MultivaluedMap<String, String> form) {
    String r = Web.field(form, "rows");
    int n = r != null && r.matches("[0-9]{1,2}") ? Integer.parseInt(r) : BLANK_ROWS + 1;
    return Math.max(1, Math.min(MAX_ROWS, n));
  }

  /** Reads the (compacted) form into plan content; unreadable numbers, dates or ids become field errors. */
  static PlanContent content(MultivaluedMap<String, String> compacted, FormInput in) {
    String goalsText = in.text("goals");
    List<String> goals = goalsText == null ? List.of()
        : Arrays.stream(goalsText.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    List<Intervention> ivs = new ArrayList<>();
    for (int i = 0; i < rows(compacted); i++) {
      int row = i;
      if (ROW_FIELDS.stream().allMatch(f -> Web.field(compacted, rowField(row, f)) == null)) continue;
      UUID inst = null;
      String rawInst = in.text(rowField(i, "institutionId"));
      if (rawInst != null) {
        try {
          inst = UUID.fromString(rawInst);
        } catch (IllegalArgumentException e) {
          in.error(rowField(i, "institutionId"), "form.badId");
        }
      }
      ivs.add(new Intervention(in.text(rowField(i, "serviceType")), inst, in.text(rowField(i, "setting")),
          in.integer(rowField(i, "sessionsPerMonth")), in.text(rowField(i, "notes"))));
    }
    return PlanContent.of(goals, ivs, in.date("startDate"), in.date("reviewDate"));
  }

  /** Labels of every field the editor shows (the error summary links each error to its row's input). */
  static Map<String, String> labels(int rows) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("goals", "plan.goals");
    m.put("interventions", "plan.interventions");
    m.put("startDate", "plan.startDate");
    m.put("reviewDate", "plan.reviewDate");
    for (int i = 0; i < rows; i++) {
      m.put(rowField(i, "serviceType"), "plan.iv.serviceType");
      m.put(rowField(i, "institutionId"), "plan.iv.institution");
      m.put(rowField(i, "setting"), "plan.iv.setting");
      m.put(rowField(i, "sessionsPerMonth"), "plan.iv.sessionsPerMonth");
      m.put(rowField(i, "notes"), "plan.iv.notes");
    }
    return m;
  }
}
