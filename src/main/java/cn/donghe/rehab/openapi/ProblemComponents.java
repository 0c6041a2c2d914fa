package cn.donghe.rehab.openapi;

import cn.donghe.rehab.common.Problem;
import cn.donghe.rehab.common.Problems;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shared error shape (RFC 9457 problem+json), the error responses that use it, and the bearer scheme. */
final class ProblemComponents {
  static final String BEARER = "bearerAuth";
  static final String PROBLEM = "Problem";

  /** Status -> component response name; the order is the order they appear in each operation. */
  static final Map<Integer, String> RESPONSES = new LinkedHashMap<>();
  static {
    RESPONSES.put(400, "BadRequest");
    RESPONSES.put(401, "Unauthorized");
    RESPONSES.put(403, "Forbidden");
    RESPONSES.put(404, "NotFound");
    RESPONSES.put(409, "Conflict");
    RESPONSES.put(412, "PreconditionFailed");
    RESPONSES.put(413, "PayloadTooLarge");
    RESPONSES.put(422, "ValidationFailed");
    RESPONSES.put(428, "PreconditionRequired");
    RESPONSES.put(429, "TooManyRequests");
  }

  private static final Map<Integer, String> WHEN = Map.of(
      400, "请求格式错误（JSON 或查询参数）/ malformed JSON body or query parameter",
      401, "未登录或令牌无效/过期 / no, invalid or expired bearer token",
      403, "该角色无权使用此接口 / the caller's role may not use this endpoint at all",
      404, "编号不存在，或记录不在调用者的范围内（不泄露是否存在）/ unknown id, or a record outside the caller's scope",
      409, "与当前状态冲突（重复、重叠、非法状态转换、物品不可用）/ conflict with the current state",
      412, "If-Match 版本已过期 / stale If-Match revision",
      413, "请求体超过 1 MiB / request body larger than 1 MiB",
      422, "输入无效；errors 列出每个无效字段 / validation failed; errors names every invalid field",
      428, "缺少必需的 If-Match 头 / the required If-Match header is missing",
      429, "尝试次数过多，请按 Retry-After 等待 / too many attempts; wait Retry-After seconds");

  private ProblemComponents() {}

  static void addTo(Components c) {
    c.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("opaque")
        .description("POST /api/v1/auth/token 取得的令牌，放在 Authorization: Bearer <token> / the token from POST /api/v1/auth/token"));
    c.addSchemas("FieldError", new ObjectSchema()
        .description("一个无效的输入字段 / one invalid input field")
        .addProperty("field", new StringSchema().description("字段路径，如 idNumber 或 guardian.phone / field path").example("idNumber"))
        .addProperty("message", new StringSchema().description("中文在前，英文在后 / zh-CN first, then English").example("校验位错误 / wrong check digit"))
        .required(List.of("field", "message")));
    c.addSchemas(PROBLEM, problemSchema());
    RESPONSES.forEach((status, name) -> c.addResponses(name, response(status)));
    c.addResponses("Error", new ApiResponse().description("其他错误（405、406、415、500、503 等），同样是 problem+json / any other error, also problem+json")
        .content(problemContent(500)));
  }

  private static Schema<?> problemSchema() {
    return new ObjectSchema()
        .description("RFC 9457 问题详情：本 API 唯一的错误格式 / RFC 9457 problem details: the one error shape of this API")
        .addProperty("type", new StringSchema().description("问题类型 URI / problem type URI").example(Problem.TYPE_BASE + "validation"))
        .addProperty("title", new StringSchema().example(Problems.titleFor(422)))
        .addProperty("status", new IntegerSchema().minimum(java.math.BigDecimal.valueOf(400)).maximum(java.math.BigDecimal.valueOf(599)).example(422))
        .addProperty("detail", new StringSchema().example("idNumber: 校验位错误 / wrong check digit"))
        .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError"))
            .description("无效字段（422、部分 400）/ invalid fields (422, some 400)"))
        .addProperty("requestId", new StringSchema().description("与响应头 X-Request-Id 相同 / same as the X-Request-Id response header"))
        // the wire has no "context" member: Problem writes its context as top-level extension members (RFC 9457 3.2)
        .additionalProperties(new Schema<>().description("扩展成员：与问题相关的附加信息，如 field、currentStatus、existingContractId，"
            + "CSV 导入的 imported、rejected、valid、dryRun / extension members about the problem, e.g. field, currentStatus, "
            + "existingContractId; imported, rejected, valid, dryRun of a rejected CSV import"))
        .required(List.of("type", "title", "status"));
  }

  private static ApiResponse response(int status) {
    ApiResponse r = new ApiResponse().description(WHEN.get(status)).content(problemContent(status));
    if (status == 429) {
      r.addHeaderObject("Retry-After", new Header().description("等待秒数 / seconds to wait").schema(new IntegerSchema()));
    }
    return r;
  }

  private static Content problemContent(int status) {
    Map<String, Object> example = new LinkedHashMap<>();
    example.put("type", Problem.TYPE_BASE + Problems.typeFor(status));
    example.put("title", Problems.titleFor(status));
    example.put("status", status);
    example.put("detail", WHEN.getOrDefault(status, "服务器内部错误 / internal error"));
    if (status == 422) example.put("errors", List.of(Map.of("field", "idNumber", "message", "校验位错误 / wrong check digit")));
    example.put("requestId", "0f8fad5b-d9cb-469f-a165-70867728950e");
    return new Content().addMediaType(Problem.MEDIA_TYPE,
        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)).example(example));
  }

  static ApiResponse ref(int status) {
    return new ApiResponse().$ref("#/components/responses/" + RESPONSES.get(status));
  }
}
