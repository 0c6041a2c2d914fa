package cn.donghe.rehab.registry;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The person registry. */
@Path("/api/v1/persons")
@Produces(MediaType.APPLICATION_JSON)
public class PersonResource {
  private final PersonService service;

  public PersonResource(PersonService service) { this.service = service; }

  /** 201; 401; 403 not ADMIN; 422 invalid field (ID check digit, birth date/gender mismatch, duplicate numbers ...). */
  @POST @RolesAllowed(Role.ADMIN_S) @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Auth AppUser admin, PersonInput body) {
    if (body == null) throw ApiException.invalid("name", "必填 / required");
    return Response.status(201).entity(service.create(admin, body)).build();
  }

  /** 200 page of persons in scope (numbers masked); 400 bad filter; 401; 403 INSTITUTION. */
  @GET @RolesAllowed({Role.ADMIN_S, Role.DOCTOR_S, Role.GUARDIAN_S})
  public Page<Person> list(@Auth AppUser user, @QueryParam("regionCode") String regionCode, @QueryParam("category") String category,
                           @QueryParam("grade") String grade, @QueryParam("q") String q, @QueryParam("status") String status,
                           @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    return service.list(user, blank(regionCode), blank(category), blank(grade), blank(q), blank(status), PageRequest.parse(limit, cursor));
  }

  /** 200 the person (ADMIN: full numbers, audited); 401; 404 unknown or out of scope. */
  @GET @Path("/{id}") @PermitAll
  public Person get(@Auth AppUser user, @PathParam("id") String id) {
    return service.get(user, Ids.parseOrNotFound(id, "人员 person"));
  }

  /** 200 the person; 401; 404 unknown number or out of scope; 422 neither or both numbers given. */
  @POST @Path("/lookup") @PermitAll @Consumes(MediaType.APPLICATION_JSON)
  public Person lookup(@Auth AppUser user, PersonService.Lookup body) {
    if (body == null) throw ApiException.invalid("idNumber", "必填 / required");
    return service.lookup(user, body);
  }

  /** 200 updated; 401; 403 not ADMIN; 404 unknown or out of region; 422 invalid field. */
  @PATCH @Path("/{id}") @RolesAllowed(Role.ADMIN_S) @Consumes(MediaType.APPLICATION_JSON)
  public Person patch(@Auth AppUser admin, @PathParam("id") String id, PersonService.PersonPatch body) {
    if (body == null) throw ApiException.invalid("status", "请求体为空 / empty body");
    return service.patch(admin, Ids.parseOrNotFound(id, "人员 person"), body);
  }

  static String blank(String s) { return s == null || s.isBlank() ? null : s.trim(); }
}
