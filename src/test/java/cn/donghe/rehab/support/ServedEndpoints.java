package cn.donghe.rehab.support;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * Every endpoint the running application serves under /api/v1, as "METHOD /api/v1/path/{param}", enumerated with
 * Jersey's own resource model from the classes and instances registered with the application (shared by
 * the API-description coverage test and the authorization matrix). A resource added tomorrow shows up here without anyone listing it.
 */
public final class ServedEndpoints {
  private ServedEndpoints() {}

  public static Set<String> all() {
    Set<String> out = everything();
    out.removeIf(e -> !e.substring(e.indexOf(' ') + 1).startsWith("/api/v1/"));
    return out;
  }

  /** Everything else the application serves: the web pages and forms, sign-in, preferences, the API reference. */
  public static Set<String> pages() {
    Set<String> out = everything();
    out.removeIf(e -> e.substring(e.indexOf(' ') + 1).startsWith("/api/v1/"));
    return out;
  }

  private static Set<String> everything() {
    ResourceConfig config = TestApp.support().getEnvironment().jersey().getResourceConfig();
    Set<Class<?>> classes = new LinkedHashSet<>(config.getClasses());
    config.getInstances().forEach(o -> classes.add(o.getClass()));
    config.getSingletons().forEach(o -> classes.add(o.getClass()));
    Set<String> out = new TreeSet<>();
    for (Class<?> c : classes) {
      if (!Resource.isAcceptable(c) || Resource.getPath(c) == null) continue;
      walk(Resource.from(c), "", out);
    }
    return out;
  }

  /** The write endpoints (POST, PUT, PATCH, DELETE). */
  public static Set<String> writes() {
    Set<String> out = new TreeSet<>(all());
    out.removeIf(e -> !(e.startsWith("POST ") || e.startsWith("PUT ") || e.startsWith("PATCH ") || e.startsWith("DELETE ")));
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

  public static String normalise(String path) {
    String p = path.replaceAll("\\{\\s*([^}:\\s]+)\\s*(:[^}]*)?}", "{$1}").replaceAll("/+", "/");
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  /** True when a concrete path (query string ignored) fits the endpoint's template. */
  public static boolean fits(String template, String concretePath) {
    String path = concretePath.replaceFirst("\\?.*", "");
    String regex = Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
    return Pattern.matches(regex, path);
  }
}
