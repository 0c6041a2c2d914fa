package cn.donghe.rehab.plans;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.Page;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** {@code POST /persons/{id}/plans} (create) and {@code GET /persons/{id}/plans} (all plans, newest first). */
@Path("/api/v1/persons/{personId}/plans")
@Produces(MediaType.APPLICATION_JSON)
public class PersonPlansResource {
  private static final String PERSON = "人员 person";
  private final PlanService service;

  public PersonPlansResource(PlanService service) { this.service = service; }

  /**
   * 201 the plan at revision 1, ETag "1", Location; 401; 403 INSTITUTION/GUARDIAN; 404 unknown or
   * out of scope; 409 an ACTIVE plan exists ({@code existingPlanId}) or the person is not ACTIVE; 422 invalid content.
   */
  @POST @RolesAllowed({Role.ADMIN_S, Role.DOCTOR_S}) @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Auth AppUser user, @PathParam("personId") String personId, PlanContent body) {
    if (body == null) throw ApiException.invalid("goals", "必填 / required");
    Plan p = service.create(user, Ids.parseOrNotFound(personId, PERSON), body);
    return Response.created(URI.create("/api/v1/plans/" + p.id())).tag(new EntityTag(String.valueOf(p.revision()))).entity(p).build();
  }

  /** 200 {@code {"items":[...]}}; 401; 403 INSTITUTION/GUARDIAN; 404 unknown or out of scope. */
  @GET @RolesAllowed({Role.ADMIN_S, Role.DOCTOR_S})
  public Page<Plan> list(@Auth AppUser user, @PathParam("personId") String personId) {
    return new Page<>(service.forPerson(user, Ids.parseOrNotFound(personId, PERSON)), null);
  }
}
