package cn.donghe.rehab.common;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;

/** Builds problem+json responses. */
public final class Problems {
  private Problems() {}

  public static Response response(int status, String type, String title, String detail,
                                  List<FieldError> errors, Map<String, Object> context) {
    Problem p = new Problem(type.startsWith("http") ? type : Problem.TYPE_BASE + type, title, status, detail,
        errors == null || errors.isEmpty() ? null : errors, MDC.get(RequestIdFilter.MDC_KEY),
        context == null || context.isEmpty() ? null : context);
    return Response.status(status).type(Problem.MEDIA_TYPE).header("Cache-Control", "no-store").entity(p).build();
  }

  public static Response of(ApiException e) {
    Response r = response(e.status(), e.type(), e.title(), e.getMessage(), e.errors(), e.context());
    if (e.headers().isEmpty()) return r;
    Response.ResponseBuilder b = Response.fromResponse(r);
    e.headers().forEach(b::header);
    return b.build();
  }

  public static String titleFor(int status) {
    return switch (status) {
      case 400 -> "请求格式错误 Bad request";
      case 401 -> "未登录或令牌无效 Unauthorized";
      case 403 -> "无权操作 Forbidden";
      case 404 -> "未找到 Not found";
      case 405 -> "不支持的请求方法 Method not allowed";
      case 406 -> "不支持的响应格式 Not acceptable";
      case 409 -> "与当前状态冲突 Conflict";
      case 412 -> "版本已过期 Precondition failed";
      case 413 -> "请求体过大 Payload too large";
      case 415 -> "不支持的媒体类型 Unsupported media type";
      case 422 -> "输入无效 Validation failed";
      case 428 -> "缺少前置条件 Precondition required";
      case 429 -> "尝试次数过多 Too many requests";
      case 503 -> "服务暂不可用 Service unavailable";
      default -> status >= 500 ? "服务器内部错误 Internal error" : "请求错误 Request error";
    };
  }

  public static String typeFor(int status) {
    return switch (status) {
      case 400 -> "bad-request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 406 -> "not-acceptable";
      case 409 -> "conflict";
      case 412 -> "precondition-failed";
      case 413 -> "payload-too-large";
      case 415 -> "unsupported-media-type";
      case 422 -> "validation";
      case 428 -> "precondition-required";
      case 429 -> "too-many-requests";
      case 503 -> "unavailable";
      default -> status >= 500 ? "internal" : "error";
    };
  }
}
