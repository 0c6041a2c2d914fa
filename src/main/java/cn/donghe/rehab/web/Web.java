package cn.donghe.rehab.web;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Small helpers shared by the page resources. */
final class Web {
  static final String HTML = "text/html;charset=UTF-8";

  private Web() {}

  /** Post/Redirect/Get: after a successful POST the browser loads the result with GET. */
  static Response seeOther(String path) {
    return Response.seeOther(URI.create(path)).build();
  }

  /** A page answering a refused service call keeps the refusal's Retry-After (throttled log-ins and look-ups). */
  static Response withRetryAfter(Response page, cn.donghe.rehab.common.ApiException e) {
    String retry = e.headers().get("Retry-After");
    return retry == null ? page : Response.fromResponse(page).header("Retry-After", retry).build();
  }

  /** A trimmed form value, or null when blank. */
  static String field(MultivaluedMap<String, String> form, String name) {
    String v = form == null ? null : form.getFirst(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  static List<String> fields(MultivaluedMap<String, String> form, String name) {
    List<String> v = form == null ? null : form.get(name);
    return v == null ? List.of() : v.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).toList();
  }

  static String blank(String s) { return s == null || s.isBlank() ? null : s.strip(); }

  /** A UUID typed into a form, or null when blank; {@code bad} collects fields that are not UUIDs. */
  static UUID uuid(String value, String field, List<String> bad) {
    if (value == null) return null;
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      bad.add(field);
      return null;
    }
  }

  /** Several UUIDs separated by commas, spaces or new lines. */
  static List<UUID> uuids(String value, String field, List<String> bad) {
    List<UUID> out = new ArrayList<>();
    if (value == null) return out;
    for (String part : value.split("[,，\\s]+")) {
      if (part.isBlank()) continue;
      UUID u = uuid(part, field, bad);
      if (u != null) out.add(u);
    }
    return out;
  }
}
