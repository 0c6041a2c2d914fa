package cn.donghe.rehab.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.ServedEndpoints;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The document names exactly the endpoints the running application serves under /api/v1: enumerated with
 * Jersey's own resource model from the classes and instances registered with the application, independent
 * of swagger-core.
 */
class EndpointCoverageTest {
  @Test
  void documentNamesEveryRegisteredEndpoint_andNoOther() {
    Set<String> served = served();
    Set<String> documented = documented(TestApp.anonymous().get("/openapi.json").json());
    Set<String> missing = new TreeSet<>(served);
    missing.removeAll(documented);
    Set<String> extra = new TreeSet<>(documented);
    extra.removeAll(served);
    assertTrue(missing.isEmpty(), "served but not in the OpenAPI document: " + missing);
    assertTrue(extra.isEmpty(), "in the OpenAPI document but not served: " + extra);
    assertTrue(served.contains("POST /api/v1/persons") && served.contains("GET /api/v1/openapi.json"), served.toString());
  }

  @Test
  void pathNormalisation_dropsRegexesAndSlashes() {
    assertEquals("/api/v1/plans/{planId}", normalise("/api/v1//plans/{planId : [0-9a-f-]+}/"));
  }

  static Set<String> served() { return ServedEndpoints.all(); }

  static String normalise(String path) { return ServedEndpoints.normalise(path); }

  static Set<String> documented(JsonNode doc) {
    Set<String> out = new TreeSet<>();
    doc.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(verb -> {
      if (Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace").contains(verb)) {
        out.add(verb.toUpperCase() + " " + normalise(p.getKey()));
      }
    }));
    return out;
  }
}
