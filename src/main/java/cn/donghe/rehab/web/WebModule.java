package cn.donghe.rehab.web;

import cn.donghe.rehab.AppContext;
import cn.donghe.rehab.auth.AuthService;
import cn.donghe.rehab.registry.InstitutionService;
import cn.donghe.rehab.registry.PersonService;
import cn.donghe.rehab.registry.RegionResource;
import io.dropwizard.assets.AssetsBundle;
import io.dropwizard.views.common.ViewBundle;
import io.dropwizard.views.freemarker.FreemarkerViewRenderer;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The server-rendered pages: session cookie, CSRF, security headers, error pages, and one resource
 * per group of pages. Pages call the feature services in-process with the logged-in user.
 */
public final class WebModule {
  private WebModule() {}

  /** Freemarker views; VERSION_2_3_34 so templates can read record components ({@code p.name}). */
  public static <T> ViewBundle<T> viewBundle() {
    return new ViewBundle<>(List.of(new FreemarkerViewRenderer(freemarker.template.Configuration.VERSION_2_3_34))) {
      @Override public Map<String, Map<String, String>> getViewConfiguration(T config) {
        return Map.of("freemarker", Map.of(
            "number_format", "computer",
            "template_exception_handler", "rethrow",
            "log_template_exceptions", "false",
            "api_builtin_enabled", "false",
            "new_builtin_class_resolver", "safer"));
      }
    };
  }

  /** CSS, JS and images of the pages under /assets/ (from src/main/resources/assets; no CDN). */
  public static AssetsBundle assetsBundle() {
    return new AssetsBundle("/assets/", "/assets/", null, "web-assets");
  }

  public static void register(AppContext ctx) {
    AuthService auth = ctx.get(AuthService.class);
    PersonService persons = ctx.get(PersonService.class);
    InstitutionService institutions = ctx.get(InstitutionService.class);
    Regions regions = new Regions(new RegionResource(ctx.jdbi(), ctx.audit()));

    ctx.env().servlets().addFilter("web-security-headers", new SecurityHeadersFilter())
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    ctx.register(new WebAccessFeature(auth, ctx.clock().getZone()));
    ctx.register(new WebResponseFilter(auth, ctx.clock().getZone()));

    ctx.register(new LoginResource(auth, ctx.clock()));
    ctx.register(new HomeResource());
    ctx.register(new AdminUsersResource(auth, institutions));
    ctx.register(new AdminInstitutionsResource(institutions, regions));
    ctx.register(new AdminPersonsResource(persons, regions));
    ctx.register(new PersonPageResource(persons, regions));
    ctx.register(new RolePagesResource(persons, regions));
  }
}
