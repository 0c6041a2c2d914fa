package cn.donghe.rehab.plans;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.Page;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A plan by id: read, revise (If-Match), revision history and diff, close. */
@Path("/api/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
public class PlanResource {
  private static final String PLAN = "康复方案 plan";
  private final PlanService service;

  public PlanResource(PlanService service) {
    this.service = service;
  }

  /** Optional body of close. */
  public record CloseInput(String reason) {}

  /** 200 the plan with ETag; 401; 404 unknown or out of scope (GUARDIAN: only an ACTIVE plan of own child; INSTITUTION: plans naming it). */
  @GET @Path("/{planId}") @PermitAll
  public Response get(@Auth AppUser user, @PathParam("planId") String planId) {
    Plan p = service.get(user, Ids.parseOrNotFound(planId, PLAN));
    return Response.ok(p).tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(p.revision()))).build();
  }

  /**
   * 200 the plan at its new revision (ETag); 401; 403 INSTITUTION/GUARDIAN; 404 unknown or out of scope;
   * 409 plan closed; 412 If-Match stale; 422 invalid content; 428 If-Match missing.
   */
  @PUT @Path("/{planId}") @RolesAllowed({Role.ADMIN_S, Role.DOCTOR_S}) @Consumes(MediaType.APPLICATION_JSON)
  public Response revise(@Auth AppUser user, @PathParam("planId") String planId, @HeaderParam("If-Match") String ifMatch,
                         PlanContent body) {
    var revisions = IfMatch.revisions(ifMatch);
    if (body == null) throw ApiException.invalid("goals", "必填 / required");
    Plan p = service.revise(user, Ids.parseOrNotFound(planId, PLAN), revisions, body);
    return Response.ok(p).tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(p.revision()))).build();
  }

  /**
   * 200 {@code {"items":[{revision, authorId, authorName, authorRole, createdAt, content}]}} oldest first,
   * or with {@code diff=true} {@code {"items":[{revision, previousRevision, ..., changes:[{path, before, after}]}]}};
   * 400 bad diff flag; 401; 403 GUARDIAN; 404 unknown or out of scope.
   */
  @GET @Path("/{planId}/revisions") @RolesAllowed({Role.ADMIN_S, Role.DOCTOR_S, Role.INSTITUTION_S})
  public Response revisions(@Auth AppUser user, @PathParam("planId") String planId, @QueryParam("diff") String diff) {
    boolean asDiff = flag(diff);
    var id = Ids.parseOrNotFound(planId, PLAN);
    Object page = asDiff ? new Page<>(service.diffs(user, id), null) : new Page<>(service.revisions(user, id), null);
    return Response.ok(page).build();
  }

  /** 200 the closed plan; 401; 403 INSTITUTION/GUARDIAN; 404 unknown or out of scope; 409 already closed. Body optional {"reason"}. */
  @POST @Path("/{planId}/close") @RolesAllowed({Role.ADMIN_S, Role.DOCTOR_S}) @Consumes(MediaType.APPLICATION_JSON)
  public Plan close(@Auth AppUser user, @PathParam("planId") String planId, @cn.donghe.rehab.common.OptionalBody CloseInput in) {
    return service.close(user, Ids.parseOrNotFound(planId, PLAN), in == null ? null : in.reason());
  }

  /**
   * 200 the plan at its new revision (ETag), the review recorded; 400 malformed JSON; 401; 403 INSTITUTION/GUARDIAN;
   * 404 unknown or out of scope (another doctor's person, another region); 409 plan closed; 412 If-Match (optional) stale;
   * 422 invalid on, goals, notes or nextReviewDate.
   */
  @POST @Path("/{planId}/review") @RolesAllowed({Role.ADMIN_S, Role.DOCTOR_S}) @Consumes(MediaType.APPLICATION_JSON)
  public Response review(@Auth AppUser user, @PathParam("planId") String planId, @HeaderParam("If-Match") String ifMatch,
                         PlanService.ReviewInput body) {
    if (body == null) throw ApiException.invalid("on", "必填 / required");
    var revisions = ifMatch == null || ifMatch.isBlank() ? null : IfMatch.revisions(ifMatch);
    Plan p = service.review(user, Ids.parseOrNotFound(planId, PLAN), revisions, body);
    return Response.ok(p).tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(p.revision()))).build();
  }

  /**
   * 200 {@code {"items":[OverdueReview],"nextCursor"}}: ACTIVE plans whose review date has passed, by plan id; DOCTOR:
   * persons contracted to them today; ADMIN: their region; 400 malformed limit/cursor; 401; 403 INSTITUTION/GUARDIAN.
   */
  @GET @Path("/worklist/review-overdue") @RolesAllowed({Role.ADMIN_S, Role.DOCTOR_S})
  public Page<OverdueReview> reviewOverdue(@Auth AppUser user, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    return service.reviewOverdue(user, cn.donghe.rehab.common.PageRequest.parse(limit, cursor));
  }

  private static boolean flag(String raw) {
    if (raw == null || raw.isBlank() || raw.equals("false")) return false;
    if (raw.equals("true")) return true;
    throw ApiException.badRequest("diff", "diff 须为 true 或 false / diff must be true or false");
  }
}
