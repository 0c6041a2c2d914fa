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

/** Repairs (维修). ADMIN (region) and DEVICE institution staff (own institution). Illegal transitions 409 with context.currentStatus. */
@Path("/api/v1/repairs")
@Produces(MediaType.APPLICATION_JSON)
public class RepairResource {
  private static final List<String> STATUSES = List.of(Repair.OPEN, Repair.IN_PROGRESS, Repair.DONE, Repair.UNREPAIRABLE);
  private final RepairService service;

  public RepairResource(RepairService service) { this.service = service; }

  /** 201 OPEN (pool item -> IN_REPAIR); 401; 403; 404 item/fitting; 409 item ON_LOAN/IN_REPAIR/RETIRED, fitting not delivered; 422. */
  @POST @RolesAllowed({Role.ADMIN_S, Role.INSTITUTION_S}) @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Auth AppUser u, RepairService.NewRepair body) {
    if (body == null) throw ApiException.invalid("itemId", "必填 / required");
    return Response.status(201).entity(service.create(u, body)).build();
  }

  /** 200 page (with itemId: the item's repair history); 400; 401; 403; 404 item. */
  @GET @RolesAllowed({Role.ADMIN_S, Role.INSTITUTION_S})
  public Page<Repair> list(@Auth AppUser u, @QueryParam("itemId") String itemId, @QueryParam("fittingId") String fittingId,
                           @QueryParam("status") String status, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    return service.list(u, QueryParams.uuid(itemId, "itemId"), QueryParams.uuid(fittingId, "fittingId"), QueryParams.code(status, "status", STATUSES),
        PageRequest.parse(limit, cursor));
  }

  /** 200; 401; 403; 404. */
  @GET @Path("/{id}") @RolesAllowed({Role.ADMIN_S, Role.INSTITUTION_S})
  public Repair get(@Auth AppUser u, @PathParam("id") String id) {
    return service.get(u, QueryParams.path(id, "维修 repair"));
  }

  /** 200 IN_PROGRESS; 401; 403; 404; 409 not OPEN. */
  @POST @Path("/{id}/start") @RolesAllowed({Role.ADMIN_S, Role.INSTITUTION_S})
  public Repair start(@Auth AppUser u, @PathParam("id") String id) {
    return service.start(u, QueryParams.path(id, "维修 repair"));
  }

  /** 200 DONE (pool item AVAILABLE); 401; 403; 404; 409 not IN_PROGRESS; 422 cost. */
  @POST @Path("/{id}/done") @RolesAllowed({Role.ADMIN_S, Role.INSTITUTION_S}) @Consumes(MediaType.APPLICATION_JSON)
  public Repair done(@Auth AppUser u, @PathParam("id") String id, RepairService.Completion body) {
    if (body == null) throw ApiException.invalid("cost", "必填 / required");
    return service.done(u, QueryParams.path(id, "维修 repair"), body);
  }

  /** 200 UNREPAIRABLE (pool item RETIRED); 401; 403; 404; 409 not IN_PROGRESS; 422. */
  @POST @Path("/{id}/unrepairable") @RolesAllowed({Role.ADMIN_S, Role.INSTITUTION_S})
  public Repair unrepairable(@Auth AppUser u, @PathParam("id") String id, @cn.donghe.rehab.common.OptionalBody RepairService.Closing body) {
    return service.unrepairable(u, QueryParams.path(id, "维修 repair"), body);
  }
}
