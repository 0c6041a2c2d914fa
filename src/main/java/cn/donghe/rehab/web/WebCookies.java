package cn.donghe.rehab.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The cookies of the web pages. All are SameSite=Strict and HttpOnly, and Secure when the request
 * came over TLS (directly or per X-Forwarded-Proto from a configured proxy, TRUSTED_PROXIES).
 * <ul>
 *   <li>{@code rehab_session}: the bearer token of {@code AuthService.login} plus ".expiry" (epoch
 *       seconds, only for showing when the session ends); the token is stored hashed in auth_tokens.</li>
 *   <li>{@code rehab_pre}: random value before login, so the login form has a CSRF token too.</li>
 *   <li>{@code rehab_lang} (zh-CN | en) and {@code rehab_view} (large): preferences.</li>
 * </ul>
 */
public final class WebCookies {
  public static final String SESSION = "rehab_session";
  public static final String PRE_SESSION = "rehab_pre";
  public static final String LANG = "rehab_lang";
  public static final String VIEW = "rehab_view";
  private static final int ONE_YEAR = 365 * 24 * 3600;
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebCookies() {}

  public static boolean isSecure(ContainerRequestContext req) {
    // a trusted proxy's X-Forwarded-Proto is already folded in by ForwardedHeadersFilter; anyone else's is dropped
    return req.getSecurityContext().isSecure();
  }

  public static String value(ContainerRequestContext req, String name) {
    Cookie c = req.getCookies().get(name);
    return c == null || c.getValue() == null || c.getValue().isBlank() ? null : c.getValue();
  }

  public static NewCookie session(String token, Instant expires, Instant now, boolean secure) {
    long maxAge = Math.max(1, Duration.between(now, expires).toSeconds());
    return cookie(SESSION, token + "." + expires.getEpochSecond(), (int) Math.min(Integer.MAX_VALUE, maxAge), secure);
  }

  public static NewCookie clear(String name, boolean secure) {
    return cookie(name, "", 0, secure);
  }

  public static NewCookie preference(String name, String value, boolean secure) {
    return cookie(name, value, ONE_YEAR, secure);
  }

  static NewCookie preSession(String value, boolean secure) {
    return cookie(PRE_SESSION, value, -1, secure);
  }

  private static NewCookie cookie(String name, String value, int maxAge, boolean secure) {
    return new NewCookie.Builder(name).value(value).path("/").maxAge(maxAge).httpOnly(true).secure(secure)
        .sameSite(NewCookie.SameSite.STRICT).build();
  }

  static String randomValue() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /**
   * The synchronizer token of a session: a one-way digest of the (secret, HttpOnly) session or
   * pre-session value, so it is bound to that session, cannot be guessed without it, and needs no
   * extra server state.
   */
  static String csrfToken(String kind, String secret) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(("rehab-csrf:" + kind + ":" + secret).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean sameToken(String expected, String given) {
    if (expected == null || given == null) return false;
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.UTF_8));
  }
}
