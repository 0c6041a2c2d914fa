package cn.donghe.rehab.contracts;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Rows of the assessments table. */
final class AssessmentDao {
  private static final String COLUMNS = "person_id, year, assessed_on, rehab_needs, device_needs, region_code, assessed_by, created_at, updated_at";
  private final Handle h;

  AssessmentDao(Handle h) { this.h = h; }

  /** Serialises writers of one person's year, so the audited "before" is really what was replaced. */
  void lock(UUID personId, int year) {
    h.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(:k, 20))) x")
        .bind("k", "assessment:" + personId + ":" + year).mapTo(Integer.class).one();
  }

  Optional<Assessment> find(UUID personId, int year) {
    return h.createQuery("SELECT " + COLUMNS + " FROM assessments WHERE person_id = :p AND year = :y")
        .bind("p", personId).bind("y", (short) year).map((rs, c) -> assessment(rs)).findOne();
  }

  List<Assessment> forPerson(UUID personId) {
    return h.createQuery("SELECT " + COLUMNS + " FROM assessments WHERE person_id = :p ORDER BY year DESC")
        .bind("p", personId).map((rs, c) -> assessment(rs)).list();
  }

  void upsert(Assessment a) {
    h.createUpdate("""
        INSERT INTO assessments (person_id, year, assessed_on, rehab_needs, device_needs, region_code, assessed_by, created_at, updated_at)
        VALUES (:p, :y, :on, :rehab, :device, :region, :by, :created, :updated)
        ON CONFLICT (person_id, year) DO UPDATE SET assessed_on = EXCLUDED.assessed_on, rehab_needs = EXCLUDED.rehab_needs,
          device_needs = EXCLUDED.device_needs, region_code = EXCLUDED.region_code, assessed_by = EXCLUDED.assessed_by,
          updated_at = EXCLUDED.updated_at""")
        .bind("p", a.personId()).bind("y", (short) a.year()).bind("on", a.assessedOn())
        .bind("rehab", a.rehabNeeds().toArray(new String[0])).bind("device", a.deviceNeeds().toArray(new String[0]))
        .bind("region", a.regionCode()).bind("by", a.assessedBy()).bind("created", a.createdAt()).bind("updated", a.updatedAt())
        .execute();
  }

  /** Device codes not in the catalogue, or null when there is no catalogue yet (table missing or empty). */
  List<String> unknownDeviceTypes(List<String> codes) {
    boolean exists = h.createQuery("SELECT to_regclass('device_types') IS NOT NULL").mapTo(Boolean.class).one();
    if (!exists || !h.createQuery("SELECT EXISTS (SELECT 1 FROM device_types)").mapTo(Boolean.class).one()) return null;
    return h.createQuery("SELECT x FROM unnest(CAST(:codes AS text[])) x WHERE NOT EXISTS (SELECT 1 FROM device_types d WHERE d.code = x)")
        .bind("codes", codes.toArray(new String[0])).mapTo(String.class).list();
  }

  private static Assessment assessment(ResultSet rs) throws SQLException {
    return new Assessment(rs.getObject("person_id", UUID.class), rs.getInt("year"), rs.getObject("assessed_on", LocalDate.class),
        strings(rs.getArray("rehab_needs")), strings(rs.getArray("device_needs")), rs.getString("region_code"),
        rs.getObject("assessed_by", UUID.class), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
  }

  private static List<String> strings(Array a) throws SQLException {
    return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
  }
}
