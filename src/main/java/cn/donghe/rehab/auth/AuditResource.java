package cn.donghe.rehab.auth;

import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** The audit trail, newest first (federation staff only). Beside the users and roles it is read by, so common does not depend on auth. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
  private final Jdbi jdbi;

  public AuditResource(Jdbi jdbi) { this.jdbi = jdbi; }

  public record AuditEvent(UUID id, Instant at, UUID actorId, String actorRole, String action, String entity, String entityId,
                           String requestId, Object before, Object after) {}

  /** 200 page of events filtered by entity, entityId, actorId, from, to; 400 bad filter; 401; 403 not a global ADMIN. */
  @GET @RolesAllowed(Role.ADMIN_S)
  public Page<AuditEvent> list(@Auth AppUser admin, @QueryParam("entity") String entity, @QueryParam("entityId") String entityId,
                               @QueryParam("actorId") String actorId, @QueryParam("from") String from, @QueryParam("to") String to,
                               @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    if (!admin.isGlobalAdmin()) throw ApiException.forbidden("审计日志仅限区级管理员 / audit trail is for district-wide admins only");
    PageRequest page = PageRequest.parse(limit, cursor);
    UUID actor = null;
    if (actorId != null && !actorId.isBlank()) {
      try { actor = UUID.fromString(actorId); } catch (IllegalArgumentException e) { throw ApiException.badRequest("actorId", "无效的编号 / invalid id"); }
    }
    Instant f = instant(from, "from");
    Instant t = instant(to, "to");
    UUID before = page.after().equals(new UUID(0, 0)) ? new UUID(-1L, -1L) : page.after();
    UUID actorF = actor;
    // newest first: ids are time ordered, so the cursor walks downwards
    return jdbi.withHandle(h -> Page.of(h.createQuery("""
            SELECT id, at, actor_id, actor_role, action, entity, entity_id, request_id, before::text AS b, after::text AS a
            FROM audit_events
            WHERE id < :before AND (CAST(:entity AS text) IS NULL OR entity = :entity)
              AND (CAST(:entityId AS text) IS NULL OR entity_id = :entityId)
              AND (CAST(:actor AS uuid) IS NULL OR actor_id = :actor)
              AND (CAST(:from AS timestamptz) IS NULL OR at >= :from) AND (CAST(:to AS timestamptz) IS NULL OR at < :to)
            ORDER BY id DESC LIMIT :n""")
        .bind("before", before).bind("entity", blank(entity)).bind("entityId", blank(entityId)).bind("actor", actorF)
        .bind("from", f).bind("to", t).bind("n", page.fetch())
        .map((rs, ctx) -> new AuditEvent(rs.getObject("id", UUID.class), rs.getTimestamp("at").toInstant(), rs.getObject("actor_id", UUID.class),
            rs.getString("actor_role"), rs.getString("action"), rs.getString("entity"), rs.getString("entity_id"), rs.getString("request_id"),
            raw(rs.getString("b")), raw(rs.getString("a"))))
        .list(), page.limit(), AuditEvent::id));
  }

  private static Object raw(String json) {
    return json == null ? null : new com.fasterxml.jackson.databind.util.RawValue(json);
  }

  private static String blank(String s) { return s == null || s.isBlank() ? null : s; }

  private static Instant instant(String s, String field) {
    if (s == null || s.isBlank()) return null;
    try {
      return java.time.OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return java.time.LocalDate.parse(s).atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toInstant();
      } catch (DateTimeParseException e2) {
        throw ApiException.badRequest(field, "时间格式应为 ISO-8601 / expected ISO-8601 date or instant");
      }
    }
  }
}
