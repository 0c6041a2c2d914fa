package cn.donghe.rehab.childaid;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The child-aid fee schedule by year (DESIGN section 11). */
@Path("/api/v1/fee-schedules/{year}")
@Produces(MediaType.APPLICATION_JSON)
public class FeeScheduleResource {
  private final FeeScheduleService service;

  public FeeScheduleResource(FeeScheduleService service) { this.service = service; }

  /** 200 the schedule with every version (the demo years 2022-2030 ship with one); 400 malformed year; 401; 404 none for that year. */
  @GET @PermitAll
  public FeeSchedule get(@Auth AppUser user, @PathParam("year") String year) {
    return service.get(AidStandardResource.year(year));
  }

  /**
   * 200 the schedule with its new version; 400 malformed year; 401; 403 not a district-wide ADMIN; 409 period-closed
   * (effectiveFrom in a closed month); 422 invalid item or effectiveFrom (outside the year, before today, before the
   * version it replaces).
   */
  @PUT @RolesAllowed(Role.ADMIN_S) @Consumes(MediaType.APPLICATION_JSON)
  public FeeSchedule put(@Auth AppUser admin, @PathParam("year") String year, FeeSchedule.Input body) {
    return service.put(admin, AidStandardResource.year(year), body);
  }
}
