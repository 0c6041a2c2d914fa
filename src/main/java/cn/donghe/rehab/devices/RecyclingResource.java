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
import java.util.List;

/** Recycling (回收): intake and inspection. ADMIN (region) and DEVICE institution staff (own institution). */
@Path("/api/v1/recycling")
@Produces(MediaType.APPLICATION_JSON)
public class RecyclingResource {
  private final RecyclingService service;

  public RecyclingResource(RecyclingService service) { this.service = service; }

  /** 201 RECEIVED; 401; 403; 404 fitting/item; 409 already recycled, fitting not delivered, item on loan/in repair; 422. */
  @POST @RolesAllowed({Role.ADMIN_S, Role.INSTITUTION_S}) @Consumes(MediaType.APPLICATION_JSON)
  public Response receive(@Auth AppUser u, RecyclingService.Intake body) {
    if (body == null) throw ApiException.invalid("deviceTypeCode", "必填 / required");
    return Response.status(201).entity(service.receive(u, body)).build();
  }

  /** 200 page; 400; 401; 403. */
  @GET @RolesAllowed({Role.ADMIN_S, Role.INSTITUTION_S})
  public Page<Recycling> list(@Auth AppUser u, @QueryParam("status") String status, @QueryParam("limit") String limit,
                              @QueryParam("cursor") String cursor) {
    return service.list(u, QueryParams.code(status, "status", List.of(Recycling.RECEIVED, Recycling.REFURBISHED, Recycling.SCRAPPED)),
        PageRequest.parse(limit, cursor));
  }

  /** 200; 401; 403; 404. */
  @GET @Path("/{id}") @RolesAllowed({Role.ADMIN_S, Role.INSTITUTION_S})
  public Recycling get(@Auth AppUser u, @PathParam("id") String id) {
    return service.get(u, QueryParams.path(id, "回收 recycling"));
  }

  /** 200 REFURBISHED (new AVAILABLE pool item, resultItemId) or SCRAPPED; 401; 403; 404; 409 already inspected; 422 outcome. */
  @POST @Path("/{id}/inspect") @RolesAllowed({Role.ADMIN_S, Role.INSTITUTION_S}) @Consumes(MediaType.APPLICATION_JSON)
  public Recycling inspect(@Auth AppUser u, @PathParam("id") String id, RecyclingService.Inspection body) {
    if (body == null) throw ApiException.invalid("outcome", "必填 / required");
    return service.inspect(u, QueryParams.path(id, "回收 recycling"), body);
  }
}
