package cn.donghe.rehab.plans;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Field-level difference of two JSON trees: objects by key ({@code a.b}), arrays by position
 * ({@code goals[1]}); a missing value is reported as null. Equal subtrees report nothing.
 */
public final class JsonDiff {
  private JsonDiff() {}

  public static List<PlanRevision.Change> diff(JsonNode before, JsonNode after) {
    List<PlanRevision.Change> out = new ArrayList<>();
    walk("", absent(before) ? null : before, absent(after) ? null : after, out);
    return out;
  }

  private static boolean absent(JsonNode n) { return n == null || n.isMissingNode() || n.isNull(); }

  private static void walk(String path, JsonNode a, JsonNode b, List<PlanRevision.Change> out) {
    if (a == null && b == null) return;
    if (a != null && a.equals(b)) return;
    if (a != null && b != null && a.isObject() && b.isObject()) {
      Set<String> keys = new LinkedHashSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) keys.add(it.next());
      for (String k : keys) walk(path.isEmpty() ? k : path + "." + k, node(a.get(k)), node(b.get(k)), out);
      return;
    }
    if (a != null && b != null && a.isArray() && b.isArray()) {
      for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
        walk(path + "[" + i + "]", i < a.size() ? node(a.get(i)) : null, i < b.size() ? node(b.get(i)) : null, out);
      }
      return;
    }
    out.add(new PlanRevision.Change(path.isEmpty() ? "$" : path, a, b));
  }

  private static JsonNode node(JsonNode n) { return absent(n) ? null : n; }
}
