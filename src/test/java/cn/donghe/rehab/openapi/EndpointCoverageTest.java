package cn.donghe.rehab.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
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

  static Set<String> served() {
    ResourceConfig config = TestApp.support().getEnvironment().jersey().getResourceConfig();
    Set<Class<?>> classes = new LinkedHashSet<>(config.getClasses());
    config.getInstances().forEach(o -> classes.add(o.getClass()));
    config.getSingletons().forEach(o -> classes.add(o.getClass()));
    Set<String> out = new TreeSet<>();
    for (Class<?> c : classes) {
      if (!Resource.isAcceptable(c) || Resource.getPath(c) == null) continue;
      walk(Resource.from(c), "", out);
    }
    out.removeIf(e -> !e.substring(e.indexOf(' ') + 1).startsWith("/api/v1/"));
    return out;
  }

  private static void walk(Resource r, String parent, Set<String> out) {
    String path = normalise(parent + "/" + (r.getPath() == null ? "" : r.getPath()));
    for (ResourceMethod m : r.getResourceMethods()) out.add(m.getHttpMethod() + " " + path);
    for (Resource child : r.getChildResources()) walk(child, path, out);
    if (r.getResourceLocator() != null) {
      Class<?> sub = r.getResourceLocator().getInvocable().getRawResponseType();
      walk(Resource.builder(sub).path("").build(), path, out);
    }
  }

  static String normalise(String path) {
    String p = path.replaceAll("\\{\\s*([^}:\\s]+)\\s*(:[^}]*)?}", "{$1}").replaceAll("/+", "/");
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

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
