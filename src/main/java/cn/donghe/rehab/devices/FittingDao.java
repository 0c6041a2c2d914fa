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

/**
 * Rows of fittings. Every transition is one conditional UPDATE ({@code WHERE status = :expected}),
 * so of two concurrent transitions from one state only one changes the row.
 */
final class FittingDao {
  private static final String COLUMNS = """
      f.id, f.person_id, f.device_type_code, f.institution_id, f.status, f.requested_on, f.assessed_on, f.suitable,
      f.assessment_notes, f.delivered_on, f.serial_no, f.item_id, f.subsidy, f.subsidy_until, f.override_reason, f.override_by,
      f.follow_up_on, f.follow_up_outcome, f.follow_up_notes, f.cancelled_on, f.cancel_reason, f.created_at, f.updated_at""";
  private final Handle h;

  FittingDao(Handle h) { this.h = h; }

  /** Fittings requested in [from, to] still REQUESTED or ASSESSED (neither delivered nor closed). */
  long countOpenRequested(LocalDate from, LocalDate to) {
    return h.createQuery("SELECT count(*) FROM fittings WHERE requested_on BETWEEN :from AND :to AND status IN ('REQUESTED', 'ASSESSED')")
        .bind("from", from).bind("to", to).mapTo(Long.class).one();
  }

  void insert(Fitting f) {
    h.createUpdate("""
        INSERT INTO fittings (id, person_id, device_type_code, institution_id, status, requested_on, override_reason, override_by,
          created_at, updated_at)
        VALUES (:id, :person, :type, :inst, 'REQUESTED', :on, :reason, :by, :now, :now)""")
        .bind("id", f.id()).bind("person", f.personId()).bind("type", f.deviceTypeCode()).bind("inst", f.institutionId())
        .bind("on", f.requestedOn()).bind("reason", f.subsidyOverride() == null ? null : f.subsidyOverride().reason())
        .bind("by", f.subsidyOverride() == null ? null : f.subsidyOverride().by()).bind("now", f.createdAt()).execute();
  }

  Optional<Fitting> find(UUID id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM fittings f WHERE f.id = :id").bind("id", id).map((rs, c) -> row(rs)).findOne();
  }

  Optional<Fitting> findScoped(UUID id, PersonScope.Filter scope) {
    return scope.bindTo(h.createQuery("SELECT " + COLUMNS + " FROM fittings f JOIN persons p ON p.id = f.person_id WHERE f.id = :id AND " + scope.sql()))
        .bind("id", id).map((rs, c) -> row(rs)).findOne();
  }

  /** Subsidised deliveries of this type to this person (other than {@code except}). */
  List<DeviceSubsidyPolicy.PriorSubsidy> subsidised(UUID personId, String type, UUID except) {
    return h.createQuery("""
        SELECT id, delivered_on, subsidy_until FROM fittings
        WHERE person_id = :p AND device_type_code = :t AND delivered_on IS NOT NULL AND subsidy > 0 AND id <> :except
        ORDER BY delivered_on""")
        .bind("p", personId).bind("t", type).bind("except", except == null ? new UUID(0, 0) : except)
        .map((rs, c) -> new DeviceSubsidyPolicy.PriorSubsidy(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class)))
        .list();
  }

  /** Serialises policy decisions for one person and device type until the transaction ends. */
  void lockPersonType(UUID personId, String type) {
    h.createQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(:k, 40))").bind("k", "fitting:" + personId + ":" + type)
        .mapTo(Integer.class).one();
  }

  /**
   * {@code SET <assignments> WHERE id AND status = :expected}; true when the row changed. The
   * assignments are fixed SQL text of the service, the values always bound.
   */
  boolean transition(UUID id, String expected, String to, String assignments, Map<String, Object> values, Instant now) {
    var u = h.createUpdate("UPDATE fittings SET status = :to, updated_at = :now" + (assignments.isEmpty() ? "" : ", " + assignments)
        + " WHERE id = :id AND status = :expected");
    values.forEach(u::bind);
    return u.bind("to", to).bind("now", now).bind("id", id).bind("expected", expected).execute() == 1;
  }

  List<Fitting> list(PersonScope.Filter scope, UUID personId, String status, String type, UUID after, int fetch) {
    return scope.bindTo(h.createQuery("SELECT " + COLUMNS + " FROM fittings f JOIN persons p ON p.id = f.person_id"
            + " WHERE f.id > :after AND " + scope.sql() + """
             AND (CAST(:person AS uuid) IS NULL OR f.person_id = :person)
             AND (CAST(:status AS text) IS NULL OR f.status = :status)
             AND (CAST(:type AS text) IS NULL OR f.device_type_code = :type)
            ORDER BY f.id LIMIT :n"""))
        .bind("after", after).bind("person", personId).bind("status", status).bind("type", type).bind("n", fetch)
        .map((rs, c) -> row(rs)).list();
  }

  static Fitting row(ResultSet rs) throws SQLException {
    String reason = rs.getString("override_reason");
    Object suitable = rs.getObject("suitable");
    return new Fitting(rs.getObject("id", UUID.class), rs.getObject("person_id", UUID.class), rs.getString("device_type_code"),
        rs.getObject("institution_id", UUID.class), rs.getString("status"), date(rs, "requested_on"), date(rs, "assessed_on"),
        (Boolean) suitable, rs.getString("assessment_notes"), date(rs, "delivered_on"), rs.getString("serial_no"),
        rs.getObject("item_id", UUID.class), rs.getBigDecimal("subsidy"), date(rs, "subsidy_until"),
        reason == null ? null : new Fitting.SubsidyOverride(reason, rs.getObject("override_by", UUID.class)),
        date(rs, "follow_up_on"), rs.getString("follow_up_outcome"), rs.getString("follow_up_notes"), date(rs, "cancelled_on"),
        rs.getString("cancel_reason"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
  }

  static LocalDate date(ResultSet rs, String col) throws SQLException {
    return rs.getObject(col, LocalDate.class);
  }

}
