package cn.donghe.rehab.devices;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.registry.PersonScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Reads loan reminders, scoped like the loans they belong to. */
public final class NotificationService {
  static final String SELECT = """
      SELECT n.id, n.loan_id, n.person_id, n.offset_days, n.due_date, n.step_date, n.kind, n.message, n.channel, n.created_at, n.delivered_at
      FROM loan_notifications n""";
  private final Jdbi jdbi;
  private final DeviceAccess access;

  NotificationService(Jdbi jdbi, DeviceAccess access) {
    this.jdbi = jdbi;
    this.access = access;
  }

  public Page<LoanNotification> list(AppUser u, UUID loanId, UUID personId, PageRequest page) {
    return jdbi.withHandle(h -> {
      access.requireReader(h, u);
      if (personId != null) access.persons().requireReadable(h, u, personId);
      PersonScope.Filter scope = access.personRecords(u, "l", "p");
      if (loanId != null && new LoanDao(h).findScoped(loanId, scope).isEmpty()) throw ApiException.notFound("借用 loan");
      return Page.of(scope.bindTo(h.createQuery(SELECT + """
               JOIN loans l ON l.id = n.loan_id JOIN persons p ON p.id = n.person_id
              WHERE n.id > :after AND """ + " " + scope.sql() + """
               AND (CAST(:loan AS uuid) IS NULL OR n.loan_id = :loan)
               AND (CAST(:person AS uuid) IS NULL OR n.person_id = :person)
              ORDER BY n.id LIMIT :n"""))
          .bind("after", page.after()).bind("loan", loanId).bind("person", personId).bind("n", page.fetch())
          .map((rs, c) -> row(rs)).list(), page.limit(), LoanNotification::id);
    });
  }

  static LoanNotification row(ResultSet rs) throws SQLException {
    Timestamp delivered = rs.getTimestamp("delivered_at");
    return new LoanNotification(rs.getObject("id", UUID.class), rs.getObject("loan_id", UUID.class), rs.getObject("person_id", UUID.class),
        rs.getInt("offset_days"), rs.getObject("due_date", LocalDate.class), rs.getObject("step_date", LocalDate.class),
        rs.getString("kind"), rs.getString("message"), rs.getString("channel"), rs.getTimestamp("created_at").toInstant(),
        delivered == null ? null : delivered.toInstant());
  }
}
