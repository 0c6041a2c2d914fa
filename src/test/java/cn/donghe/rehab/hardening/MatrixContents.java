package cn.donghe.rehab.hardening;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.IdCandidates;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the API matrix's answers contain (issue 15: "what the answer contains, not only its status"), judged on
 * every answer of every cell:
 * <ul>
 *   <li>a child's full ID number appears only to those who see it in full (ADMIN within scope, the child's own
 *       guardian), and then an audit row {@code READ_ID_NUMBER} by that caller for that child was written by
 *       the same request;</li>
 *   <li>from everything a masked caller saw of a child across the whole matrix (reads, look-ups, lists, plans ...),
 *       at least {@value IdCandidates#MINIMUM} ID numbers remain possible ({@link IdCandidates});</li>
 *   <li>every look-up by a non-admin, found or not, wrote one {@code LOOKUP_PERSON} row by that caller.</li>
 * </ul>
 */
final class MatrixContents {
  private final Map<String, String> numbers = new LinkedHashMap<>();
  private final Map<String, List<IdCandidates.Seen>> seen = new LinkedHashMap<>();
  private final List<String> failures;

  MatrixContents(MatrixWorld home, MatrixWorld away, List<String> failures) {
    numbers.put(home.child, home.childIdNumber);
    numbers.put(away.child, away.childIdNumber);
    this.failures = failures;
  }

  /** The caller's audit rows of interest before a request (action + entity id -> count). */
  Map<String, Long> mark(AppUser actor) {
    return TestApp.jdbi().withHandle(h -> {
      Map<String, Long> m = new HashMap<>();
      h.createQuery("""
              SELECT action, coalesce(entity_id, ''), count(*) FROM audit_events
              WHERE actor_id = :a AND action IN ('READ_ID_NUMBER', 'LOOKUP_PERSON') GROUP BY 1, 2""")
          .bind("a", actor.id()).map((rs, ctx) -> m.put(rs.getString(1) + " " + rs.getString(2), rs.getLong(3))).list();
      return m;
    });
  }

  /**
   * Judges one answer. {@code full}: the children this caller sees in full; {@code lookup}: the request was a
   * look-up by a non-admin.
   */
  void judge(String cell, String who, AppUser actor, Set<String> full, Api.Resp r, Map<String, Long> before, boolean lookup) {
    String text = r.text();
    Map<String, Long> after = null;
    for (Map.Entry<String, String> child : numbers.entrySet()) {
      if (!text.contains(child.getValue())) continue;
      if (!full.contains(child.getKey())) {
        failures.add(cell + ": shows the full ID number of a child it sees masked");
        continue;
      }
      after = after == null ? mark(actor) : after;
      String key = "READ_ID_NUMBER " + child.getKey();
      if (after.getOrDefault(key, 0L) <= before.getOrDefault(key, 0L)) failures.add(cell + ": shows a full ID number without a READ_ID_NUMBER audit row");
    }
    if (lookup) {
      after = after == null ? mark(actor) : after;
      long was = before.entrySet().stream().filter(e -> e.getKey().startsWith("LOOKUP_PERSON")).mapToLong(Map.Entry::getValue).sum();
      long is = after.entrySet().stream().filter(e -> e.getKey().startsWith("LOOKUP_PERSON")).mapToLong(Map.Entry::getValue).sum();
      if (is != was + 1) failures.add(cell + ": a look-up by a non-admin wrote " + (is - was) + " LOOKUP_PERSON rows, not 1");
    }
    if (r.status() < 300 && r.json() != null && !r.json().isMissingNode()) collect(who, full, r.json());
  }

  /** Every object describing a child (its id as "id" next to person fields, or as "personId" next to a number). */
  private void collect(String who, Set<String> full, JsonNode n) {
    if (n.isObject()) {
      String id = n.has("idNumber") || n.has("birthYearMonth") || n.has("birthDate") ? n.path("id").asText(n.path("personId").asText()) : null;
      if (id != null && numbers.containsKey(id) && !full.contains(id)) {
        seen.computeIfAbsent(who + " of " + (id.equals(numbers.keySet().iterator().next()) ? "HOME" : "AWAY") + " child", k -> new ArrayList<>())
            .add(IdCandidates.seen(n, LocalDate.now(TestApp.context().clock())));
      }
    }
    n.forEach(c -> collect(who, full, c));
  }

  /** After the run: the candidates rule over everything each masked caller saw of each child. */
  void finish() {
    if (seen.isEmpty()) failures.add("no masked caller saw any child: the candidates check cannot fail");
    seen.forEach((k, views) -> {
      long n = IdCandidates.count(views);
      if (n < IdCandidates.MINIMUM) failures.add(k + ": " + views.size() + " views leave only " + n + " possible ID numbers");
    });
  }

  /** How many views per caller and child were judged (printed with the run). */
  Map<String, Integer> views() {
    Map<String, Integer> m = new LinkedHashMap<>();
    seen.forEach((k, v) -> m.put(k, v.size()));
    return m;
  }
}
