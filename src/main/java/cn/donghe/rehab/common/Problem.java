package cn.donghe.rehab.common;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * RFC 9457 problem details; the one error shape of the API. Context values (e.g. currentStatus,
 * existingContractId) are extension members at the top level of the object.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors,
                      String requestId, @JsonIgnore Map<String, Object> context) {
  public static final String MEDIA_TYPE = "application/problem+json";
  @JsonAnyGetter
  public Map<String, Object> extensions() { return context == null ? Map.of() : context; }

  public static final String TYPE_BASE = "https://donghe.rehab/problems/";
}
