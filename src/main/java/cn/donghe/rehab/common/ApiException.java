package cn.donghe.rehab.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal with a status, a problem type and a message (zh first, then en). Thrown from services
 * and mapped to problem+json; nothing is written because the transaction rolls back.
 */
public class ApiException extends RuntimeException {
  private final int status;
  private final String type;
  private final String title;
  private final List<FieldError> errors;
  private final Map<String, Object> context = new LinkedHashMap<>();
  private final Map<String, String> headers = new LinkedHashMap<>();

  public ApiException(int status, String type, String title, String detail, List<FieldError> errors) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = errors == null ? List.of() : List.copyOf(errors);
  }

  public static ApiException notFound(String what) {
    return new ApiException(404, "not-found", "未找到 Not found", what + " 不存在或不在您的权限范围内 / " + what + " not found", null);
  }

  public static ApiException conflict(String type, String detail) {
    return new ApiException(409, type, "与当前状态冲突 Conflict", detail, null);
  }

  public static ApiException invalid(String field, String message) {
    return new ApiException(422, "validation", "输入无效 Validation failed", message, List.of(new FieldError(field, message)));
  }

  public static ApiException invalid(List<FieldError> errors) {
    String detail = errors.isEmpty() ? "输入无效 / invalid input" : errors.get(0).field() + ": " + errors.get(0).message();
    return new ApiException(422, "validation", "输入无效 Validation failed", detail, errors);
  }

  public static ApiException badRequest(String field, String message) {
    return new ApiException(400, "bad-request", "请求格式错误 Bad request", message,
        field == null ? null : List.of(new FieldError(field, message)));
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(403, "forbidden", "无权操作 Forbidden", detail, null);
  }

  public ApiException with(String key, Object value) { context.put(key, value); return this; }
  public ApiException header(String name, String value) { headers.put(name, value); return this; }

  public int status() { return status; }
  public String type() { return type; }
  public String title() { return title; }
  public List<FieldError> errors() { return errors; }
  public Map<String, Object> context() { return context; }
  public Map<String, String> headers() { return headers; }
}
