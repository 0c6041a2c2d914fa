package cn.donghe.rehab.plans;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Rows of plans, plan_revisions and plan_institutions. */
final class PlanDao {
  private static final String SELECT_PLAN = """
      SELECT p.id, p.person_id, p.status, p.current_revision, p.created_at, p.updated_at, p.closed_at, p.close_reason, r.content
      FROM plans p JOIN plan_revisions r ON r.plan_id = p.id AND r.revision = p.current_revision""";
  private final Handle h;
  private final ObjectMapper mapper;

  PlanDao(Handle h, ObjectMapper mapper) {
    this.h = h;
    this.mapper = mapper;
  }

  void insertPlan(UUID id, UUID personId, UUID createdBy, Instant now) {
    h.createUpdate("""
        INSERT INTO plans (id, person_id, status, current_revision, created_at, created_by, updated_at)
        VALUES (:id, :person, 'ACTIVE', 1, :now, :by, :now)""")
        .bind("id", id).bind("person", personId).bind("by", createdBy).bind("now", now).execute();
  }

  void insertRevision(UUID planId, int revision, PlanContent content, UUID authorId, String authorRole, Instant now) {
    h.createUpdate("""
        INSERT INTO plan_revisions (plan_id, revision, content, author_id, author_role, created_at)
        VALUES (:plan, :rev, CAST(:content AS jsonb), :author, :role, :now)""")
        .bind("plan", planId).bind("rev", revision).bind("content", json(content)).bind("author", authorId)
        .bind("role", authorRole).bind("now", now).execute();
  }

  /** The institutions named by the current revision (replaces the previous set). */
  void nameInstitutions(UUID planId, Collection<UUID> institutions) {
    h.createUpdate("DELETE FROM plan_institutions WHERE plan_id = :plan").bind("plan", planId).execute();
    if (institutions.isEmpty()) return;
    h.createUpdate("INSERT INTO plan_institutions (institution_id, plan_id) SELECT DISTINCT x, :plan FROM unnest(CAST(:ids AS uuid[])) x")
        .bind("plan", planId).bind("ids", institutions.toArray(new UUID[0])).execute();
  }

  Optional<Plan> find(UUID id) {
    return h.createQuery(SELECT_PLAN + " WHERE p.id = :id").bind("id", id).map((rs, c) -> plan(rs)).findOne();
  }

  Optional<Plan> activeFor(UUID personId) {
    return h.createQuery(SELECT_PLAN + " WHERE p.person_id = :person AND p.status = 'ACTIVE'").bind("person", personId)
        .map((rs, c) -> plan(rs)).findOne();
  }

  List<Plan> forPerson(UUID personId) {
    return h.createQuery(SELECT_PLAN + " WHERE p.person_id = :person ORDER BY p.created_at DESC").bind("person", personId)
        .map((rs, c) -> plan(rs)).list();
  }

  /** Moves an ACTIVE plan from revision {@code expected} to the next; false when it is not (any more) at that revision. */
  boolean advance(UUID planId, int expected, Instant now) {
    return h.createUpdate("""
        UPDATE plans SET current_revision = current_revision + 1, updated_at = :now
        WHERE id = :id AND current_revision = :expected AND status = 'ACTIVE'""")
        .bind("id", planId).bind("expected", expected).bind("now", now).execute() == 1;
  }

  boolean close(UUID planId, UUID by, String reason, Instant now) {
    return h.createUpdate("""
        UPDATE plans SET status = 'CLOSED', closed_at = :now, closed_by = :by, close_reason = :reason, updated_at = :now
        WHERE id = :id AND status = 'ACTIVE'""")
        .bind("id", planId).bind("by", by).bind("reason", reason).bind("now", now).execute() == 1;
  }

  boolean namesInstitution(UUID planId, UUID institutionId) {
    return h.createQuery("SELECT EXISTS (SELECT 1 FROM plan_institutions WHERE institution_id = :i AND plan_id = :p)")
        .bind("i", institutionId).bind("p", planId).mapTo(Boolean.class).one();
  }

  List<PlanRevision> revisions(UUID planId) {
    return h.createQuery("""
            SELECT r.revision, r.author_id, u.display_name, r.author_role, r.created_at, r.content, v.reviewed_on, v.notes
            FROM plan_revisions r LEFT JOIN users u ON u.id = r.author_id
            LEFT JOIN plan_reviews v ON v.plan_id = r.plan_id AND v.revision = r.revision
            WHERE r.plan_id = :plan ORDER BY r.revision""")
        .bind("plan", planId)
        .map((rs, c) -> {
          LocalDate on = rs.getObject("reviewed_on", LocalDate.class);
          return new PlanRevision(rs.getInt("revision"), rs.getObject("author_id", UUID.class), rs.getString("display_name"),
              rs.getString("author_role"), rs.getTimestamp("created_at").toInstant(), content(rs.getString("content")),
              on == null ? null : new PlanRevision.Review(on, rs.getString("notes")));
        })
        .list();
  }

  void insertReview(UUID planId, int revision, LocalDate on, String notes, UUID reviewer, Instant now) {
    h.createUpdate("""
        INSERT INTO plan_reviews (plan_id, revision, reviewed_on, notes, reviewer_id, created_at)
        VALUES (:plan, :rev, :on, :notes, :by, :now)""")
        .bind("plan", planId).bind("rev", revision).bind("on", on).bind("notes", notes).bind("by", reviewer).bind("now", now).execute();
  }

  /**
   * ACTIVE plans whose current revision's reviewDate is before {@code today}, of the persons {@code scope} lets the
   * caller read (the persons alias is {@code pe}), ordered by plan id after {@code after}, at most {@code fetch}.
   */
  List<OverdueReview> reviewOverdue(cn.donghe.rehab.registry.PersonScope.Filter scope, LocalDate today, UUID after, int fetch) {
    return scope.bindTo(h.createQuery("""
            SELECT p.id, p.person_id, pe.name, pe.id_number_masked, pe.region_code, CAST(r.content ->> 'reviewDate' AS date) AS review_date,
                   d.id AS doctor_id, d.name AS doctor_name
              FROM plans p
              JOIN plan_revisions r ON r.plan_id = p.id AND r.revision = p.current_revision
              JOIN persons pe ON pe.id = p.person_id
              LEFT JOIN contracts c ON c.person_id = p.person_id AND c.active_range @> CAST(:today AS date)
              LEFT JOIN doctors d ON d.id = c.doctor_id
             WHERE p.status = 'ACTIVE' AND CAST(r.content ->> 'reviewDate' AS date) < :today AND p.id > :after""" + " AND " + scope.sql() + """

             ORDER BY p.id LIMIT :fetch"""))
        .bind("today", today).bind("after", after).bind("fetch", fetch)
        .map((rs, c) -> {
          LocalDate due = rs.getObject("review_date", LocalDate.class);
          return new OverdueReview(rs.getObject("id", UUID.class), rs.getObject("person_id", UUID.class), rs.getString("name"),
              rs.getString("id_number_masked"), rs.getString("region_code"), due, (int) java.time.temporal.ChronoUnit.DAYS.between(due, today),
              rs.getObject("doctor_id", UUID.class), rs.getString("doctor_name"));
        }).list();
  }

  boolean isPlanOf(UUID planId, UUID personId) {
    return h.createQuery("SELECT EXISTS (SELECT 1 FROM plans WHERE id = :plan AND person_id = :person)")
        .bind("plan", planId).bind("person", personId).mapTo(Boolean.class).one();
  }

  Optional<PlanRef> ref(UUID planId, int revision) {
    return h.createQuery("""
            SELECT p.id, r.revision, p.person_id, p.status FROM plans p
            JOIN plan_revisions r ON r.plan_id = p.id AND r.revision = :rev WHERE p.id = :plan""")
        .bind("plan", planId).bind("rev", revision)
        .map((rs, c) -> new PlanRef(rs.getObject(1, UUID.class), rs.getInt(2), rs.getObject(3, UUID.class), rs.getString(4)))
        .findOne();
  }

  private Plan plan(ResultSet rs) throws SQLException {
    PlanContent c = content(rs.getString("content"));
    java.sql.Timestamp closed = rs.getTimestamp("closed_at");
    return new Plan(rs.getObject("id", UUID.class), rs.getObject("person_id", UUID.class), rs.getString("status"),
        rs.getInt("current_revision"), c.goals(), c.interventions(), c.startDate(), c.reviewDate(),
        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
        closed == null ? null : closed.toInstant(), rs.getString("close_reason"));
  }

  private PlanContent content(String json) throws SQLException {
    try {
      return mapper.readValue(json, PlanContent.class);
    } catch (JsonProcessingException e) {
      throw new SQLException("unreadable plan content", e);
    }
  }

  private String json(Object o) {
    try {
      return mapper.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

}
