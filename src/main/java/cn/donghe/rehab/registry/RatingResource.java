package cn.donghe.rehab.registry;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.Ids;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Re-rating with history (DESIGN section 13). Federation staff only; a town admin only for persons of their region. */
@Path("/api/v1/persons/{id}/ratings")
@Produces(MediaType.APPLICATION_JSON)
public class RatingResource {
  private final RatingService service;

  public RatingResource(RatingService service) { this.service = service; }

  /**
   * 201 the new rating (the person's category, grade and certificate follow when it is the newest); 401; 403 not ADMIN;
   * 404 unknown or outside the admin's region; 409 person not ACTIVE, or a rating already effective that day;
   * 422 invalid field (certificate not of this person or not matching category/grade, effective date in the future or before birth).
   */
  @POST @RolesAllowed(Role.ADMIN_S) @Consumes(MediaType.APPLICATION_JSON)
  public Response rate(@Auth AppUser admin, @PathParam("id") String id, Rating.Input body) {
    if (body == null) throw ApiException.invalid("category", "必填 / required");
    return Response.status(201).entity(service.rate(admin, Ids.parseOrNotFound(id, "人员 person"), body)).build();
  }

  /** 200 the ratings, newest first, {@code current} marking the one in force today; 401; 403 not ADMIN; 404 unknown or out of region. */
  @GET @RolesAllowed(Role.ADMIN_S)
  public Rating.History history(@Auth AppUser admin, @PathParam("id") String id) {
    return service.history(admin, Ids.parseOrNotFound(id, "人员 person"));
  }
}
