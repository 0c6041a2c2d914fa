package cn.donghe.rehab.common;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * First filter of every request. From a configured proxy ({@link TrustedProxies}) the request is
 * seen as the proxy describes it: {@code isSecure()}/{@code getScheme()} from X-Forwarded-Proto,
 * {@code getRemoteAddr()} from X-Forwarded-For. From anyone else the forwarding headers
 * (X-Forwarded-*, Forwarded) are removed, so nothing downstream (Secure cookies, HSTS, per-address
 * throttles) can be steered by a client writing them.
 */
public final class ForwardedHeadersFilter implements Filter {
  private final TrustedProxies proxies;

  public ForwardedHeadersFilter(TrustedProxies proxies) { this.proxies = proxies; }

  static boolean isForwardingHeader(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.startsWith("x-forwarded-") || n.equals("forwarded") || n.equals("x-real-ip");
  }

  @Override public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
    if (request instanceof HttpServletRequest http) {
      chain.doFilter(proxies.trusts(http.getRemoteAddr()) ? new FromProxy(http, proxies) : new FromClient(http), response);
    } else {
      chain.doFilter(request, response);
    }
  }

  /** A direct client: its forwarding headers are not there. */
  static final class FromClient extends HttpServletRequestWrapper {
    FromClient(HttpServletRequest r) { super(r); }

    @Override public String getHeader(String name) { return isForwardingHeader(name) ? null : super.getHeader(name); }

    @Override public Enumeration<String> getHeaders(String name) {
      return isForwardingHeader(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override public Enumeration<String> getHeaderNames() {
      List<String> names = Collections.list(super.getHeaderNames());
      names.removeIf(ForwardedHeadersFilter::isForwardingHeader);
      return Collections.enumeration(names);
    }
  }

  /** Through a trusted proxy: scheme and client address as it forwarded them. */
  static final class FromProxy extends HttpServletRequestWrapper {
    private final String proto;
    private final String client;

    FromProxy(HttpServletRequest r, TrustedProxies proxies) {
      super(r);
      String p = r.getHeader("X-Forwarded-Proto");
      p = p == null ? null : p.split(",")[0].trim().toLowerCase(Locale.ROOT);
      this.proto = "https".equals(p) || "http".equals(p) ? p : null;
      this.client = proxies.clientAddress(r.getRemoteAddr(), r.getHeader("X-Forwarded-For"));
    }

    @Override public boolean isSecure() { return proto == null ? super.isSecure() : proto.equals("https"); }
    @Override public String getScheme() { return proto == null ? super.getScheme() : proto; }
    @Override public String getRemoteAddr() { return client; }
    @Override public String getRemoteHost() { return client; }
  }
}
