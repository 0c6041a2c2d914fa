package cn.donghe.rehab.childaid;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
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

/** Child rehab aid standards by year. */
@Path("/api/v1/aid-standards/{year}")
@Produces(MediaType.APPLICATION_JSON)
public class AidStandardResource {
  private final AidStandardService service;

  public AidStandardResource(AidStandardService service) { this.service = service; }

  /** 200 the standard (years from 2022 always have one); 400 malformed year; 401; 404 no standard for that year. */
  @GET @PermitAll
  public AidStandard get(@Auth AppUser user, @PathParam("year") String year) {
    return service.get(year(year));
  }

  /**
   * 200 the new standard, after topping up (raise) or adjusting (cut, never below what was spent)
   * every account of the year; 400 malformed year; 401; 403 not a district-wide ADMIN; 409 removing a
   * category that has accounts; 422 invalid field.
   */
  @PUT @RolesAllowed(Role.ADMIN_S) @Consumes(MediaType.APPLICATION_JSON)
  public AidStandard put(@Auth AppUser admin, @PathParam("year") String year, AidStandardService.StandardInput body) {
    return service.put(admin, year(year), body);
  }

  static int year(String raw) {
    if (raw == null || !raw.matches("[0-9]{4}")) throw ApiException.badRequest("year", "年份须为四位数字 / year must be four digits");
    int y = Integer.parseInt(raw);
    if (y < 2000 || y > 2100) throw ApiException.badRequest("year", "年份须在 2000 到 2100 之间 / year must be 2000..2100");
    return y;
  }
}
