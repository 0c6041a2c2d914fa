package cn.donghe.rehab.sessions;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Rehab sessions. */
@Path("/api/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private final SessionService service;

  public SessionResource(SessionService service) { this.service = service; }

  public record VoidInput(@Schema(requiredMode = REQUIRED) String reason) {}

  /**
   * 201 the session with its aid split (a replay of the same key and body answers 201 with the original
   * body and {@code Idempotent-Replayed: true}); 400 Idempotency-Key missing or malformed; 401; 403 not
   * INSTITUTION, DOCTOR or ADMIN; 404 (DOCTOR) person not contracted to them; 409 institution-not-rehab, institution-not-child-aid-designated, no-aid-account;
   * 422 invalid field (date more than LATE_ENTRY_DAYS back for an INSTITUTION; lateEntryReason missing for an
   * ADMIN's older entry; institutionId missing for an ADMIN), or idempotency-key-reused (same key, different body).
   * An ADMIN records a session for {@code institutionId} (late entries, with {@code lateEntryReason}). A DOCTOR logs
   * for persons contracted to them today (404 otherwise), for their own clinic, without child aid (422 useChildAid).
   */
  @POST @RolesAllowed({Role.INSTITUTION_S, Role.DOCTOR_S, Role.ADMIN_S}) @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Auth AppUser staff, @HeaderParam(IDEMPOTENCY_KEY) String key, SessionInput body) {
    if (body == null) throw ApiException.invalid("personId", "必填 / required");
    SessionService.Created c = service.create(staff, key, body);
    Response.ResponseBuilder r = Response.status(201).entity(c.session()).header("Location", "/api/v1/sessions/" + c.session().id());
    if (c.replayed()) r.header("Idempotent-Replayed", "true");
    return r.build();
  }

  /** 200 the voided session (a second void answers the same state); 401; 403 not INSTITUTION/ADMIN; 404 unknown or not yours; 422 reason missing. */
  @POST @Path("/{id}/void") @RolesAllowed({Role.INSTITUTION_S, Role.ADMIN_S}) @Consumes(MediaType.APPLICATION_JSON)
  public Session voidSession(@Auth AppUser user, @PathParam("id") String id, VoidInput body) {
    UUID sid = Ids.parseOrNotFound(id, "康复记录 session");
    return service.voidSession(user, sid, body == null ? null : body.reason());
  }

  /** 200 page of sessions in scope, oldest first; 400 bad filter; 401; 404 personId out of scope. */
  @GET @PermitAll
  public Page<Session> list(@Auth AppUser user, @QueryParam("personId") String personId, @QueryParam("from") String from,
                            @QueryParam("to") String to, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    UUID person = null;
    if (personId != null && !personId.isBlank()) {
      try {
        person = UUID.fromString(personId.trim());
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("personId", "personId 格式错误 / malformed personId");
      }
    }
    return service.list(user, person, date(from, "from"), date(to, "to"), PageRequest.parse(limit, cursor));
  }

  /** 200 the session; 401; 404 unknown or out of scope. */
  @GET @Path("/{id}") @PermitAll
  public Session get(@Auth AppUser user, @PathParam("id") String id) {
    return service.get(user, Ids.parseOrNotFound(id, "康复记录 session"));
  }

  private static LocalDate date(String raw, String field) {
    if (raw == null || raw.isBlank()) return null;
    try {
      return LocalDate.parse(raw.trim());
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(field, field + " 须为 YYYY-MM-DD / " + field + " must be YYYY-MM-DD");
    }
  }
}
