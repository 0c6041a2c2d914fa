package cn.donghe.rehab.reports;

import cn.donghe.rehab.common.PageRequest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Rows of report_snapshots (append-only): the report and its person-set hashes as JSON, scoped by region prefix. */
final class SnapshotDao {
  private final Handle h;
  private final ObjectMapper mapper;

  SnapshotDao(Handle h, ObjectMapper mapper) {
    this.h = h;
    this.mapper = mapper;
  }

  /** {@code scopePrefix}: the region prefix whose readers may see the snapshot ("" = the whole district). */
  void insert(ReportSnapshot s, String scopePrefix) {
    h.createUpdate("""
        INSERT INTO report_snapshots (id, year, region_code, scope_prefix, as_of, group_by, report, hashes, created_at, created_by, final,
                                      definition_version)
        VALUES (:id, :year, :region, :prefix, :asOf, :groupBy, CAST(:report AS jsonb), CAST(:hashes AS jsonb), :at, :by, :final, :version)""")
        .bind("id", s.id()).bind("year", (short) s.year()).bind("region", s.regionCode()).bind("prefix", scopePrefix).bind("asOf", s.asOf())
        .bind("groupBy", s.groupBy()).bind("report", json(s.report())).bind("hashes", json(s.hashes())).bind("at", s.createdAt())
        .bind("by", s.createdBy()).bind("final", s.isFinal()).bind("version", (short) s.definitionVersion()).execute();
  }

  /** The snapshot when a reader of {@code readerPrefix} may see it. */
  Optional<ReportSnapshot> find(UUID id, String readerPrefix) {
    return h.createQuery("SELECT * FROM report_snapshots WHERE id = :id AND scope_prefix LIKE :scope")
        .bind("id", id).bind("scope", readerPrefix + "%").map((rs, c) -> snapshot(rs)).findOne();
  }

  List<ReportSnapshot> list(String readerPrefix, Integer year, PageRequest page) {
    return h.createQuery("""
            SELECT * FROM report_snapshots WHERE scope_prefix LIKE :scope AND (CAST(:year AS smallint) IS NULL OR year = :year)
               AND id > :after ORDER BY id LIMIT :n""")
        .bind("scope", readerPrefix + "%").bind("year", year == null ? null : year.shortValue()).bind("after", page.after())
        .bind("n", page.fetch()).map((rs, c) -> snapshot(rs)).list();
  }

  private ReportSnapshot snapshot(ResultSet rs) throws SQLException {
    try {
      IndicatorReport report = mapper.readValue(rs.getString("report"), IndicatorReport.class);
      Map<String, PersonSetHashes> hashes = mapper.readValue(rs.getString("hashes"), new TypeReference<LinkedHashMap<String, PersonSetHashes>>() {});
      return new ReportSnapshot(rs.getObject("id", UUID.class), rs.getInt("year"), rs.getString("region_code"),
          rs.getObject("as_of", LocalDate.class), rs.getString("group_by"), rs.getTimestamp("created_at").toInstant(),
          rs.getObject("created_by", UUID.class), report, hashes, rs.getBoolean("final"), version(rs, report));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored snapshot is not readable", e);
    }
  }

  /**
   * The definition version a snapshot was computed with: its column (from 186-snapshot-definition), else the one its
   * stored report names, else 1 (snapshots from before definition versions).
   */
  private static int version(ResultSet rs, IndicatorReport report) throws SQLException {
    int v = rs.getInt("definition_version");
    if (!rs.wasNull()) return v;
    return report.definitionVersion() == null ? 1 : report.definitionVersion();
  }

  private String json(Object o) {
    try {
      return mapper.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
