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

/** Loans of pool items. Writes: ADMIN and DEVICE institution staff; reads also GUARDIAN/DOCTOR (scoped by person). */
@Path("/api/v1/loans")
@Produces(MediaType.APPLICATION_JSON)
public class LoanResource {
  private final LoanService service;

  public LoanResource(LoanService service) { this.service = service; }

  /** 201 OPEN loan; 401; 403; 404 item or person; 409 item not AVAILABLE (incl. lost race); 422 (not rentable, dates ...). */
  @POST @RolesAllowed({Role.ADMIN_S, Role.INSTITUTION_S}) @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Auth AppUser u, LoanService.NewLoan body) {
    if (body == null) throw ApiException.invalid("itemId", "必填 / required");
    return Response.status(201).entity(service.create(u, body)).build();
  }

  /** 200 page; overdue=true: open loans due before asOf (default today); 400 bad filter; 401; 403; 404 person out of scope. */
  @GET @PermitAll
  public Page<Loan> list(@Auth AppUser u, @QueryParam("personId") String personId, @QueryParam("itemId") String itemId,
                         @QueryParam("status") String status, @QueryParam("overdue") String overdue, @QueryParam("asOf") String asOf,
                         @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    return service.list(u, QueryParams.uuid(personId, "personId"), QueryParams.uuid(itemId, "itemId"),
        QueryParams.code(status, "status", List.of(Loan.OPEN, Loan.RETURNED)), QueryParams.bool(overdue, "overdue"), QueryParams.date(asOf, "asOf"),
        PageRequest.parse(limit, cursor));
  }

  /** 200; 401; 403; 404 unknown or out of scope. */
  @GET @Path("/{id}") @PermitAll
  public Loan get(@Auth AppUser u, @PathParam("id") String id) {
    return service.get(u, QueryParams.path(id, "借用 loan"));
  }

  /** 200 RETURNED (condition POOR: item IN_REPAIR with an OPEN repair); 401; 403; 404; 409 already returned; 422. */
  @POST @Path("/{id}/return") @RolesAllowed({Role.ADMIN_S, Role.INSTITUTION_S}) @Consumes(MediaType.APPLICATION_JSON)
  public Loan giveBack(@Auth AppUser u, @PathParam("id") String id, LoanService.Return body) {
    if (body == null) throw ApiException.invalid("returnedOn", "必填 / required");
    return service.giveBack(u, QueryParams.path(id, "借用 loan"), body);
  }

  /** 200 new due date; 401; 403; 404; 409 already returned; 422 not after the current due date. */
  @POST @Path("/{id}/extend") @RolesAllowed({Role.ADMIN_S, Role.INSTITUTION_S}) @Consumes(MediaType.APPLICATION_JSON)
  public Loan extend(@Auth AppUser u, @PathParam("id") String id, LoanService.Extension body) {
    if (body == null) throw ApiException.invalid("dueDate", "必填 / required");
    return service.extend(u, QueryParams.path(id, "借用 loan"), body);
  }
}
