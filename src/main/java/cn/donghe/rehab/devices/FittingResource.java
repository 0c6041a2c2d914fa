package cn.donghe.rehab.devices;

import cn.donghe.rehab.common.QueryParams;
import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
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
import java.util.List;
import java.util.Map;

/**
 * Fittings (适配). Writes: ADMIN (region) and staff of institutions offering DEVICE services (own
 * institution's fittings). Reads also: GUARDIAN (own children) and DOCTOR (contracted persons).
 * Illegal transitions are 409 with {@code context.currentStatus}.
 */
@Path("/api/v1/fittings")
@Produces(MediaType.APPLICATION_JSON)
public class FittingResource {
  private static final String WRITE_1 = Role.ADMIN_S;
  private static final String WRITE_2 = Role.INSTITUTION_S;
  private static final List<String> STATUSES = List.of(Fitting.REQUESTED, Fitting.ASSESSED, Fitting.REJECTED, Fitting.FITTED,
      Fitting.FOLLOWED_UP, Fitting.CANCELLED);
  private final FittingService service;

  public FittingResource(FittingService service) { this.service = service; }

  /** 201 REQUESTED; 401; 403 role/institution without DEVICE, or override by non-ADMIN; 404 person; 409 pending duplicate or subsidy within service life; 422. */
  @POST @RolesAllowed({WRITE_1, WRITE_2}) @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Auth AppUser u, FittingService.NewFitting body) {
    if (body == null) throw ApiException.invalid("personId", "必填 / required");
    return Response.status(201).entity(service.create(u, body)).build();
  }

  /** 200 page; 400 bad filter; 401; 403 institution without DEVICE; 404 person out of scope. */
  @GET @PermitAll
  public Page<Fitting> list(@Auth AppUser u, @QueryParam("personId") String personId, @QueryParam("status") String status,
                            @QueryParam("deviceTypeCode") String type, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    return service.list(u, QueryParams.uuid(personId, "personId"), QueryParams.code(status, "status", STATUSES), DeviceCodes.blank(type),
        PageRequest.parse(limit, cursor));
  }

  /** 200; 401; 403 institution without DEVICE; 404 unknown or out of scope. */
  @GET @Path("/{id}") @PermitAll
  public Fitting get(@Auth AppUser u, @PathParam("id") String id) {
    return service.get(u, QueryParams.path(id, "适配 fitting"));
  }

  /** 200 {"items":[pool items]}; 401; 403; 404; 409 fitting not pending. */
  @GET @Path("/{id}/matching-items") @RolesAllowed({WRITE_1, WRITE_2})
  public Map<String, List<DeviceItem>> matching(@Auth AppUser u, @PathParam("id") String id, @QueryParam("limit") String limit) {
    return Map.of("items", service.matchingItems(u, QueryParams.path(id, "适配 fitting"), PageRequest.parse(limit, null).limit()));
  }

  /** 200 ASSESSED or REJECTED; 401; 403; 404; 409 not REQUESTED; 422. */
  @POST @Path("/{id}/assess") @RolesAllowed({WRITE_1, WRITE_2}) @Consumes(MediaType.APPLICATION_JSON)
  public Fitting assess(@Auth AppUser u, @PathParam("id") String id, FittingService.Assessment body) {
    if (body == null) throw ApiException.invalid("suitable", "必填 / required");
    return service.assess(u, QueryParams.path(id, "适配 fitting"), body);
  }

  /** 200 FITTED; 401; 403 (override by non-ADMIN); 404; 409 not ASSESSED, subsidy within service life, pool item not available; 422. */
  @POST @Path("/{id}/deliver") @RolesAllowed({WRITE_1, WRITE_2}) @Consumes(MediaType.APPLICATION_JSON)
  public Fitting deliver(@Auth AppUser u, @PathParam("id") String id, FittingService.Delivery body) {
    if (body == null) throw ApiException.invalid("deliveredOn", "必填 / required");
    return service.deliver(u, QueryParams.path(id, "适配 fitting"), body);
  }

  /** 200 FOLLOWED_UP; 401; 403; 404; 409 not FITTED; 422. */
  @POST @Path("/{id}/follow-up") @RolesAllowed({WRITE_1, WRITE_2}) @Consumes(MediaType.APPLICATION_JSON)
  public Fitting followUp(@Auth AppUser u, @PathParam("id") String id, FittingService.FollowUp body) {
    if (body == null) throw ApiException.invalid("on", "必填 / required");
    return service.followUp(u, QueryParams.path(id, "适配 fitting"), body);
  }

  /** 200 CANCELLED (body {"reason"} optional); 401; 403; 404; 409 not REQUESTED/ASSESSED. */
  @POST @Path("/{id}/cancel") @RolesAllowed({WRITE_1, WRITE_2})
  public Fitting cancel(@Auth AppUser u, @PathParam("id") String id,
                        @cn.donghe.rehab.common.OptionalBody FittingService.Cancellation body) {
    return service.cancel(u, QueryParams.path(id, "适配 fitting"), body);
  }
}
