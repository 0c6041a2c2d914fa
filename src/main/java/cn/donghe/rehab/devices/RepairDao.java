package cn.donghe.rehab.devices;

import cn.donghe.rehab.registry.PersonScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Rows of repairs; transitions are conditional on the expected status. */
final class RepairDao {
  private static final String SELECT = """
      SELECT r.id, r.item_id, r.fitting_id, r.loan_id, r.institution_id, r.problem, r.status, r.cost, r.notes, r.opened_on,
             r.started_on, r.closed_on, r.created_at, r.updated_at
      FROM repairs r JOIN institutions i ON i.id = r.institution_id""";
  private final Handle h;

  RepairDao(Handle h) { this.h = h; }

  void insert(Repair r) {
    h.createUpdate("""
        INSERT INTO repairs (id, item_id, fitting_id, loan_id, institution_id, problem, status, opened_on, created_at, updated_at)
        VALUES (:id, :item, :fitting, :loan, :inst, :problem, 'OPEN', :on, :now, :now)""")
        .bind("id", r.id()).bind("item", r.itemId()).bind("fitting", r.fittingId()).bind("loan", r.loanId())
        .bind("inst", r.institutionId()).bind("problem", r.problem()).bind("on", r.openedOn()).bind("now", r.createdAt()).execute();
  }

  Optional<Repair> find(UUID id) {
    return h.createQuery(SELECT + " WHERE r.id = :id").bind("id", id).map((rs, c) -> row(rs)).findOne();
  }

  Optional<Repair> findScoped(UUID id, PersonScope.Filter scope) {
    return scope.bindTo(h.createQuery(SELECT + " WHERE r.id = :id AND " + scope.sql())).bind("id", id).map((rs, c) -> row(rs)).findOne();
  }

  boolean transition(UUID id, String expected, String to, String assignments, Map<String, Object> values, Instant now) {
    var u = h.createUpdate("UPDATE repairs SET status = :to, updated_at = :now" + (assignments.isEmpty() ? "" : ", " + assignments)
        + " WHERE id = :id AND status = :expected");
    values.forEach(u::bind);
    return u.bind("to", to).bind("now", now).bind("id", id).bind("expected", expected).execute() == 1;
  }

  List<Repair> list(PersonScope.Filter scope, UUID itemId, UUID fittingId, String status, UUID after, int fetch) {
    return scope.bindTo(h.createQuery(SELECT + " WHERE r.id > :after AND " + scope.sql() + """
             AND (CAST(:item AS uuid) IS NULL OR r.item_id = :item)
             AND (CAST(:fitting AS uuid) IS NULL OR r.fitting_id = :fitting)
             AND (CAST(:status AS text) IS NULL OR r.status = :status)
            ORDER BY r.id LIMIT :n"""))
        .bind("after", after).bind("item", itemId).bind("fitting", fittingId).bind("status", status).bind("n", fetch)
        .map((rs, c) -> row(rs)).list();
  }

  static Repair row(ResultSet rs) throws SQLException {
    return new Repair(rs.getObject("id", UUID.class), rs.getObject("item_id", UUID.class), rs.getObject("fitting_id", UUID.class),
        rs.getObject("loan_id", UUID.class), rs.getObject("institution_id", UUID.class), rs.getString("problem"), rs.getString("status"),
        rs.getBigDecimal("cost"), rs.getString("notes"), rs.getObject("opened_on", LocalDate.class),
        rs.getObject("started_on", LocalDate.class), rs.getObject("closed_on", LocalDate.class),
        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
  }
}
