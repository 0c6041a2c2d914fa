package cn.donghe.rehab.contracts;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.Page;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Yearly needs assessments of a person. */
@Path("/api/v1/persons/{personId}/assessments")
@Produces(MediaType.APPLICATION_JSON)
public class AssessmentResource {
  private static final String PERSON = "人员 person";
  private final AssessmentService service;

  public AssessmentResource(AssessmentService service) { this.service = service; }

  /**
   * 201 created / 200 replaced; 401; 403 INSTITUTION/GUARDIAN; 404 unknown person, out of region,
   * or (DOCTOR) no contract in force today; 422 invalid year, date or code (nothing stored).
   */
  @PUT @Path("/{year}") @RolesAllowed({Role.ADMIN_S, Role.DOCTOR_S}) @Consumes(MediaType.APPLICATION_JSON)
  public Response put(@Auth AppUser user, @PathParam("personId") String personId, @PathParam("year") String year, Assessment.Input body) {
    if (body == null) throw ApiException.invalid("assessedOn", "必填 / required");
    AssessmentService.Saved s = service.put(user, Ids.parseOrNotFound(personId, PERSON), year, body);
    return Response.status(s.created() ? 201 : 200).entity(s.assessment()).build();
  }

  /** 200 {@code {"items":[...]}} newest year first; 401; 403 INSTITUTION/GUARDIAN; 404 unknown or out of scope. */
  @GET @RolesAllowed({Role.ADMIN_S, Role.DOCTOR_S})
  public Page<Assessment> list(@Auth AppUser user, @PathParam("personId") String personId) {
    return new Page<>(service.list(user, Ids.parseOrNotFound(personId, PERSON)), null);
  }
}
