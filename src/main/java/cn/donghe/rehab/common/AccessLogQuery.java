package cn.donghe.rehab.common;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Set;

/**
 * What the access log shows of a query string. The request log's format prints the path
 * ({@code %U}) followed by the request attribute {@link #ATTRIBUTE} instead of the raw request line:
 * parameters on {@link #SHOWN} (paging, years, regions, opaque ids, flags) keep their value, every
 * other one (person searches: {@code q}, {@code name}, {@code idNumber}, {@code certificateNo},
 * {@code phone} ... and anything added later) is written as {@code name=***}. Deny by default.
 */
public final class AccessLogQuery implements Filter {
  public static final String ATTRIBUTE = "logQuery";
  static final Set<String> SHOWN = Set.of(
      "limit", "cursor", "year", "regionCode", "parentCode", "level", "status", "format", "asOf", "from", "to", "groupBy",
      "category", "grade", "service", "lang", "created", "saved", "updated", "voided", "logged", "loggedOut", "returned",
      "received", "rentable", "overdue", "expired", "expiringWithinDays", "large", "snapshot", "entity", "entityId",
      "personId", "institutionId", "itemId", "loanId", "fittingId", "actorId", "deviceTypeCode", "code", "kind", "type");

  @Override public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
    if (request instanceof HttpServletRequest http) http.setAttribute(ATTRIBUTE, redact(http.getQueryString()));
    chain.doFilter(request, response);
  }

  /** "" for no query, else "?" and the query with the values of unlisted parameters replaced by ***. */
  public static String redact(String query) {
    if (query == null || query.isEmpty()) return "";
    StringBuilder out = new StringBuilder("?");
    for (String pair : query.split("&", -1)) {
      if (out.length() > 1) out.append('&');
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      boolean safeName = name.matches("[A-Za-z][A-Za-z0-9_]{0,40}");
      if (!safeName) {
        out.append("***");
      } else if (eq < 0) {
        out.append(name);
      } else {
        out.append(name).append('=').append(SHOWN.contains(name) ? pair.substring(eq + 1) : "***");
      }
    }
    return out.toString();
  }
}
