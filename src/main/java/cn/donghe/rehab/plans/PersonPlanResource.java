package cn.donghe.rehab.plans;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.Ids;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /persons/{id}/plan}: the person's current (ACTIVE) plan. */
@Path("/api/v1/persons/{personId}/plan")
@Produces(MediaType.APPLICATION_JSON)
public class PersonPlanResource {
  private final PlanService service;

  public PersonPlanResource(PlanService service) { this.service = service; }

  /**
   * 200 the ACTIVE plan with ETag = revision; 401; 404 no active plan, unknown person, or out of scope
   * (DOCTOR: contract in force today; GUARDIAN: own child; INSTITUTION: the plan names it).
   */
  @GET @PermitAll
  public Response current(@Auth AppUser user, @PathParam("personId") String personId) {
    Plan p = service.current(user, Ids.parseOrNotFound(personId, "康复方案 plan"));
    return Response.ok(p).tag(new EntityTag(String.valueOf(p.revision()))).build();
  }
}
