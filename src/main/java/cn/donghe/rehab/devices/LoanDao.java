package cn.donghe.rehab.devices;

import cn.donghe.rehab.registry.PersonScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Rows of loans. Returning and extending only touch open loans ({@code returned_on IS NULL}). */
final class LoanDao {
  private static final String SELECT = """
      SELECT l.id, l.item_id, l.person_id, l.start_date, l.due_date, l.returned_on, l.return_condition, l.institution_id,
             l.extensions, d.device_type_code, d.serial_no
      FROM loans l JOIN device_items d ON d.id = l.item_id JOIN persons p ON p.id = l.person_id""";
  private final Handle h;

  LoanDao(Handle h) { this.h = h; }

  void insert(UUID id, UUID itemId, UUID personId, UUID institutionId, LocalDate start, LocalDate due, Instant now) {
    h.createUpdate("""
        INSERT INTO loans (id, item_id, person_id, institution_id, start_date, due_date, created_at, updated_at)
        VALUES (:id, :item, :person, :inst, :start, :due, :now, :now)""")
        .bind("id", id).bind("item", itemId).bind("person", personId).bind("inst", institutionId)
        .bind("start", start).bind("due", due).bind("now", now).execute();
  }

  Optional<Loan> find(UUID id) {
    return h.createQuery(SELECT + " WHERE l.id = :id").bind("id", id).map((rs, c) -> row(rs)).findOne();
  }

  Optional<Loan> findScoped(UUID id, PersonScope.Filter scope) {
    return scope.bindTo(h.createQuery(SELECT + " WHERE l.id = :id AND " + scope.sql())).bind("id", id).map((rs, c) -> row(rs)).findOne();
  }

  boolean markReturned(UUID id, LocalDate on, String condition, Instant now) {
    return h.createUpdate("UPDATE loans SET returned_on = :on, return_condition = :c, updated_at = :now WHERE id = :id AND returned_on IS NULL")
        .bind("id", id).bind("on", on).bind("c", condition).bind("now", now).execute() == 1;
  }

  boolean extend(UUID id, LocalDate expectedDue, LocalDate newDue, Instant now) {
    return h.createUpdate("""
        UPDATE loans SET due_date = :due, extensions = extensions + 1, updated_at = :now
        WHERE id = :id AND returned_on IS NULL AND due_date = :expected""")
        .bind("id", id).bind("expected", expectedDue).bind("due", newDue).bind("now", now).execute() == 1;
  }

  record Query(UUID personId, UUID itemId, String status, Boolean overdue, LocalDate asOf) {}

  List<Loan> list(PersonScope.Filter scope, Query q, UUID after, int fetch) {
    return scope.bindTo(h.createQuery(SELECT + " WHERE l.id > :after AND " + scope.sql() + """
             AND (CAST(:person AS uuid) IS NULL OR l.person_id = :person)
             AND (CAST(:item AS uuid) IS NULL OR l.item_id = :item)
             AND (CAST(:status AS text) IS NULL OR (l.returned_on IS NULL) = (:status = 'OPEN'))
             AND (CAST(:overdue AS boolean) IS NULL OR (l.returned_on IS NULL AND l.due_date < :asOf) = :overdue)
            ORDER BY l.id LIMIT :n"""))
        .bind("after", after).bind("person", q.personId()).bind("item", q.itemId()).bind("status", q.status())
        .bind("overdue", q.overdue()).bind("asOf", q.asOf()).bind("n", fetch)
        .map((rs, c) -> row(rs)).list();
  }

  static Loan row(ResultSet rs) throws SQLException {
    LocalDate returned = rs.getObject("returned_on", LocalDate.class);
    return new Loan(rs.getObject("id", UUID.class), rs.getObject("item_id", UUID.class), rs.getObject("person_id", UUID.class),
        rs.getObject("start_date", LocalDate.class), rs.getObject("due_date", LocalDate.class), returned,
        returned == null ? Loan.OPEN : Loan.RETURNED, rs.getString("return_condition"), rs.getObject("institution_id", UUID.class),
        rs.getString("device_type_code"), rs.getString("serial_no"), rs.getInt("extensions"));
  }
}
