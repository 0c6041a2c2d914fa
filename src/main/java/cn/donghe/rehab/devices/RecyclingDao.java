package cn.donghe.rehab.devices;

import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.registry.PersonScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Rows of recycling intakes; the inspection is conditional on the intake still being RECEIVED. */
final class RecyclingDao {
  private static final String SELECT = """
      SELECT r.id, r.fitting_id, r.source_item_id, r.device_type_code, r.serial_no, r.condition, r.institution_id, r.status,
             r.received_on, r.inspected_on, r.result_item_id, r.created_at, r.updated_at
      FROM recycling r JOIN institutions i ON i.id = r.institution_id""";
  private final Handle h;

  RecyclingDao(Handle h) { this.h = h; }

  /** Throws the unique violation {@code recycling_once_per} when the device was already taken in. */
  void insert(Recycling r) {
    h.createUpdate("""
        INSERT INTO recycling (id, fitting_id, source_item_id, device_type_code, serial_no, condition, institution_id, status,
          received_on, created_at, updated_at)
        VALUES (:id, :fitting, :item, :type, :serial, :condition, :inst, 'RECEIVED', :on, :now, :now)""")
        .bind("id", r.id()).bind("fitting", r.fittingId()).bind("item", r.sourceItemId()).bind("type", r.deviceTypeCode())
        .bind("serial", r.serialNo()).bind("condition", r.condition()).bind("inst", r.institutionId()).bind("on", r.receivedOn())
        .bind("now", r.createdAt()).execute();
  }

  /** RECEIVED to {@code to}; false when the intake was no longer RECEIVED. */
  boolean inspect(UUID id, String to, LocalDate on, UUID resultItemId, Instant now) {
    return h.createUpdate("""
        UPDATE recycling SET status = :to, inspected_on = :on, result_item_id = :item, updated_at = :now
        WHERE id = :id AND status = 'RECEIVED'""")
        .bind("to", to).bind("on", on).bind("item", resultItemId).bind("now", now).bind("id", id).execute() == 1;
  }

  List<Recycling> list(PersonScope.Filter scope, String status, PageRequest page) {
    return scope.bindTo(h.createQuery(SELECT + " WHERE r.id > :after AND " + scope.sql()
            + " AND (CAST(:status AS text) IS NULL OR r.status = :status) ORDER BY r.id LIMIT :n"))
        .bind("after", page.after()).bind("status", status).bind("n", page.fetch()).map((rs, c) -> row(rs)).list();
  }

  Optional<Recycling> findScoped(UUID id, PersonScope.Filter scope) {
    return scope.bindTo(h.createQuery(SELECT + " WHERE r.id = :id AND " + scope.sql())).bind("id", id).map((rs, c) -> row(rs)).findOne();
  }

  Optional<Recycling> find(UUID id) {
    return h.createQuery(SELECT + " WHERE r.id = :id").bind("id", id).map((rs, c) -> row(rs)).findOne();
  }

  private static Recycling row(ResultSet rs) throws SQLException {
    return new Recycling(rs.getObject("id", UUID.class), rs.getObject("fitting_id", UUID.class), rs.getObject("source_item_id", UUID.class),
        rs.getString("device_type_code"), rs.getString("serial_no"), rs.getString("condition"), rs.getObject("institution_id", UUID.class),
        rs.getString("status"), rs.getObject("received_on", LocalDate.class), rs.getObject("inspected_on", LocalDate.class),
        rs.getObject("result_item_id", UUID.class), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
  }
}
