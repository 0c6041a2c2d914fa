package cn.donghe.rehab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Assertions on problem+json answers shared by the foundation's integration tests. */
public final class ProblemAssert {
  private ProblemAssert() {}

  /** The status, the problem+json shape, and no internals (stack traces, SQL, class names) in the body. */
  public static void problem(int status, Api.Resp r) {
    assertEquals(status, r.status(), r.toString());
    assertEquals("application/problem+json", r.contentType(), r.toString());
    assertEquals(status, r.get("status").asInt(), r.toString());
    assertTrue(r.str("type") != null && r.str("title") != null, r.toString());
    String body = r.text();
    for (String leak : List.of("Exception", "\tat ", "java.", "org.jdbi", "SQL", "psql", "cn.donghe")) {
      assertFalse(body.contains(leak), "leaks " + leak + ": " + body);
    }
  }

  /** 422 naming exactly these fields (in any order, each at least once). */
  public static void invalid(Api.Resp r, String... fields) {
    problem(422, r);
    List<String> named = fieldsOf(r);
    for (String f : fields) assertTrue(named.contains(f), "expected " + f + " in " + named + ": " + r);
  }

  public static List<String> fieldsOf(Api.Resp r) {
    List<String> named = new ArrayList<>();
    for (JsonNode e : r.get("errors")) named.add(e.path("field").asText());
    return named;
  }
}
