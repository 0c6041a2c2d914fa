package cn.donghe.rehab.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Security headers for the pages and their assets (a servlet filter, so the asset servlet gets
 * them too). The policy allows only our own scripts, styles and images: no inline script or style
 * anywhere, no framing, no referrer.
 */
public final class SecurityHeadersFilter implements Filter {
  public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

  @Override public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
    if (request instanceof HttpServletRequest req && response instanceof HttpServletResponse res) {
      String path = req.getRequestURI();
      if (WebPaths.isPage(path) || WebPaths.isAsset(path)) {
        res.setHeader("Content-Security-Policy", CSP);
        res.setHeader("X-Frame-Options", "DENY");
        res.setHeader("Referrer-Policy", "no-referrer");
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        if (req.isSecure()) { // over TLS, or a trusted proxy said so (ForwardedHeadersFilter)
          res.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
      }
    }
    chain.doFilter(request, response);
  }
}
