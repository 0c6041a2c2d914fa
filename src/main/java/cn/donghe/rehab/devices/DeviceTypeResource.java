package cn.donghe.rehab.devices;

import cn.donghe.rehab.common.QueryParams;
import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.Page;
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

/** The subsidy catalogue (辅具补贴目录). */
@Path("/api/v1/device-types")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceTypeResource {
  private final CatalogueService service;

  public DeviceTypeResource(CatalogueService service) { this.service = service; }

  /** 201 the entry; 401; 403 not a district-level ADMIN; 409 duplicate code; 422 invalid field. */
  @POST @RolesAllowed(Role.ADMIN_S) @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Auth AppUser admin, CatalogueService.DeviceTypeInput body) {
    if (body == null) throw ApiException.invalid("code", "必填 / required");
    return Response.status(201).entity(service.create(admin, body)).build();
  }

  /** 200 page of entries ordered by code; 400 bad filter; 401. */
  @GET @PermitAll
  public Page<DeviceType> list(@Auth AppUser user, @QueryParam("category") String category, @QueryParam("rentable") String rentable,
                               @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    return service.list(DeviceCodes.blank(category), QueryParams.bool(rentable, "rentable"), limit, cursor);
  }

  /** 200 the entry; 401; 404 unknown code. */
  @GET @Path("/{code}") @PermitAll
  public DeviceType get(@Auth AppUser user, @PathParam("code") String code) {
    return service.get(code);
  }
}
