package cn.donghe.rehab.devices;

import cn.donghe.rehab.common.QueryParams;
import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Loan reminders recorded by the daily job. */
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {
  private final NotificationService service;

  public NotificationResource(NotificationService service) { this.service = service; }

  /** 200 page (scoped like loans); 400 bad filter; 401; 403 institution without DEVICE; 404 loan or person out of scope. */
  @GET @PermitAll
  public Page<LoanNotification> list(@Auth AppUser u, @QueryParam("loanId") String loanId, @QueryParam("personId") String personId,
                                     @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    return service.list(u, QueryParams.uuid(loanId, "loanId"), QueryParams.uuid(personId, "personId"), PageRequest.parse(limit, cursor));
  }
}
