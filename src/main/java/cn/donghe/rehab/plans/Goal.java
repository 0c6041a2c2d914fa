package cn.donghe.rehab.plans;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan goal (DESIGN section 12): a text with its outcome status. Given as a plain string it means PROPOSED and is
 * kept (and answered) as that string, so plans written before goal objects read as they were written; given as
 * {@code {"text","status"}} it is answered as an object. Anything else is kept as an invalid goal that the rules
 * answer with 422 naming {@code goals[i]}.
 */
public record Goal(String text, String status, boolean plain) {
  public static final List<String> STATUSES = List.of("PROPOSED", "IN_PROGRESS", "ACHIEVED", "NOT_ACHIEVED");

  /** The object form, for the OpenAPI description. */
  @Schema(name = "GoalObject")
  public record Item(@Schema(requiredMode = REQUIRED, maxLength = 500) String text,
                     @Schema(requiredMode = REQUIRED, allowableValues = {"PROPOSED", "IN_PROGRESS", "ACHIEVED", "NOT_ACHIEVED"})
                     String status) {}

  public static Goal plain(String text) { return new Goal(text, "PROPOSED", true); }

  public static Goal of(String text, String status) { return new Goal(text, status, false); }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static Goal from(JsonNode n) {
    if (n == null || n.isNull()) return new Goal(null, null, false);
    if (n.isTextual()) return plain(n.asText());
    if (n.isObject()) {
      JsonNode t = n.path("text");
      JsonNode s = n.path("status");
      String status = s.isMissingNode() || s.isNull() ? null : s.isTextual() ? s.asText() : s.toString();
      return new Goal(t.isTextual() ? t.asText() : null, status, false);
    }
    return new Goal(null, null, false);
  }

  @JsonValue
  Object json() {
    if (plain) return text;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("text", text);
    m.put("status", status);
    return m;
  }

  /** For templates: the status when it was given as an object, else null (a plain goal shows no status). */
  public String shownStatus() { return plain ? null : status; }
}
