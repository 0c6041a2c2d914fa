package cn.donghe.rehab.referrals;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Referrals to institutions (DESIGN section 12); docs/referrals.md. */
@Path("/api/v1/referrals")
@Produces(MediaType.APPLICATION_JSON)
public class ReferralResource {
  private static final String WHAT = "转介 referral";
  private final ReferralService service;

  public ReferralResource(ReferralService service) { this.service = service; }

  /**
   * 201 the PENDING referral; 401; 403 not DOCTOR or ADMIN; 404 person not contracted to the doctor (or outside the
   * admin's region); 409 referral-open (an open referral of this person to this institution for this service);
   * 422 invalid field (toInstitutionId unknown or without the service, serviceType, reason, planId).
   */
  @POST @RolesAllowed({Role.DOCTOR_S, Role.ADMIN_S}) @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Auth AppUser user, ReferralInputs.Create body) {
    if (body == null) throw ApiException.invalid("personId", "必填 / required");
    Referral r = service.create(user, body);
    return Response.status(201).entity(r).header("Location", "/api/v1/referrals/" + r.id()).build();
  }

  /** 200 ACCEPTED; 401; 403 not the receiving INSTITUTION's role; 404 unknown or not yours; 409 referral-state; 422 appointmentOn in the past. Body optional. */
  @POST @Path("/{id}/accept") @RolesAllowed({Role.INSTITUTION_S}) @Consumes(MediaType.APPLICATION_JSON)
  public Referral accept(@Auth AppUser user, @PathParam("id") String id, @cn.donghe.rehab.common.OptionalBody ReferralInputs.Accept body) {
    return service.accept(user, Ids.parseOrNotFound(id, WHAT), body);
  }

  /** 200 DECLINED; 401; 403 not INSTITUTION; 404 unknown or not yours; 409 referral-state; 422 reason missing. */
  @POST @Path("/{id}/decline") @RolesAllowed({Role.INSTITUTION_S}) @Consumes(MediaType.APPLICATION_JSON)
  public Referral decline(@Auth AppUser user, @PathParam("id") String id, ReferralInputs.Decline body) {
    return service.decline(user, Ids.parseOrNotFound(id, WHAT), body);
  }

  /** 200 CANCELLED; 401; 403 not DOCTOR or ADMIN; 404 unknown or not the caller's referral; 409 referral-state. */
  @POST @Path("/{id}/cancel") @RolesAllowed({Role.DOCTOR_S, Role.ADMIN_S})
  public Referral cancel(@Auth AppUser user, @PathParam("id") String id) {
    return service.cancel(user, Ids.parseOrNotFound(id, WHAT));
  }

  /**
   * 200 page of referrals, oldest first: the INSTITUTION's incoming, the DOCTOR's outgoing, an ADMIN's region;
   * PENDING ones older than 7 days carry overdue true. 400 bad status, direction, limit or cursor; 401; 403 GUARDIAN.
   */
  @GET @RolesAllowed({Role.INSTITUTION_S, Role.DOCTOR_S, Role.ADMIN_S})
  public Page<Referral> list(@Auth AppUser user, @QueryParam("status") String status, @QueryParam("direction") String direction,
                             @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    return service.list(user, blankToNull(status), blankToNull(direction), PageRequest.parse(limit, cursor));
  }

  /** 200 the federation's referral take-up by town for a year (default this year); 400 bad year; 401; 403 not ADMIN. */
  @GET @Path("/take-up") @RolesAllowed({Role.ADMIN_S})
  public TakeUp takeUp(@Auth AppUser user, @QueryParam("year") String year) {
    int y;
    try {
      y = year == null || year.isBlank() ? service.thisYear() : Integer.parseInt(year.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("year", "year 须为四位年份 / year must be a 4-digit year");
    }
    if (y < 2000 || y > 2100) throw ApiException.badRequest("year", "year 须为四位年份 / year must be a 4-digit year");
    return service.takeUp(user, y);
  }

  /** 200 the referral; 401; 403 GUARDIAN; 404 unknown or not the caller's. */
  @GET @Path("/{id}") @RolesAllowed({Role.INSTITUTION_S, Role.DOCTOR_S, Role.ADMIN_S})
  public Referral get(@Auth AppUser user, @PathParam("id") String id) {
    return service.get(user, Ids.parseOrNotFound(id, WHAT));
  }

  private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.trim(); }
}
