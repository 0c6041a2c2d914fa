package cn.donghe.rehab.web;

/** Which request paths are web pages (HTML, cookies, strict security headers) rather than the JSON API. */
final class WebPaths {
  /** The API reference (rendered by the openapi feature with this package's layout; files under it are not pages). */
  static final String API_DOCS = "/api/docs";

  private WebPaths() {}

  static boolean isPage(String path) {
    if (path == null) return false;
    return path.equals("/") || path.equals(API_DOCS) || path.equals("/login") || path.equals("/logout") || path.startsWith("/prefs/")
        || path.equals("/app") || path.startsWith("/app/");
  }

  static boolean isAsset(String path) {
    return path != null && path.startsWith("/assets/");
  }

  /** A safe place to return to after login or a preference change: one of our pages, never another site. */
  static String safeReturn(String candidate, String fallback) {
    if (candidate == null || candidate.length() > 300) return fallback;
    if (!candidate.matches("/[A-Za-z0-9/_.~%?=&-]*") || candidate.startsWith("//") || candidate.contains("/..")) return fallback;
    String pathOnly = candidate.contains("?") ? candidate.substring(0, candidate.indexOf('?')) : candidate;
    return isPage(pathOnly) && !pathOnly.equals("/logout") && !pathOnly.equals("/login") && !pathOnly.startsWith("/prefs/") ? candidate : fallback;
  }
}
