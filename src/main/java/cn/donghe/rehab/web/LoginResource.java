package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.AuthService;
import cn.donghe.rehab.auth.Public;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.FieldError;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Login, logout and the reading preferences (language, large text). */
@Path("/")
@Produces(Web.HTML)
@Public
public class LoginResource {
  private static final Map<String, String> FIELDS = Map.of("username", "login.username", "password", "login.password");
  private final AuthService auth;
  private final Clock clock;

  public LoginResource(AuthService auth, Clock clock) {
    this.auth = auth;
    this.clock = clock;
  }

  /** The login page (logged-in users go on to their home page). */
  @GET @WebPublic
  public Response page(@Context ContainerRequestContext req, @QueryParam("next") String next,
                       @QueryParam("expired") String expired, @QueryParam("loggedOut") String loggedOut) {
    WebContext web = WebContext.of(req);
    String target = WebPaths.safeReturn(next, "/app");
    if (web.loggedIn()) return Web.seeOther(target);
    WebPage page = WebPage.of(web, "login", "login.title").with("next", target);
    if (expired != null) page.withNotice("login.expired");
    else if (loggedOut != null) page.withNotice("login.loggedOut");
    return page.status(200);
  }

  /** 303 to the page asked for, with the session cookie; 401/429 the form again with the reason. */
  @POST @Path("login") @WebPublic @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response login(@Context ContainerRequestContext req, @Context jakarta.servlet.http.HttpServletRequest http,
                        MultivaluedMap<String, String> form) {
    WebContext web = WebContext.of(req);
    String next = WebPaths.safeReturn(Web.field(form, "next"), "/app");
    String username = Web.field(form, "username");
    String password = form.getFirst("password");
    List<FieldError> missing = new ArrayList<>();
    if (username == null) missing.add(new FieldError("username", web.t("form.required")));
    if (password == null || password.isEmpty()) missing.add(new FieldError("password", web.t("form.required")));
    if (!missing.isEmpty()) return again(web, form, next, missing, 422);
    try {
      AuthService.TokenGrant g = auth.login(username, password, cn.donghe.rehab.common.ClientAddress.of(http));
      return Response.seeOther(java.net.URI.create(next))
          .cookie(WebCookies.session(g.token(), g.expiresAt(), clock.instant(), web.secure())).build();
    } catch (ApiException e) {
      String msg = switch (e.status()) {
        case 429 -> web.t("login.throttled", e.headers().getOrDefault("Retry-After", "60"));
        case 503 -> web.t("login.busy");
        case 401 -> web.t("login.failed");
        default -> web.lang().pick(e.getMessage());
      };
      Response r = again(web, form, next, List.of(new FieldError(e.status() == 429 || e.status() == 503 ? "" : "username", msg)), e.status());
      return Web.withRetryAfter(r, e);
    }
  }

  private static Response again(WebContext web, MultivaluedMap<String, String> form, String next, List<FieldError> errors, int status) {
    return WebPage.of(web, "login", "login.title").with("next", next)
        .withForm(FormState.of(form).withErrors(errors, web, FIELDS)).status(status);
  }

  /** Revokes the session's token (same as DELETE /auth/token) and forgets the cookie. */
  @POST @Path("logout") @WebRoles @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response logout(@Context ContainerRequestContext req) {
    WebContext web = WebContext.of(req);
    auth.logout(web.user(), web.sessionToken());
    return Response.seeOther(java.net.URI.create("/?loggedOut=1")).cookie(WebCookies.clear(WebCookies.SESSION, web.secure())).build();
  }

  /** Switches the language (a preference cookie, nothing changes on the server) and returns. */
  @GET @Path("prefs/lang") @WebPublic
  public Response language(@Context ContainerRequestContext req, @QueryParam("to") String to, @QueryParam("back") String back) {
    WebContext web = WebContext.of(req);
    Lang lang = Lang.fromTag(to);
    return Response.seeOther(java.net.URI.create(WebPaths.safeReturn(back, "/")))
        .cookie(WebCookies.preference(WebCookies.LANG, lang.tag(), web.secure())).build();
  }

  /** Turns the large-text, high-contrast view on or off. */
  @GET @Path("prefs/view") @WebPublic
  public Response view(@Context ContainerRequestContext req, @QueryParam("large") String large, @QueryParam("back") String back) {
    WebContext web = WebContext.of(req);
    boolean on = "1".equals(large);
    return Response.seeOther(java.net.URI.create(WebPaths.safeReturn(back, "/")))
        .cookie(on ? WebCookies.preference(WebCookies.VIEW, "large", web.secure()) : WebCookies.clear(WebCookies.VIEW, web.secure())).build();
  }
}
