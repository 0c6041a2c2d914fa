package cn.donghe.rehab.devices;

import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.registry.PersonScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Rows of loan reminders: the steps due, recording each step once, delivery marks, and scoped reads. */
final class LoanNotificationDao {
  private static final String SELECT = """
      SELECT n.id, n.loan_id, n.person_id, n.offset_days, n.due_date, n.step_date, n.kind, n.message, n.channel, n.created_at, n.delivered_at
      FROM loan_notifications n""";
  private final Handle h;

  LoanNotificationDao(Handle h) { this.h = h; }

  /** An open loan's reminder step that is due by {@code day} and not yet recorded. */
  record DueStep(UUID loanId, UUID personId, LocalDate due, int offset, String typeName, String serial, UUID institutionId) {}

  /**
   * Steps ({@code offsets} days from the due date, ascending) due by {@code day} and not yet recorded; a step before the
   * loan started is skipped, and a before-due step is only sent while the loan is not yet due.
   */
  List<DueStep> dueSteps(List<Integer> offsets, LocalDate day) {
    return h.createQuery("""
        SELECT l.id, l.person_id, l.due_date, o.off, t.name, d.serial_no, l.institution_id
        FROM loans l JOIN device_items d ON d.id = l.item_id JOIN device_types t ON t.code = d.device_type_code
        CROSS JOIN unnest(CAST(:offsets AS integer[])) AS o(off)
        WHERE l.returned_on IS NULL AND l.due_date <= :maxDue
          AND l.due_date + o.off <= :day AND l.due_date + o.off >= l.start_date
          AND (o.off >= 0 OR l.due_date >= :day)
          AND NOT EXISTS (SELECT 1 FROM loan_notifications n WHERE n.loan_id = l.id AND n.due_date = l.due_date AND n.offset_days = o.off)
        ORDER BY l.due_date, l.id, o.off""")
        .bind("offsets", offsets.toArray(new Integer[0])).bind("day", day).bind("maxDue", day.minusDays(offsets.get(0)))
        .map((rs, c) -> new DueStep(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, LocalDate.class), rs.getInt(4),
            rs.getString(5), rs.getString(6), rs.getObject(7, UUID.class)))
        .list();
  }

  /** False when this step of this loan was already recorded (by another instance, or a run racing this one). */
  boolean insertOnce(UUID id, DueStep s, String kind, String message, String channel, Instant now) {
    return h.createUpdate("""
        INSERT INTO loan_notifications (id, loan_id, person_id, offset_days, due_date, step_date, kind, message, channel, created_at)
        VALUES (:id, :loan, :person, :off, :due, :step, :kind, :message, :channel, :now)
        ON CONFLICT ON CONSTRAINT loan_notifications_once_per_step DO NOTHING""")
        .bind("id", id).bind("loan", s.loanId()).bind("person", s.personId()).bind("off", s.offset()).bind("due", s.due())
        .bind("step", s.due().plusDays(s.offset())).bind("kind", kind).bind("message", message)
        .bind("channel", channel).bind("now", now).execute() == 1;
  }

  /** Up to {@code limit} undelivered reminders, oldest first, locked; rows another instance holds are skipped. */
  List<LoanNotification> lockUndelivered(int limit) {
    return h.createQuery(SELECT + " WHERE n.delivered_at IS NULL ORDER BY n.created_at LIMIT :n FOR UPDATE OF n SKIP LOCKED")
        .bind("n", limit).map((rs, c) -> row(rs)).list();
  }

  void markDelivered(UUID id, Instant now) {
    h.createUpdate("UPDATE loan_notifications SET delivered_at = :now WHERE id = :id").bind("now", now).bind("id", id).execute();
  }

  List<LoanNotification> list(PersonScope.Filter scope, UUID loanId, UUID personId, PageRequest page) {
    return scope.bindTo(h.createQuery(SELECT + """
             JOIN loans l ON l.id = n.loan_id JOIN persons p ON p.id = n.person_id
            WHERE n.id > :after AND """ + " " + scope.sql() + """
             AND (CAST(:loan AS uuid) IS NULL OR n.loan_id = :loan)
             AND (CAST(:person AS uuid) IS NULL OR n.person_id = :person)
            ORDER BY n.id LIMIT :n"""))
        .bind("after", page.after()).bind("loan", loanId).bind("person", personId).bind("n", page.fetch())
        .map((rs, c) -> row(rs)).list();
  }

  private static LoanNotification row(ResultSet rs) throws SQLException {
    Timestamp delivered = rs.getTimestamp("delivered_at");
    return new LoanNotification(rs.getObject("id", UUID.class), rs.getObject("loan_id", UUID.class), rs.getObject("person_id", UUID.class),
        rs.getInt("offset_days"), rs.getObject("due_date", LocalDate.class), rs.getObject("step_date", LocalDate.class),
        rs.getString("kind"), rs.getString("message"), rs.getString("channel"), rs.getTimestamp("created_at").toInstant(),
        delivered == null ? null : delivered.toInstant());
  }
}
