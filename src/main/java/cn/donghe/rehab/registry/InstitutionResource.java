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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Institutions and doctors (reference data). */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class InstitutionResource {
  private final InstitutionService service;

  public InstitutionResource(InstitutionService service) { this.service = service; }

  /** 201; 401; 403 not ADMIN, or a regional ADMIN (designating is a district act); 422 invalid field. */
  @POST @Path("/institutions") @RolesAllowed(Role.ADMIN_S) @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Auth AppUser admin, InstitutionService.InstitutionInput body) {
    if (body == null) throw ApiException.invalid("name", "必填 / required");
    return Response.status(201).entity(service.create(admin, body)).build();
  }

  /** 200 page; 401. */
  @GET @Path("/institutions") @PermitAll
  public Page<Institution> list(@Auth AppUser user, @QueryParam("service") String serviceCode,
                                @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    return service.list(user, PageRequest.parse(limit, cursor), serviceCode);
  }

  /** 200; 401; 404 unknown or outside the admin's region. */
  @GET @Path("/institutions/{id}") @PermitAll
  public Institution get(@Auth AppUser user, @PathParam("id") String id) {
    return service.get(user, Ids.parseOrNotFound(id, "机构 institution"));
  }

  /** 201; 401; 403 not ADMIN, or a regional ADMIN (designating is a district act); 409 license number taken; 422 invalid field. */
  @POST @Path("/doctors") @RolesAllowed(Role.ADMIN_S) @Consumes(MediaType.APPLICATION_JSON)
  public Response createDoctor(@Auth AppUser admin, InstitutionService.DoctorInput body) {
    if (body == null) throw ApiException.invalid("name", "必填 / required");
    return Response.status(201).entity(service.createDoctor(admin, body)).build();
  }

  /** 200 page; 401. */
  @GET @Path("/doctors") @PermitAll
  public Page<Doctor> listDoctors(@Auth AppUser user, @QueryParam("institutionId") String institutionId,
                                  @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    java.util.UUID inst = institutionId == null || institutionId.isBlank() ? null : Ids.parseOrNotFound(institutionId, "机构 institution");
    return service.listDoctors(user, PageRequest.parse(limit, cursor), inst);
  }
}
