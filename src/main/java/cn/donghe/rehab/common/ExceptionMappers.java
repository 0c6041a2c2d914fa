package cn.donghe.rehab.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.glassfish.jersey.server.ParamException;
import org.jdbi.v3.core.ConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The exception mappers that replace Dropwizard's defaults: one problem+json shape for everything. */
public final class ExceptionMappers {
  private static final Logger LOG = LoggerFactory.getLogger(ExceptionMappers.class);
  private ExceptionMappers() {}

  public static List<Object> all() {
    return List.of(new ApiMapper(), new WebAppMapper(), new JsonMapper(), new ViolationMapper(), new ParamMapper(),
        new PayloadTooLargeMapper(), new DatabaseDownMapper(), new AnyMapper());
  }

  public static class ApiMapper implements ExceptionMapper<ApiException> {
    @Override public Response toResponse(ApiException e) { return Problems.of(e); }
  }

  public static class PayloadTooLargeMapper implements ExceptionMapper<BodySizeLimit.TooLarge> {
    @Override public Response toResponse(BodySizeLimit.TooLarge e) {
      return Response.fromResponse(Problems.response(413, "payload-too-large", Problems.titleFor(413),
          "请求体不能超过 1 MiB / request body must not exceed 1 MiB", null, null)).header("Connection", "close").build();
    }
  }

  public static class WebAppMapper implements ExceptionMapper<WebApplicationException> {
    @Override public Response toResponse(WebApplicationException e) {
      int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
      if (status >= 500) {
        LOG.error("Server error", e);
        return Problems.response(status, Problems.typeFor(status), Problems.titleFor(status), "服务器内部错误 / internal error", null, null);
      }
      String detail = switch (status) {
        case 404 -> "资源不存在 / resource not found";
        case 405 -> "该路径不支持此请求方法 / method not allowed on this path";
        case 406 -> "不支持请求的响应格式 / requested representation not available";
        case 415 -> "不支持的 Content-Type，请使用 application/json / unsupported media type";
        case 403 -> "您的角色无权使用此接口 / your role may not use this endpoint";
        case 401 -> "需要有效的登录令牌 / a valid bearer token is required";
        default -> "请求无效 / invalid request";
      };
      Response r = Problems.response(status, Problems.typeFor(status), Problems.titleFor(status), detail, null, null);
      if (status == 405 && e.getResponse().getHeaderString("Allow") != null) {
        return Response.fromResponse(r).header("Allow", e.getResponse().getHeaderString("Allow")).build();
      }
      return r;
    }
  }

  public static class ParamMapper implements ExceptionMapper<ParamException> {
    @Override public Response toResponse(ParamException e) {
      String name = e.getParameterName();
      return Problems.response(400, "bad-request", Problems.titleFor(400), "参数 " + name + " 格式错误 / malformed parameter " + name,
          List.of(new FieldError(name, "格式错误 / malformed")), null);
    }
  }

  public static class JsonMapper implements ExceptionMapper<JsonProcessingException> {
    @Override public Response toResponse(JsonProcessingException e) {
      if (e.getCause() instanceof BodySizeLimit.TooLarge big) return new PayloadTooLargeMapper().toResponse(big);
      if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
        String field = fieldPath(m.getPath());
        String msg;
        if (e instanceof UnrecognizedPropertyException) msg = "未知字段 / unknown field";
        else if (e instanceof InvalidFormatException f && isTemporal(f.getTargetType())) msg = "日期/时间格式应为 ISO-8601，如 2026-03-15 / expected ISO-8601, e.g. 2026-03-15";
        // only our own bilingual messages are shown (Jackson's name Java types and echo the input)
        else if (e instanceof InvalidFormatException f && f.getOriginalMessage() != null && f.getOriginalMessage().contains(" / ")
            && !f.getOriginalMessage().contains("deserialize") && !f.getOriginalMessage().contains("java.")) msg = f.getOriginalMessage();
        else if (e instanceof MismatchedInputException) msg = "类型或格式错误 / wrong type or format";
        else msg = "无效值 / invalid value";
        return Problems.response(422, "validation", Problems.titleFor(422), field + ": " + msg, List.of(new FieldError(field, msg)), null);
      }
      return Problems.response(400, "malformed-json", Problems.titleFor(400), "请求体不是有效的 JSON / request body is not valid JSON",
          List.of(new FieldError("body", "JSON 格式错误 / malformed JSON")), null);
    }

    private static boolean isTemporal(Class<?> type) {
      return type != null && java.time.temporal.Temporal.class.isAssignableFrom(type);
    }

    private static String fieldPath(List<JsonMappingException.Reference> path) {
      StringBuilder sb = new StringBuilder();
      for (JsonMappingException.Reference r : path) {
        if (r.getFieldName() != null) {
          if (sb.length() > 0) sb.append('.');
          sb.append(r.getFieldName());
        } else if (r.getIndex() >= 0) {
          sb.append('[').append(r.getIndex()).append(']');
        }
      }
      return sb.length() == 0 ? "body" : sb.toString();
    }
  }

  public static class ViolationMapper implements ExceptionMapper<ConstraintViolationException> {
    @Override public Response toResponse(ConstraintViolationException e) {
      List<FieldError> errors = new ArrayList<>();
      for (ConstraintViolation<?> v : e.getConstraintViolations()) {
        errors.add(new FieldError(field(v.getPropertyPath()), v.getMessage()));
      }
      errors.sort(Comparator.comparing(FieldError::field));
      String detail = errors.isEmpty() ? "输入无效 / invalid input" : errors.get(0).field() + ": " + errors.get(0).message();
      return Problems.response(422, "validation", Problems.titleFor(422), detail, errors, null);
    }

    /** Drops the method and parameter nodes ("create.arg0.name" -> "name"). */
    private static String field(Path path) {
      List<String> parts = new ArrayList<>();
      for (Path.Node n : path) {
        switch (n.getKind()) {
          case METHOD, PARAMETER, RETURN_VALUE, CROSS_PARAMETER -> { }
          default -> parts.add(n.getName() + (n.getIndex() != null ? "[" + n.getIndex() + "]" : ""));
        }
      }
      return parts.isEmpty() ? "body" : String.join(".", parts);
    }
  }

  /** Database unreachable or pool exhausted: fail fast with 503 so clients retry. */
  public static class DatabaseDownMapper implements ExceptionMapper<ConnectionException> {
    @Override public Response toResponse(ConnectionException e) {
      LOG.warn("Database unavailable: {}", e.getMessage());
      return Response.fromResponse(Problems.response(503, "unavailable", Problems.titleFor(503),
          "数据库暂不可用，请稍后重试 / database temporarily unavailable, retry later", null, null)).header("Retry-After", "2").build();
    }
  }

  public static class AnyMapper implements ExceptionMapper<Throwable> {
    @Override public Response toResponse(Throwable e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) root = root.getCause();
      if (root instanceof BodySizeLimit.TooLarge big) return new PayloadTooLargeMapper().toResponse(big);
      Throwable down = databaseDown(e);
      if (down != null) return new DatabaseDownMapper().toResponse(new ConnectionException(down));
      if (root instanceof org.eclipse.jetty.io.EofException || e instanceof org.eclipse.jetty.io.EofException) {
        return Problems.response(400, "bad-request", Problems.titleFor(400), "请求体不完整 / request body ended early", null, null);
      }
      LOG.error("Unhandled error", e);
      return Problems.response(500, "internal", Problems.titleFor(500), "服务器内部错误，请联系管理员并提供请求编号 / internal error; quote the request id", null, null);
    }

    /**
     * The link of the cause chain that says the database is unreachable, or null. A connection that
     * breaks mid-statement surfaces as an SQLException (state 08xxx) whose own cause is an
     * IOException, so the whole chain is searched, not only the root. 57P01-57P03 are "server
     * shutting down / starting up", 53300 "too many connections": all temporary.
     */
    static Throwable databaseDown(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t instanceof ConnectionException || t instanceof java.sql.SQLTransientConnectionException
            || t instanceof java.sql.SQLNonTransientConnectionException || t instanceof java.net.ConnectException) return t;
        if (t instanceof java.sql.SQLException s && s.getSQLState() != null) {
          String st = s.getSQLState();
          if (st.startsWith("08") || st.equals("57P01") || st.equals("57P02") || st.equals("57P03") || st.equals("53300")) return t;
        }
      }
      return null;
    }
  }
}
