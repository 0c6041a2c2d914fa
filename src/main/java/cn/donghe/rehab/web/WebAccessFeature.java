package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.AuthService;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Session, access and CSRF for every web page (resource classes of this package). The page
 * resources carry {@code @Public} for the bearer-token layer of the API, because a browser
 * authenticates with the session cookie instead; this feature is their gate:
 * <ol>
 *   <li>reads the cookies and authenticates the session token with {@code AuthService.authenticate};</li>
 *   <li>{@link WebRoles}: not logged in -> 303 to the login page; wrong role -> 403 page;
 *       {@link WebPublic}: open; neither -> 403 (closed by default);</li>
 *   <li>every POST must carry the form token {@code _csrf} of this session, else 403 and nothing runs.</li>
 * </ol>
 */
public final class WebAccessFeature implements DynamicFeature {
  private final AuthService auth;
  private final Function<UUID, Set<String>> services;
  private final ZoneId zone;

  public WebAccessFeature(AuthService auth, Function<UUID, Set<String>> services, ZoneId zone) {
    this.auth = auth;
    this.services = services;
    this.zone = zone;
  }

  @Override public void configure(ResourceInfo info, FeatureContext ctx) {
    Class<?> cls = info.getResourceClass();
    Method m = info.getResourceMethod();
    if (cls == null || m == null || !cls.getPackageName().equals(WebAccessFeature.class.getPackageName())) return;
    ctx.register(new Gate(auth, services, zone, Access.of(m, cls)));
  }

  /** What a page requires. */
  record Access(boolean open, boolean closed, Set<Role> roles) {
    static Access of(Method m, Class<?> cls) {
      if (m.isAnnotationPresent(WebPublic.class)) return new Access(true, false, Set.of());
      WebRoles r = m.isAnnotationPresent(WebRoles.class) ? m.getAnnotation(WebRoles.class) : cls.getAnnotation(WebRoles.class);
      if (r != null) return new Access(false, false, r.value().length == 0 ? EnumSet.allOf(Role.class) : EnumSet.of(r.value()[0], r.value()));
      if (cls.isAnnotationPresent(WebPublic.class)) return new Access(true, false, Set.of());
      return new Access(false, true, Set.of());
    }
  }

  @Priority(Priorities.AUTHENTICATION)
  static final class Gate implements ContainerRequestFilter {
    private final AuthService auth;
    private final Function<UUID, Set<String>> services;
    private final ZoneId zone;
    private final Access access;

    Gate(AuthService auth, Function<UUID, Set<String>> services, ZoneId zone, Access access) {
      this.auth = auth;
      this.services = services;
      this.zone = zone;
      this.access = access;
    }

    @Override public void filter(ContainerRequestContext req) throws IOException {
      WebContext web = WebContext.load(req, auth, services, zone);
      req.setProperty(WebContext.PROPERTY, web);
      if (access.closed()) throw ApiException.forbidden("此页面未声明允许的角色 / page declares no roles");
      if (!access.open()) {
        if (web.user() == null) {
          req.abortWith(Response.seeOther(loginUri(req, web)).build());
          return;
        }
        if (!access.roles().contains(web.user().role())) {
          throw ApiException.forbidden("您的角色无权打开此页面 / your role may not open this page");
        }
      }
      if ("POST".equals(req.getMethod())) checkCsrf(req, web);
    }

    private static URI loginUri(ContainerRequestContext req, WebContext web) {
      StringBuilder q = new StringBuilder("/");
      String sep = "?";
      if (WebContext.hadStaleSession(req, web)) {
        q.append(sep).append("expired=1");
        sep = "&";
      }
      if ("GET".equals(req.getMethod())) q.append(sep).append("next=").append(URLEncoder.encode(web.path(), StandardCharsets.UTF_8));
      return URI.create(q.toString());
    }

    /** Buffers the (size-limited) form body, checks _csrf, and puts the body back for the resource. */
    private static void checkCsrf(ContainerRequestContext req, WebContext web) throws IOException {
      MediaType type = req.getMediaType();
      if (type == null || !type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) throw csrfFailure();
      byte[] body = req.getEntityStream().readAllBytes();
      req.setEntityStream(new ByteArrayInputStream(body));
      if (!WebCookies.sameToken(web.csrf(), formValue(new String(body, StandardCharsets.US_ASCII), "_csrf"))) throw csrfFailure();
    }

    private static ApiException csrfFailure() {
      return new ApiException(403, "csrf", "表单已失效 Form expired",
          "表单已过期或来源不明，请刷新页面后重试 / this form has expired or did not come from this site; reload the page and try again", null);
    }

    static String formValue(String body, String name) {
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).equals(name)) return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
      return null;
    }
  }
}
