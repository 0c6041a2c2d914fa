package cn.donghe.rehab.devices;

import cn.donghe.rehab.registry.PersonScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Rows of device_items. Status changes are conditional on the expected status (races lose with 0 rows). */
final class ItemDao {
  private static final String SELECT = """
      SELECT d.id, d.device_type_code, d.serial_no, d.condition, d.status, d.institution_id, i.name AS institution_name,
             d.refurbished, d.reuse_count, d.retired_reason, d.created_at, d.updated_at
      FROM device_items d JOIN institutions i ON i.id = d.institution_id""";
  private final Handle h;

  ItemDao(Handle h) { this.h = h; }

  void insert(UUID id, String type, String serial, String condition, UUID institutionId, boolean refurbished, int reuseCount, Instant now) {
    h.createUpdate("""
        INSERT INTO device_items (id, device_type_code, serial_no, condition, status, institution_id, refurbished, reuse_count, created_at, updated_at)
        VALUES (:id, :type, :serial, :condition, 'AVAILABLE', :inst, :refurbished, :reuse, :now, :now)""")
        .bind("id", id).bind("type", type).bind("serial", serial).bind("condition", condition).bind("inst", institutionId)
        .bind("refurbished", refurbished).bind("reuse", reuseCount).bind("now", now).execute();
  }

  Optional<DeviceItem> find(UUID id) {
    return h.createQuery(SELECT + " WHERE d.id = :id").bind("id", id).map((rs, c) -> row(rs)).findOne();
  }

  boolean serialInUse(String type, String serial) {
    return h.createQuery("SELECT count(*) FROM device_items WHERE device_type_code = :t AND serial_no = :s AND status <> 'RETIRED'")
        .bind("t", type).bind("s", serial).mapTo(Integer.class).one() > 0;
  }

  /** Moves the item from {@code from} to {@code to}; false when it was no longer in {@code from}. */
  boolean move(UUID id, String from, String to, String condition, String retiredReason, Instant now) {
    return h.createUpdate("""
        UPDATE device_items SET status = :to, condition = COALESCE(:condition, condition),
          retired_reason = CASE WHEN :to = 'RETIRED' THEN :reason ELSE NULL END, updated_at = :now
        WHERE id = :id AND status = :from""")
        .bind("id", id).bind("from", from).bind("to", to).bind("condition", condition).bind("reason", retiredReason)
        .bind("now", now).execute() == 1;
  }

  List<DeviceItem> list(PersonScope.Filter scope, UUID institutionId, String status, String type, UUID after, int fetch) {
    return scope.bindTo(h.createQuery(SELECT + " WHERE d.id > :after AND " + scope.sql() + """
             AND (CAST(:inst AS uuid) IS NULL OR d.institution_id = :inst)
             AND (CAST(:status AS text) IS NULL OR d.status = :status)
             AND (CAST(:type AS text) IS NULL OR d.device_type_code = :type)
            ORDER BY d.id LIMIT :n"""))
        .bind("after", after).bind("inst", institutionId).bind("status", status).bind("type", type).bind("n", fetch)
        .map((rs, c) -> row(rs)).list();
  }

  /** AVAILABLE items of a type, refurbished stock first, then the given institution's, then best condition. */
  List<DeviceItem> matching(PersonScope.Filter scope, String type, UUID preferInstitution, int limit) {
    return scope.bindTo(h.createQuery(SELECT + " WHERE d.status = 'AVAILABLE' AND d.device_type_code = :type AND " + scope.sql() + " " + """
             ORDER BY d.refurbished DESC, (d.institution_id = CAST(:prefer AS uuid)) IS TRUE DESC,
              array_position(ARRAY['NEW','GOOD','FAIR','POOR'], d.condition), d.id LIMIT :n"""))
        .bind("type", type).bind("prefer", preferInstitution).bind("n", limit)
        .map((rs, c) -> row(rs)).list();
  }

  static DeviceItem row(ResultSet rs) throws SQLException {
    return new DeviceItem(rs.getObject("id", UUID.class), rs.getString("device_type_code"), rs.getString("serial_no"),
        rs.getString("condition"), rs.getString("status"), rs.getObject("institution_id", UUID.class), rs.getString("institution_name"),
        rs.getBoolean("refurbished"), rs.getInt("reuse_count"), rs.getString("retired_reason"),
        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
  }
}
