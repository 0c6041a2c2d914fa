package cn.donghe.rehab.openapi;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns what swagger-core read from the resources into the API's contract: stable operation ids, summaries,
 * roles, security, the standard problem+json errors, required headers and the real success status.
 * Everything is derived from each operation's Java method, so endpoints added later are covered unchanged.
 */
final class ApiCustomiser {
  static final String API_PREFIX = "/api/v1";
  /** Headers DESIGN requires on these operations even if a resource reads them without {@code @HeaderParam}. */
  private static final Map<String, String> REQUIRED_HEADERS = Map.of(
      "POST /api/v1/sessions", "Idempotency-Key",
      "PUT /api/v1/plans/{}", "If-Match");

  /** Operations that take If-Match but do not require it (a plan review adds to the plan rather than replacing it). */
  private static final Set<String> OPTIONAL_IF_MATCH = Set.of("POST /api/v1/plans/{planId}/review");

  private final Map<Operation, Method> methods;
  private final Set<String> operationIds = new HashSet<>();
  private final Set<String> tags = new TreeSet<>();
  private Components components;

  ApiCustomiser(Map<Operation, Method> methods) { this.methods = methods; }

  void customise(OpenAPI api) {
    if (api.getComponents() == null) api.setComponents(new Components());
    components = api.getComponents();
    ProblemComponents.addTo(api.getComponents());
    Paths kept = new Paths();
    new TreeMap<>(api.getPaths() == null ? Map.<String, PathItem>of() : api.getPaths()).forEach((path, item) -> {
      if (!path.equals(API_PREFIX) && !path.startsWith(API_PREFIX + "/")) return;
      item.readOperationsMap().forEach((verb, op) -> operation(path, verb, op));
      kept.addPathItem(path, item);
    });
    api.setPaths(kept);
    api.setTags(tags.stream().map(t -> new Tag().name(t).description(t + " 相关接口 / " + t + " endpoints")).toList());
    pruneUnusedResponses(api);
    Map<String, Schema> schemas = api.getComponents().getSchemas();
    if (schemas != null) {
      FieldCodes.apply(schemas);
      Nullability.apply(schemas);
    }
    Examples.apply(api);
    pruneUnusedSchemas(api);
  }

  /**
   * Schemas no API operation reaches (directly or through other schemas) are left out: swagger-core also reads the
   * page resources' return types (WebPage, FormState ...), which are not part of the API.
   */
  private static void pruneUnusedSchemas(OpenAPI api) {
    Map<String, Schema> schemas = api.getComponents().getSchemas();
    if (schemas == null) return;
    java.util.regex.Pattern ref = java.util.regex.Pattern.compile("#/components/schemas/([^\"]+)");
    Set<String> reached = new HashSet<>();
    java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>();
    java.util.function.Consumer<Object> scan = o -> {
      java.util.regex.Matcher m = ref.matcher(io.swagger.v3.core.util.Json.pretty(o));
      while (m.find()) if (reached.add(m.group(1))) todo.add(m.group(1));
    };
    scan.accept(api.getPaths());
    scan.accept(api.getComponents().getResponses());
    while (!todo.isEmpty()) {
      Schema<?> s = schemas.get(todo.poll());
      if (s != null) scan.accept(s);
    }
    schemas.keySet().removeIf(name -> !reached.contains(name));
  }

  private void operation(String path, PathItem.HttpMethod verb, Operation op) {
    Method m = methods.get(op);
    if (m == null) throw new IllegalStateException("no Java method for " + verb + " " + path);
    Class<?> cls = m.getDeclaringClass();
    String tag = cls.getSimpleName().replaceFirst("Resource$", "");
    tags.add(tag);
    op.setTags(List.of(tag));
    op.setOperationId(uniqueId(cls.getSimpleName() + "_" + m.getName()));
    if (op.getSummary() == null || op.getSummary().isBlank()) op.setSummary(Summaries.of(op.getOperationId(), m.getName(), tag));

    Access access = Access.of(m);
    op.addExtension("x-roles", access.roles());
    op.setDescription((op.getDescription() == null ? "" : op.getDescription() + "\n\n") + access.describe());
    op.setSecurity(access.isPublic() ? new ArrayList<>() : List.of(new SecurityRequirement().addList(ProblemComponents.BEARER)));

    parameters(path, verb, op);
    bodies(op, m);
    success(verb, op, m);
    errors(verb, op, access);
  }

  private String uniqueId(String base) {
    String id = base;
    for (int i = 2; !operationIds.add(id); i++) id = base + "_" + i;
    return id;
  }

  private void parameters(String path, PathItem.HttpMethod verb, Operation op) {
    List<Parameter> params = op.getParameters() == null ? new ArrayList<>() : new ArrayList<>(op.getParameters());
    // the bearer token is described by the security scheme, not as a parameter
    params.removeIf(p -> "header".equals(p.getIn()) && "Authorization".equalsIgnoreCase(p.getName()));
    String required = REQUIRED_HEADERS.get(verb + " " + path.replaceAll("\\{[^}]*}", "{}"));
    if (required != null && params.stream().noneMatch(p -> "header".equals(p.getIn()) && required.equalsIgnoreCase(p.getName()))) {
      params.add(new HeaderParameter().name(required).schema(new StringSchema()));
    }
    for (Parameter p : params) {
      if ("header".equals(p.getIn()) && "Idempotency-Key".equalsIgnoreCase(p.getName())) {
        p.required(true).description("客户端生成的唯一键；同键同体重放原响应，同键异体 422 / client-chosen unique key: same key + same body "
            + "replays the first answer, same key + different body is 422").example("c3f1a6f2-0b7e-4a51-9d55-5d3c2f4f7b10");
        p.setSchema(new StringSchema().minLength(1).maxLength(200));
      } else if ("header".equals(p.getIn()) && "If-Match".equalsIgnoreCase(p.getName()) && OPTIONAL_IF_MATCH.contains(verb + " " + path)) {
        p.required(false).description("可选：上次读取时的 ETag（修订号），过期 412 / optional: the ETag (revision) last read, 412 if stale")
            .example("\"1\"");
      } else if ("header".equals(p.getIn()) && "If-Match".equalsIgnoreCase(p.getName())) {
        p.required(true).description("上次读取时的 ETag（修订号）；过期 412，缺少 428 / the ETag (revision) last read: 412 if stale, 428 if missing")
            .example("\"1\"");
      } else if ("query".equals(p.getIn()) && "limit".equals(p.getName())) {
        p.description("每页条数 / page size").setSchema(new IntegerSchema().minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(500))._default(50));
      } else if ("query".equals(p.getIn()) && "cursor".equals(p.getName())) {
        p.description("上一页返回的 nextCursor / the nextCursor of the previous page");
      }
    }
    op.setParameters(params.isEmpty() ? null : params);
  }

  /** Bodies are required unless the body parameter is marked {@code @OptionalBody}. */
  private static void bodies(Operation op, Method m) {
    if (op.getRequestBody() == null || op.getRequestBody().get$ref() != null) return;
    boolean optional = false;
    for (java.lang.reflect.Parameter p : m.getParameters()) {
      if (p.isAnnotationPresent(cn.donghe.rehab.common.OptionalBody.class)) optional = true;
    }
    op.getRequestBody().setRequired(!optional);
    // a method without @Consumes reads its record with the JSON provider all the same: say JSON, not */*
    io.swagger.v3.oas.models.media.Content content = op.getRequestBody().getContent();
    if (content != null && content.size() == 1 && content.containsKey("*/*")) {
      content.addMediaType("application/json", content.remove("*/*"));
    }
    textOnly(op.getRequestBody().getContent());
    // Jersey hands the method null for an empty body and for the JSON literal null alike
    if (optional && content != null) content.forEach((type, media) -> {
      if (type.contains("json") && media.getSchema() != null && media.getSchema().get$ref() != null) media.setSchema(Nullability.orNull(media.getSchema()));
    });
  }

  /** The generated default response becomes the status the method really answers. */
  private void success(PathItem.HttpMethod verb, Operation op, Method m) {
    ApiResponses rs = op.getResponses() == null ? new ApiResponses() : op.getResponses();
    ApiResponse generated = rs.remove("default");
    boolean declared = rs.keySet().stream().anyMatch(k -> k.startsWith("2"));
    if (!declared) {
      if (m.getReturnType() == void.class) {
        rs.addApiResponse("204", new ApiResponse().description("成功，无响应体 / done, no body"));
      } else if (m.getReturnType() == Response.class) {
        bareResponse(verb, m, generated == null ? null : generated.getContent(), rs);
      } else {
        ApiResponse ok = generated == null ? new ApiResponse() : generated;
        ok.setDescription("成功 / OK");
        rs.addApiResponse("200", ok);
      }
    }
    rs.values().forEach(r -> textOnly(r.getContent()));
    op.setResponses(rs);
  }

  /**
   * A method returning {@code Response}: the statuses and entity types found in its bytecode; failing that, 201 for
   * POST and 200 otherwise with any JSON body.
   */
  private void bareResponse(PathItem.HttpMethod verb, Method m, Content generated, ApiResponses rs) {
    List<String> types = generated == null || generated.isEmpty() ? List.of("application/json") : new ArrayList<>(generated.keySet());
    List<ResponseInference.Outcome> outcomes = ResponseInference.outcomes(m)
        .map(l -> l.stream().filter(o -> o.status() >= 200 && o.status() < 400).toList())
        .filter(l -> !l.isEmpty())
        .orElse(List.of(new ResponseInference.Outcome(verb == PathItem.HttpMethod.POST ? 201 : 200, Object.class)));
    for (ResponseInference.Outcome o : outcomes) {
      String key = String.valueOf(o.status());
      if (rs.containsKey(key)) continue; // first entity type seen for a status wins
      ApiResponse r = new ApiResponse().description(o.status() == 201 ? "已创建 / created" : o.status() == 204 ? "成功，无响应体 / done, no body" : "成功 / OK");
      if (o.entity() != null && o.status() != 204) {
        Schema<?> schema = o.entity() == Object.class ? anyJson() : schemaFor(o.entity());
        Content c = new Content();
        types.forEach(t -> c.addMediaType(t, new MediaType().schema(schema)));
        r.setContent(c);
      }
      rs.addApiResponse(key, r);
    }
  }

  private Schema<?> schemaFor(Class<?> type) {
    ResolvedSchema resolved = ModelConverters.getInstance().resolveAsResolvedSchema(new AnnotatedType(type).resolveAsRef(true));
    if (resolved == null || resolved.schema == null) return anyJson();
    if (resolved.referencedSchemas != null) resolved.referencedSchemas.forEach(components::addSchemas);
    return resolved.schema;
  }

  /** Non-JSON representations (CSV, spreadsheets) are text or bytes, not the JSON schema of the Java type. */
  private static void textOnly(Content content) {
    if (content == null) return;
    content.forEach((type, media) -> {
      if (type.contains("json") || type.equals("*/*")) return;
      media.setSchema(type.startsWith("text/") ? new StringSchema() : new StringSchema().format("binary"));
    });
  }

  private static void errors(PathItem.HttpMethod verb, Operation op, Access access) {
    ApiResponses rs = op.getResponses();
    boolean body = op.getRequestBody() != null;
    boolean changes = verb != PathItem.HttpMethod.GET && verb != PathItem.HttpMethod.HEAD && verb != PathItem.HttpMethod.OPTIONS;
    boolean ifMatch = op.getParameters() != null && op.getParameters().stream()
        .anyMatch(p -> "header".equals(p.getIn()) && "If-Match".equalsIgnoreCase(p.getName()));
    List<Integer> statuses = new ArrayList<>();
    if (access.isPublic()) {
      if (body) statuses.addAll(List.of(400, 401, 413, 422, 429)); // logging in: wrong password, throttling
    } else {
      statuses.addAll(List.of(400, 401, 403, 404, 422));
      if (changes) statuses.add(409);
      if (body) statuses.add(413);
      if (ifMatch) statuses.addAll(List.of(412, 428));
    }
    ProblemComponents.RESPONSES.keySet().stream().filter(statuses::contains)
        .forEach(s -> rs.putIfAbsent(String.valueOf(s), ProblemComponents.ref(s)));
    rs.putIfAbsent("default", new ApiResponse().$ref("#/components/responses/Error"));
  }

  /** Error responses no operation refers to (e.g. 412 before any endpoint takes If-Match) are left out. */
  private static void pruneUnusedResponses(OpenAPI api) {
    Set<String> used = new HashSet<>();
    api.getPaths().values().forEach(item -> item.readOperations().forEach(op -> op.getResponses().values().forEach(r -> {
      if (r.get$ref() != null) used.add(r.get$ref().substring(r.get$ref().lastIndexOf('/') + 1));
    })));
    api.getComponents().getResponses().keySet().removeIf(name -> !used.contains(name));
  }

  static Schema<?> anyJson() {
    return new Schema<>().description("任意 JSON（未能从代码推断）/ any JSON (not inferable from the code)");
  }
}
