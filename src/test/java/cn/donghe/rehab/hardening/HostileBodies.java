package cn.donghe.rehab.hardening;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns one valid example body into hostile variants: structural ones for the whole body (malformed JSON, wrong
 * top-level type, extra and trailing content, invalid UTF-8, over 1 MiB) and, for every field (nested objects and
 * the first element of arrays included), every hostile value that fits its kind (missing, null, wrong types,
 * empty, 100k characters, SQL and HTML metacharacters, odd Unicode, NUL, lone surrogates, negative and huge
 * numbers, far past and future dates, impossible dates, invalid codes, ids that are not ids or exist nowhere).
 *
 * <p>Each variant says whether a 2xx is conceivable ({@link Mutation#mayPass}): text that is odd but valid (CJK
 * extension B, RTL and zero-width marks, SQL or HTML characters in a name), a missing or null optional field, an
 * unknown id where a lookup simply finds nothing. Everything else must be refused with 4xx.
 */
final class HostileBodies {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String LONG = "长".repeat(100_000);
  static final String SQL = "'; DROP TABLE persons;--";
  static final String HTML = "<script>alert(1)</script>";
  static final String RTL = "\u202E王小明";
  static final String ZERO_WIDTH = "王\u200B小明";
  static final String CJK_B = "𠀀𪚥";
  static final String NUL = "王\u0000明";
  /** Stands for "王\ud800明": written as the JSON escape, since no encoder writes a lone surrogate itself. */
  static final String LONE_SURROGATE = "王@@LONE@@明";

  private HostileBodies() {}

  /** One hostile request body. {@code echo} is the text a 2xx must give back at {@code field} (null: no check). */
  record Mutation(String label, String field, byte[] body, String contentType, boolean mayPass, String echo) {}

  /** {@code optionalBody}: the endpoint works without a body, so a null, empty or non-JSON one may be ignored. */
  static List<Mutation> structural(Map<String, Object> example, boolean optionalBody) {
    List<Mutation> out = new ArrayList<>();
    byte[] valid = write(example);
    String text = new String(valid, StandardCharsets.UTF_8);
    out.add(raw("malformed JSON: truncated", text.substring(0, Math.max(1, text.length() / 2))));
    out.add(raw("malformed JSON: not JSON at all", "name=王小明&x=1"));
    out.add(raw("malformed JSON: single quotes", text.replace('"', '\'')));
    out.add(raw("wrong type: array instead of object", "[" + text + "]"));
    out.add(raw("wrong type: string instead of object", "\"" + text.replace("\"", "\\\"") + "\""));
    out.add(raw("trailing content after the object", text + " {}"));
    out.add(new Mutation("JSON null body", "body", "null".getBytes(StandardCharsets.UTF_8), "application/json", optionalBody, null));
    out.add(new Mutation("empty body", "body", new byte[0], "application/json", optionalBody, null));
    Map<String, Object> extra = copy(example);
    extra.put("isAdmin", true);
    out.add(new Mutation("extra field", "isAdmin", write(extra), "application/json", false, null));
    out.add(new Mutation("wrong content type text/plain", "body", valid, "text/plain", optionalBody, null));
    out.add(new Mutation("invalid UTF-8 bytes in a string", "body", invalidUtf8(example), "application/json", false, null));
    Map<String, Object> huge = copy(example);
    huge.put(firstStringField(example, "padding"), "x".repeat(1024 * 1024 + 10));
    out.add(new Mutation("body over 1 MiB", "body", write(huge), "application/json", false, null));
    return out;
  }

  /** Bodies for endpoints that take none: junk must not hurt (2xx ignoring it, or 4xx). */
  static List<Mutation> junk() {
    List<Mutation> out = new ArrayList<>();
    out.add(new Mutation("malformed JSON body", "body", "{\"a\":".getBytes(StandardCharsets.UTF_8), "application/json", true, null));
    out.add(new Mutation("invalid UTF-8 body", "body", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, (byte) 0xFF, '"', '}'},
        "application/json", true, null));
    out.add(new Mutation("body over 1 MiB", "body", ("{\"a\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}").getBytes(StandardCharsets.UTF_8),
        "application/json", false, null));
    return out;
  }

  /**
   * Every field x every hostile value of its kind. {@code optional} names fields that may be missing, null or
   * blank; {@code freeCodes} names fields where any well-formed code is a valid new value (a catalogue code).
   */
  static List<Mutation> perField(Map<String, Object> example, List<String> optional, List<String> freeCodes) {
    List<Mutation> out = new ArrayList<>();
    walk(example, "", (path, value) -> {
      boolean opt = optional.contains(path);
      // dropping the only element of a list leaves an empty list, which is a valid answer ("no needs")
      out.add(mutate(example, path, "missing", Remove.INSTANCE, opt || path.endsWith("[0]"), null));
      out.add(mutate(example, path, "null", null, opt, null));
      for (Object v : values(value)) {
        boolean text = v instanceof String s && isText(value) && (s.equals(SQL) || s.equals(HTML) || s.equals(RTL) || s.equals(ZERO_WIDTH)
            || s.equals(CJK_B));
        boolean blank = v instanceof String s && s.isBlank() && opt;
        boolean plausible = Integer.valueOf(0).equals(v)                                   // zero is a real age, count or amount
            || (v instanceof RawValue r && r.rawValue().equals("12.5") && isMoney(value))   // money may come as a plain number
            || (v instanceof String s && s.startsWith("NOT_A_CODE_") && freeCodes.contains(path));
        out.add(mutate(example, path, describe(v), v, text || blank || plausible, text ? (String) v : null));
      }
    });
    return out;
  }

  private static boolean isMoney(Object v) { return v instanceof String s && s.matches("-?\\d+\\.\\d{2}"); }

  private static final java.util.concurrent.atomic.AtomicInteger CODES = new java.util.concurrent.atomic.AtomicInteger();

  /** The hostile values for a field holding {@code value}. */
  private static List<Object> values(Object value) {
    List<Object> v = new ArrayList<>();
    if (value instanceof String s) {
      v.add("");
      v.add("   ");
      v.add(LONG);
      v.add(NUL);
      v.add(LONE_SURROGATE);
      v.add(Map.of("a", 1));
      v.add(List.of("x"));
      if (isUuid(s)) {
        v.add("not-a-uuid");
        v.add("00000000-0000-0000-0000-000000000000'--");
        v.add(UUID.randomUUID().toString());
      } else if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
        v.addAll(List.of("0001-01-01", "9999-12-31", "2023-02-30", "+10000-01-01", "2024-1-1", "yesterday"));
      } else if (s.matches("-?\\d+\\.\\d{2}")) {
        v.addAll(List.of("-1.00", "99999999999999999999.99", "1e400", "0.001", "NaN", "１２.００"));
        v.add(new RawValue("12.5"));
      } else if (s.matches("[A-Z][A-Z0-9_]+") && !s.matches("\\d+")) {
        v.addAll(List.of("NOT_A_CODE_" + CODES.incrementAndGet(), s.toLowerCase(), s + " ", SQL));
      } else {
        v.addAll(List.of(SQL, HTML, RTL, ZERO_WIDTH, CJK_B));
      }
    } else if (value instanceof Integer) {
      v.addAll(List.of(-1, 0, Integer.MIN_VALUE, "abc", true));
      v.add(new RawValue("2147483648"));
      v.add(new RawValue("99999999999999999999999"));
      v.add(new RawValue("1e400"));
      v.add(new RawValue("1.5"));
    } else if (value instanceof Boolean) {
      v.addAll(List.of("yes", 1, Map.of()));
    } else if (value instanceof List<?>) {
      v.add("x");
      v.add(Map.of());
      v.add(new ArrayList<>(java.util.Collections.nCopies(10_000, "X")));
      List<Object> withNull = new ArrayList<>();
      withNull.add(null);
      v.add(withNull);
    } else if (value instanceof Map<?, ?>) {
      v.add("x");
      v.add(List.of());
    }
    return v;
  }

  private static boolean isText(Object original) {
    return original instanceof String s && !isUuid(s) && !s.matches("\\d{4}-\\d{2}-\\d{2}") && !s.matches("-?\\d+\\.\\d{2}")
        && !s.matches("[A-Z][A-Z0-9_]+") && !s.matches("[0-9X]{6,}");
  }

  static boolean isUuid(String s) { return s.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"); }

  private static String describe(Object v) {
    if (v instanceof String s) {
      if (s.equals(LONG)) return "100k characters";
      if (s.equals(NUL)) return "NUL character";
      if (s.equals(LONE_SURROGATE)) return "lone surrogate";
      if (s.equals(RTL)) return "RTL override U+202E";
      if (s.equals(ZERO_WIDTH)) return "zero-width space U+200B";
      if (s.equals(CJK_B)) return "CJK extension B";
      return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
    }
    if (v instanceof RawValue r) return "raw " + r.rawValue();
    if (v instanceof List<?> l && l.size() > 100) return "array of " + l.size();
    return String.valueOf(v);
  }

  // ---- tree helpers ----

  private enum Remove { INSTANCE }

  private interface Visitor { void field(String path, Object value); }

  @SuppressWarnings("unchecked")
  private static void walk(Map<String, Object> m, String prefix, Visitor v) {
    for (Map.Entry<String, Object> e : m.entrySet()) {
      String path = prefix + e.getKey();
      v.field(path, e.getValue());
      if (e.getValue() instanceof Map<?, ?> nested) walk((Map<String, Object>) nested, path + ".", v);
      if (e.getValue() instanceof List<?> list && !list.isEmpty()) {
        Object first = list.get(0);
        if (first instanceof Map<?, ?> nested) walk((Map<String, Object>) nested, path + "[0].", v);
        else v.field(path + "[0]", first);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Mutation mutate(Map<String, Object> example, String path, String label, Object value, boolean mayPass, String echo) {
    Map<String, Object> body = copy(example);
    Object container = body;
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) container = step(container, parts[i]);
    String last = parts[parts.length - 1];
    if (last.endsWith("[0]")) {
      List<Object> list = (List<Object>) ((Map<String, Object>) container).get(last.substring(0, last.length() - 3));
      if (value == Remove.INSTANCE) list.remove(0);
      else list.set(0, value);
    } else if (value == Remove.INSTANCE) {
      ((Map<String, Object>) container).remove(last);
    } else {
      ((Map<String, Object>) container).put(last, value);
    }
    return new Mutation(path + ": " + label, path, write(body), "application/json", mayPass, echo);
  }

  @SuppressWarnings("unchecked")
  private static Object step(Object container, String part) {
    if (part.endsWith("[0]")) return ((List<Object>) ((Map<String, Object>) container).get(part.substring(0, part.length() - 3))).get(0);
    return ((Map<String, Object>) container).get(part);
  }

  /** A deep, mutable copy. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> copy(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, deep(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object deep(Object v) {
    if (v instanceof Map<?, ?> m) return copy((Map<String, Object>) m);
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(deep(x)));
      return out;
    }
    return v;
  }

  static byte[] write(Object body) {
    try {
      String json = JSON.writeValueAsString(body).replace("@@LONE@@", "\\ud800");
      return json.getBytes(StandardCharsets.UTF_8);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Mutation raw(String label, String body) {
    return new Mutation(label, "body", body.getBytes(StandardCharsets.UTF_8), "application/json", false, null);
  }

  private static String firstStringField(Map<String, Object> m, String fallback) {
    return m.entrySet().stream().filter(e -> e.getValue() instanceof String).map(Map.Entry::getKey).findFirst().orElse(fallback);
  }

  /** The example with its first string value replaced by bytes that are not UTF-8. */
  private static byte[] invalidUtf8(Map<String, Object> example) {
    Map<String, Object> m = copy(example);
    String field = firstStringField(m, "padding");
    m.put(field, "@@MARK@@");
    String text = new String(write(m), StandardCharsets.UTF_8);
    int at = text.indexOf("@@MARK@@");
    byte[] head = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
    byte[] tail = text.substring(at + 8).getBytes(StandardCharsets.UTF_8);
    byte[] bad = {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
    byte[] out = new byte[head.length + bad.length + tail.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(bad, 0, out, head.length, bad.length);
    System.arraycopy(tail, 0, out, head.length + bad.length, tail.length);
    return out;
  }
}
