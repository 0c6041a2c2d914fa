package cn.donghe.rehab.common;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import org.slf4j.MDC;

/** Gives every request an id (from X-Request-Id if sane), puts it in the log MDC and the answer. */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {
  public static final String MDC_KEY = "requestId";
  public static final String HEADER = "X-Request-Id";

  @Override public void filter(ContainerRequestContext req) {
    String given = req.getHeaderString(HEADER);
    String id = given != null && given.matches("[A-Za-z0-9._-]{8,64}") ? given : UUID.randomUUID().toString();
    MDC.put(MDC_KEY, id);
    req.setProperty(MDC_KEY, id);
  }

  @Override public void filter(ContainerRequestContext req, ContainerResponseContext res) {
    Object id = req.getProperty(MDC_KEY);
    if (id != null) res.getHeaders().putSingle(HEADER, id);
    if (req.getUriInfo().getPath().startsWith("api/") || req.getUriInfo().getPath().startsWith("/api/")) {
      res.getHeaders().putSingle("Cache-Control", "no-store");
    }
    res.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
  }

  public static String current() { return MDC.get(MDC_KEY); }
}
