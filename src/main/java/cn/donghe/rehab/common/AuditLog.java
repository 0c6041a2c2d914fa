package cn.donghe.rehab.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.jdbi.v3.core.Handle;

/**
 * Writes audit events inside the caller's transaction, so a change and its audit row commit or
 * roll back together. Snapshots must never hold plaintext ID numbers (use masked views).
 */
public final class AuditLog {
  private final ObjectMapper mapper;
  private final Clock clock;

  public AuditLog(ObjectMapper mapper, Clock clock) {
    this.mapper = mapper;
    this.clock = clock;
  }

  public void record(Handle h, Actor actor, String action, String entity, Object entityId, Object before, Object after) {
    h.createUpdate("""
        INSERT INTO audit_events (id, at, actor_id, actor_role, action, entity, entity_id, request_id, before, after)
        VALUES (:id, :at, :actorId, :role, :action, :entity, :entityId, :requestId, CAST(:before AS jsonb), CAST(:after AS jsonb))""")
        .bind("id", Ids.newId())
        .bind("at", clock.instant())
        .bind("actorId", actor.actorId())
        .bind("role", actor.actorRole())
        .bind("action", action)
        .bind("entity", entity)
        .bind("entityId", entityId == null ? null : entityId.toString())
        .bind("requestId", RequestIdFilter.current())
        .bind("before", json(before))
        .bind("after", json(after))
        .execute();
  }

  /** One event per entry (entity id -> after snapshot), written as one JDBC batch; for bulk imports. */
  public void recordAll(Handle h, Actor actor, String action, String entity, java.util.Map<?, ?> afterById) {
    if (afterById.isEmpty()) return;
    org.jdbi.v3.core.statement.PreparedBatch batch = h.prepareBatch("""
        INSERT INTO audit_events (id, at, actor_id, actor_role, action, entity, entity_id, request_id, before, after)
        VALUES (:id, :at, :actorId, :role, :action, :entity, :entityId, :requestId, NULL, CAST(:after AS jsonb))""");
    java.time.Instant at = clock.instant();
    String requestId = RequestIdFilter.current();
    afterById.forEach((entityId, after) -> batch
        .bind("id", Ids.newId()).bind("at", at).bind("actorId", actor.actorId()).bind("role", actor.actorRole())
        .bind("action", action).bind("entity", entity).bind("entityId", entityId == null ? null : entityId.toString())
        .bind("requestId", requestId).bind("after", json(after)).add());
    batch.execute();
  }

  private String json(Object o) {
    if (o == null) return null;
    try {
      return mapper.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("audit snapshot not serialisable: " + o.getClass().getSimpleName(), e);
    }
  }
}
