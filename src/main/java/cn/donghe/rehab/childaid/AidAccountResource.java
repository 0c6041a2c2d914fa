package cn.donghe.rehab.childaid;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.ZoneId;
import java.util.UUID;

/** Child rehab aid accounts and their ledgers. */
@Path("/api/v1/aid-accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AidAccountResource {
  static final String CSV = "text/csv";
  private final AidAccountService service;
  private final ZoneId zone;

  public AidAccountResource(AidAccountService service, ZoneId zone) {
    this.service = service;
    this.zone = zone;
  }

  /**
   * 201 the account with its BUDGET entry; 401; 403 not ADMIN; 409 aid-already-enrolled; 422 invalid
   * field, no guardian consent under 14, or not eligible (aid-age-out-of-range, aid-category-mismatch,
   * aid-category-not-in-standard, aid-person-not-active, aid-no-standard).
   */
  @POST @RolesAllowed(Role.ADMIN_S) @Consumes(MediaType.APPLICATION_JSON)
  public Response enrol(@Auth AppUser admin, AidAccountService.EnrolInput body) {
    if (body == null) throw ApiException.invalid("personId", "必填 / required");
    return Response.status(201).entity(service.enrol(admin, body)).build();
  }

  /** 200 page of accounts in scope, each with its ledger; 400 bad filter (INSTITUTION must name personId); 401; 404 person out of scope. */
  @GET @PermitAll
  public Page<AidAccount> list(@Auth AppUser user, @QueryParam("personId") String personId, @QueryParam("year") String year,
                               @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    UUID person = null;
    if (personId != null && !personId.isBlank()) {
      try {
        person = UUID.fromString(personId.trim());
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("personId", "personId 格式错误 / malformed personId");
      }
    }
    Integer y = year == null || year.isBlank() ? null : AidStandardResource.year(year.trim());
    return service.list(user, person, y, PageRequest.parse(limit, cursor));
  }

  /**
   * 200 the account with its ledger, oldest first; as CSV (UTF-8 with BOM) with {@code Accept: text/csv}
   * or {@code ?format=csv}; 401; 404 unknown or out of scope.
   */
  @GET @Path("/{id}") @PermitAll @Produces({MediaType.APPLICATION_JSON, CSV})
  public Response get(@Auth AppUser user, @PathParam("id") String id, @QueryParam("format") String format,
                      @Context HttpHeaders headers) {
    AidAccount a = service.get(user, Ids.parseOrNotFound(id, "救助账户 aid account"));
    boolean csv = "csv".equalsIgnoreCase(format)
        || (format == null && headers.getAcceptableMediaTypes().stream().findFirst().map(m -> m.isCompatible(MediaType.valueOf(CSV)) && !m.isWildcardType()).orElse(false));
    if (!csv) return Response.ok(a, MediaType.APPLICATION_JSON_TYPE).build();
    return Response.ok(StatementCsv.render(a, zone), CSV + "; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"aid-statement-" + a.year() + "-" + a.id() + ".csv\"").build();
  }
}
