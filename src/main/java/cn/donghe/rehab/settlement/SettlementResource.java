package cn.donghe.rehab.settlement;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.Exports;
import cn.donghe.rehab.common.Ids;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** Monthly child-aid statements of designated institutions and their review (DESIGN section 11). */
@Path("/api/v1/settlements")
@Produces(MediaType.APPLICATION_JSON)
public class SettlementResource {
  private final SettlementService service;

  public SettlementResource(SettlementService service) { this.service = service; }

  /**
   * 201 the DRAFT statement, one line per aid charge of the institution in the month; 401; 403 not a district-wide
   * ADMIN; 409 period-not-closed, settlement-exists; 422 unknown or non-designated institution, malformed period.
   */
  @POST @RolesAllowed(Role.ADMIN_S) @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Auth AppUser admin, Settlement.CreateInput body) {
    return Response.status(201).entity(service.create(admin, body)).build();
  }

  /** 200 statement heads with totals (no lines) in the caller's reach; an INSTITUTION sees its own only; 400 bad filter; 401; 403. */
  @GET @RolesAllowed({Role.ADMIN_S, Role.INSTITUTION_S})
  public Page<Settlement> list(@Auth AppUser user, @QueryParam("institutionId") String institutionId, @QueryParam("period") String period,
                               @QueryParam("status") String status, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    UUID inst = null;
    if (institutionId != null && !institutionId.isBlank()) {
      try {
        inst = UUID.fromString(institutionId.trim());
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("institutionId", "institutionId 格式错误 / malformed institutionId");
      }
    }
    return service.list(user, inst, blankToNull(period), blankToNull(status), PageRequest.parse(limit, cursor));
  }

  /**
   * 200 the statement with its lines and totals; as the payment voucher in CSV (UTF-8 with BOM) or XLSX with
   * {@code ?format=csv|xlsx} or the Accept header; 400 unknown format; 401; 403; 404 unknown or not the caller's.
   */
  @GET @Path("/{id}") @RolesAllowed({Role.ADMIN_S, Role.INSTITUTION_S}) @Produces({MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX})
  public Response get(@Auth AppUser user, @PathParam("id") String id, @QueryParam("format") String format, @Context HttpHeaders headers) {
    Exports.Format f = Exports.choose(format, headers);
    Settlement s = service.get(user, Ids.parseOrNotFound(id, "结算单 settlement"));
    if (f == Exports.Format.JSON) return Response.ok(s, MediaType.APPLICATION_JSON_TYPE).build();
    return Exports.file(f, "settlement-" + s.period() + "-" + s.id(), java.util.List.of(SettlementVoucher.table(s)));
  }

  /**
   * 200 the statement: the line is REJECTED and its aid refunded to the child (SETTLEMENT_REFUND); 401; 403 not a
   * district-wide ADMIN; 404 unknown statement or a session that is not one of its lines; 409 settlement-approved,
   * line-already-rejected; 422 no reason.
   */
  @POST @Path("/{id}/lines/{sessionId}/reject") @RolesAllowed(Role.ADMIN_S) @Consumes(MediaType.APPLICATION_JSON)
  public Settlement reject(@Auth AppUser admin, @PathParam("id") String id, @PathParam("sessionId") String sessionId,
                           Settlement.RejectInput body) {
    UUID s = Ids.parseOrNotFound(id, "结算单 settlement");
    UUID line = Ids.parseOrNotFound(sessionId, "结算明细 settlement line");
    return service.reject(admin, s, line, body == null ? null : body.reason());
  }

  /** 200 the APPROVED statement (pending lines ACCEPTED; final); 401; 403 not a district-wide ADMIN; 404; 409 settlement-approved, period-not-closed. */
  @POST @Path("/{id}/approve") @RolesAllowed(Role.ADMIN_S)
  public Settlement approve(@Auth AppUser admin, @PathParam("id") String id) {
    return service.approve(admin, Ids.parseOrNotFound(id, "结算单 settlement"));
  }

  private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.trim(); }
}
