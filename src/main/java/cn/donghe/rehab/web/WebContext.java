package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.AuthService;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.NewCookie;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Who is asking and how they want to read: the logged-in user (or null), language, large-text view,
 * the form token, the session's end. Built once per request by {@link WebAccessFeature}; resources
 * get it with {@code WebContext.of(req)}.
 */
public record WebContext(AppUser user, String sessionToken, Instant sessionExpires, Lang lang, boolean largeText,
                         String csrf, String path, boolean secure, ZoneId zone, NewCookie newPreSession, Set<String> institutionServices) {
  static final String PROPERTY = WebContext.class.getName();

  /** The context of this request (anonymous when the page needed no login). */
  public static WebContext of(ContainerRequestContext req) {
    Object o = req.getProperty(PROPERTY);
    if (o instanceof WebContext w) return w;
    WebContext w = load(req, null, null, ZoneId.systemDefault());
    req.setProperty(PROPERTY, w);
    return w;
  }

  /**
   * Reads the cookies; authenticates the session token through AuthService (same tokens as the API).
   * For INSTITUTION users {@code services} gives the services their institution offers (the
   * navigation shows device pages only to DEVICE institutions).
   */
  static WebContext load(ContainerRequestContext req, AuthService auth, Function<UUID, Set<String>> services, ZoneId zone) {
    Lang lang = Lang.fromTag(WebCookies.value(req, WebCookies.LANG));
    boolean large = "large".equals(WebCookies.value(req, WebCookies.VIEW));
    boolean secure = WebCookies.isSecure(req);
    String path = req.getUriInfo().getRequestUri().getRawPath();
    String raw = WebCookies.value(req, WebCookies.SESSION);
    AppUser user = null;
    String token = null;
    Instant expires = null;
    if (raw != null && auth != null) {
      int dot = raw.lastIndexOf('.');
      token = dot < 0 ? raw : raw.substring(0, dot);
      expires = dot < 0 ? null : parseEpoch(raw.substring(dot + 1));
      Optional<AppUser> u = auth.authenticate(token);
      if (u.isPresent()) {
        user = u.get();
      } else {
        token = null;
        expires = null;
      }
    }
    NewCookie newPre = null;
    String csrf;
    if (user != null) {
      csrf = WebCookies.csrfToken("session", token);
    } else {
      String pre = WebCookies.value(req, WebCookies.PRE_SESSION);
      if (pre == null || pre.length() > 100) {
        pre = WebCookies.randomValue();
        newPre = WebCookies.preSession(pre, secure);
      }
      csrf = WebCookies.csrfToken("pre", pre);
    }
    Set<String> offered = user != null && user.institutionId() != null && services != null ? services.apply(user.institutionId()) : Set.of();
    return new WebContext(user, token, expires, lang, large, csrf, path, secure, zone, newPre, offered);
  }

  /** True when the browser sent a session cookie that no longer works (expired or revoked). */
  static boolean hadStaleSession(ContainerRequestContext req, WebContext w) {
    return w.user() == null && WebCookies.value(req, WebCookies.SESSION) != null;
  }

  public boolean loggedIn() { return user != null; }

  public String t(String key, Object... args) { return Messages.get(lang, key, args); }

  private static Instant parseEpoch(String s) {
    try {
      return Instant.ofEpochSecond(Long.parseLong(s));
    } catch (RuntimeException e) {
      return null;
    }
  }
}
