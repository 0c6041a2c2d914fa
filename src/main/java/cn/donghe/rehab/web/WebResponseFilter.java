package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.AuthService;
import cn.donghe.rehab.common.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.lang.annotation.Annotation;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * For page paths: turns a problem+json answer (403, 404, 500 ... from a service or the mappers)
 * into an HTML error page in the reader's language, and sets the pre-session cookie when one was
 * just created. The API keeps its problem+json.
 */
public final class WebResponseFilter implements ContainerResponseFilter {
  private final AuthService auth;
  private final Function<UUID, Set<String>> services;
  private final ZoneId zone;

  public WebResponseFilter(AuthService auth, Function<UUID, Set<String>> services, ZoneId zone) {
    this.auth = auth;
    this.services = services;
    this.zone = zone;
  }

  @Override public void filter(ContainerRequestContext req, ContainerResponseContext res) {
    String path = req.getUriInfo().getRequestUri().getRawPath();
    if (!WebPaths.isPage(path)) return;
    // An unknown path never passed the page gate: read the session here so the error page keeps the user's navigation.
    WebContext web = req.getProperty(WebContext.PROPERTY) instanceof WebContext w ? w : WebContext.load(req, auth, services, zone);
    if (web.newPreSession() != null) res.getHeaders().add(HttpHeaders.SET_COOKIE, web.newPreSession().toString());
    res.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
    if (res.getEntity() instanceof Problem p) {
      WebPage page = WebPage.of(web, "error", "error.title." + titleSuffix(p.status()))
          .with("status", p.status())
          .with("detail", web.lang().pick(p.detail()))
          .with("requestId", p.requestId());
      res.setEntity(page, new Annotation[0], MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }
  }

  private static String titleSuffix(int status) {
    return switch (status) {
      case 400, 403, 404, 405, 409, 413, 415, 422, 429 -> Integer.toString(status);
      default -> status >= 500 ? "500" : "other";
    };
  }
}
