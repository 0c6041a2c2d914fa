package cn.donghe.rehab.devices;

import cn.donghe.rehab.common.QueryParams;
import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import io.dropwizard.auth.Auth;
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

/** The rental pool. ADMIN (region) and staff of DEVICE institutions (own items only). */
@Path("/api/v1/device-items")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceItemResource {
  private final ItemService service;

  public DeviceItemResource(ItemService service) { this.service = service; }

  /** 201 AVAILABLE item; 401; 403; 409 serial already in the pool; 422. */
  @POST @RolesAllowed({Role.ADMIN_S, Role.INSTITUTION_S}) @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Auth AppUser u, ItemService.NewItem body) {
    if (body == null) throw ApiException.invalid("deviceTypeCode", "必填 / required");
    return Response.status(201).entity(service.create(u, body)).build();
  }

  /** 200 page; 400 bad filter; 401; 403. */
  @GET @RolesAllowed({Role.ADMIN_S, Role.INSTITUTION_S})
  public Page<DeviceItem> list(@Auth AppUser u, @QueryParam("institutionId") String institutionId, @QueryParam("status") String status,
                               @QueryParam("deviceTypeCode") String type, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    return service.list(u, QueryParams.uuid(institutionId, "institutionId"), QueryParams.code(status, "status", DeviceCodes.ITEM_STATUSES),
        DeviceCodes.blank(type), PageRequest.parse(limit, cursor));
  }

  /** 200; 401; 403; 404 unknown or not managed by the caller. */
  @GET @Path("/{id}") @RolesAllowed({Role.ADMIN_S, Role.INSTITUTION_S})
  public DeviceItem get(@Auth AppUser u, @PathParam("id") String id) {
    return service.get(u, QueryParams.path(id, "辅具 device item"));
  }
}
