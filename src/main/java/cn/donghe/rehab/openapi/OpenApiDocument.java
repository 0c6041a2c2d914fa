package cn.donghe.rehab.openapi;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import jakarta.ws.rs.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The OpenAPI document of every JAX-RS resource registered in the running application, built on first use
 * (when every feature module has registered its resources) and cached.
 */
public final class OpenApiDocument {
  private final Supplier<Set<Class<?>>> resources;
  private volatile Built built;

  /** The model and its JSON text, made together once so the page and the document cannot differ. */
  private record Built(OpenAPI model, String json) {}

  public OpenApiDocument(Supplier<Set<Class<?>>> resources) { this.resources = resources; }

  /** The resource classes registered with Jersey (as instances or classes), in a stable order. */
  public static Set<Class<?>> resourceClasses(ResourceConfig config) {
    Set<Class<?>> all = new TreeSet<>(Comparator.comparing(Class::getName));
    config.getInstances().forEach(o -> all.add(o.getClass()));
    config.getSingletons().forEach(o -> all.add(o.getClass()));
    all.addAll(config.getClasses());
    Set<Class<?>> resources = new LinkedHashSet<>();
    for (Class<?> c : all) {
      if (c.isAnnotationPresent(Path.class) && !c.isAnnotationPresent(Hidden.class)) resources.add(c);
    }
    return resources;
  }

  /** The document as JSON text (what {@code /api/v1/openapi.json} serves). */
  public String json() { return built().json(); }

  /**
   * The same document as a swagger model (what {@code /api/docs} renders). Read it, never change it: the JSON text
   * was written from this object once.
   */
  public OpenAPI model() { return built().model(); }

  private Built built() {
    Built b = built;
    if (b == null) {
      synchronized (this) {
        if (built == null) {
          OpenAPI api = build(resources.get());
          built = new Built(api, Json.pretty(api));
        }
        b = built;
      }
    }
    return b;
  }

  static OpenAPI build(Set<Class<?>> resourceClasses) {
    SchemaConverters.install();
    OpenAPI base = new OpenAPI()
        .info(new Info()
            .title("东河区康复与辅具服务跟踪 API / Donghe rehab & assistive-device service tracker API")
            .version("v1")
            .contact(new Contact().name("包头市东河区残疾人联合会 / Donghe District Disabled Persons' Federation"))
            .description(DESCRIPTION))
        .addServersItem(new Server().url("/").description("本服务 / this service"));
    ApiReader reader = new ApiReader(base);
    OpenAPI api = reader.read(resourceClasses);
    api.setOpenapi("3.0.3");
    new ApiCustomiser(reader.methods()).customise(api);
    return api;
  }

  private static final String DESCRIPTION = """
      康复与辅具服务跟踪服务的 HTTP 接口。/ The HTTP interface of the rehab & assistive-device service tracker.

      * 登录：`POST /api/v1/auth/token`，之后每个请求带 `Authorization: Bearer <token>`。/ Log in, then send the bearer token.
      * 每个操作的 `x-roles` 列出允许的角色（空列表 = 无需登录）；超出调用者范围的记录返回 404。/ `x-roles` lists the roles \
      allowed (empty = no login); records outside the caller's scope answer 404.
      * 金额是两位小数的字符串（如 `"20000.00"`），日期 `YYYY-MM-DD`，时间 ISO-8601，编号为 UUID。/ Money is a string with \
      two decimals, dates `YYYY-MM-DD`, instants ISO-8601, ids UUIDs.
      * 列表：`?limit=`（默认 50，最大 500）与 `?cursor=` → `{"items":[...],"nextCursor":...}`。/ Lists page with limit and cursor.
      * 错误一律为 RFC 9457 `application/problem+json`（见 `Problem`）。/ Every error is RFC 9457 problem+json.
      * 未必填的属性可能为 `null` 或缺省。/ Properties that are not required may be null or absent.
      """;
}
